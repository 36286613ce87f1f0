package io.cdmf.ipc.message.frame;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.frame.TestFrames.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;
import static io.cdmf.ipc.message.frame.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * What {@link FrameDecoder} does with the headers section of a frame: every length is checked against the bytes
 * present, the section is there exactly when flag {@link MessageHeader#FLAG_HEADERS} says so, and a reused message
 * gets the frame's headers and no others.
 */
class FrameDecoderHeadersTests {

	private final FrameDecoder decoder = new FrameDecoder(MAX);

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 5, 6 })
	void shouldRejectATruncatedHeadersSection(int missing) {
		byte[] frame = encode(oneHeader("abc", "1234"));
		int end = frame.length - 100;
		byte[] cut = new byte[frame.length - missing];
		System.arraycopy(frame, 0, cut, 0, end - missing);
		System.arraycopy(frame, end, cut, end - missing, 100);
		putInt(cut, FRAME_LENGTH_OFFSET, cut.length);
		putInt(cut, METADATA_LENGTH_OFFSET, getInt(frame, METADATA_LENGTH_OFFSET) - missing);

		FrameException ex = assertMalformed(rechecksum(cut));

		assertThat(ex).hasMessageContaining("metadata ends inside a");
		assertThat(ex.getClaimedMessageId()).isEqualTo(MESSAGE_ID);
		assertThat(ex.isFrameSkippable()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3, 1000, 65535 })
	void shouldRejectAHeaderCountPastTheEndOfTheMetadata(int count) {
		byte[] frame = encode(oneHeader("a", ""));

		FrameException ex = assertMalformed(rechecksum(putShort(frame, headersOffset(frame), count)));

		assertThat(ex).hasMessageContaining("header count " + count);
	}

	@Test
	void shouldRejectTheHeadersFlagWithoutAHeadersSection() {
		byte[] frame = encode(fullMessage());
		putShort(frame, FLAGS_OFFSET, MessageHeader.FLAG_HEADERS);

		assertThat(assertMalformed(rechecksum(frame))).hasMessageContaining("header count");
	}

	@Test
	void shouldRejectTheHeadersFlagWithACountOfZero() {
		byte[] frame = encode(fullMessage());
		frame = insert(frame, metadataField(frame, 4), (byte) 0, (byte) 0);
		putInt(frame, METADATA_LENGTH_OFFSET, getInt(frame, METADATA_LENGTH_OFFSET) + 2);
		putShort(frame, FLAGS_OFFSET, MessageHeader.FLAG_HEADERS);

		assertThat(assertMalformed(rechecksum(frame))).hasMessageContaining("header count is 0");
	}

	@Test
	void shouldRejectAHeadersSectionWithoutTheFlag() {
		byte[] frame = encode(headersMessage());
		putShort(frame, FLAGS_OFFSET, 0);

		assertThat(assertMalformed(rechecksum(frame))).hasMessageContaining("bytes after its last field");
	}

	@Test
	void shouldRejectBytesAfterTheLastHeader() {
		byte[] frame = encode(oneHeader("a", "b"));
		int metadataEnd = payloadOffset(getInt(frame, METADATA_LENGTH_OFFSET));
		frame = insert(frame, metadataEnd, (byte) 7);
		putInt(frame, METADATA_LENGTH_OFFSET, getInt(frame, METADATA_LENGTH_OFFSET) + 1);

		assertThat(assertMalformed(rechecksum(frame))).hasMessageContaining("1 bytes after its last field");
	}

	@Test
	void shouldRejectAHeaderWithAnEmptyName() {
		byte[] frame = encode(oneHeader("a", "bc"));
		// The header becomes an empty name and a one-byte value; the empty name is found before the bytes left over.
		int name = headersOffset(frame) + 2;
		putShort(frame, name, 0);
		putShort(frame, name + 2, 1);
		frame[name + 4] = 'v';

		assertThat(assertMalformed(rechecksum(frame))).hasMessageContaining("header 0 has an empty name");
	}

	@Test
	void shouldRejectARepeatedHeaderName() {
		Message message = fullMessage();
		message.getMetadata().setHeader("a", "1").setHeader("b", "2");
		byte[] frame = encode(message);
		// The second name, 'b', becomes 'a'.
		frame[headersOffset(frame) + 2 + 3 + 2 + 1 + 2] = 'a';

		assertThat(assertMalformed(rechecksum(frame))).hasMessageContaining("header 1 repeats the name");
	}

	@Test
	void shouldRejectAHeaderValueLongerThan65535Utf8BytesOnceDecoded() {
		// 30000 invalid bytes each become U+FFFD, three bytes in UTF-8: 90000 bytes.
		byte[] invalid = new byte[30_000];
		Arrays.fill(invalid, (byte) 0xFF);
		Message message = oneHeader("v", "x".repeat(invalid.length));
		byte[] frame = encode(message);
		System.arraycopy(invalid, 0, frame, headersOffset(frame) + 2 + 3 + 2, invalid.length);

		assertThat(assertMalformed(rechecksum(frame))).hasMessageContaining("once decoded");
	}

	@Test
	void shouldDecodeHeadersWhetherPayloadIsCopiedOrViewed() {
		Message message = headersMessage();
		byte[] frame = encode(message);

		Message copied = this.decoder.decode(ByteBuffer.wrap(frame), 0, frame.length, true);
		Message viewed = this.decoder.decode(ByteBuffer.wrap(frame), 0, frame.length, false);

		assertDecodedAs(copied, message);
		assertDecodedAs(viewed, message);
	}

	@ParameterizedTest
	@EnumSource(Memory.class)
	void shouldReplaceTheHeadersOfAReusedMessageWithTheFrames(Memory memory) {
		Message target = new Message();
		decodeInto(target, memory, headersMessage());
		Map<String, String> view = target.getMetadata().getHeaders();

		decodeInto(target, memory, oneHeader("only", "this"));
		assertThat(target.getMetadata().getHeaders()).containsExactly(entry("only", "this")).isSameAs(view);
		assertThat(target.getHeader().hasFlag(MessageHeader.FLAG_HEADERS)).isTrue();

		decodeInto(target, memory, fullMessage());
		assertThat(target.getMetadata().getHeaders()).isEmpty();
		assertThat(target.getMetadata().hasHeaders()).isFalse();
		assertThat(target.getHeader().hasFlag(MessageHeader.FLAG_HEADERS)).isFalse();
	}

	@Test
	void whenAReusedMessageOnceHadHeadersThenHeaderlessFramesStillAllocateNothing() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		Message target = new Message();
		decodeInto(target, Memory.DIRECT, headersMessage());
		Message request = Message.request("oneway", ByteBuffer.allocate(64));
		byte[] frame = encode(request);
		ByteBuffer ring = ByteBuffer.allocateDirect(frame.length).put(0, frame);
		int frames = 200_000;
		for (int i = 0; i < frames; i++) {
			this.decoder.decodeInto(target, ring, 0, frame.length);
		}
		long before = threads.getCurrentThreadAllocatedBytes();
		for (int i = 0; i < frames; i++) {
			this.decoder.decodeInto(target, ring, 0, frame.length);
		}
		long perFrame = (threads.getCurrentThreadAllocatedBytes() - before) / frames;

		assertThat(perFrame).isLessThan(16);
		assertThat(target.getMetadata().hasHeaders()).isFalse();
	}

	private void decodeInto(Message target, Memory memory, Message message) {
		byte[] frame = encode(message);
		this.decoder.decodeInto(target, memory.allocate(frame.length).put(0, frame), 0, frame.length);
	}

	private static Message oneHeader(String name, String value) {
		Message message = fullMessage();
		message.getMetadata().setHeader(name, value);
		return message;
	}

	private FrameException assertMalformed(byte[] frame) {
		FrameException ex = rejection(frame);
		assertThat(ex.getErrorCode()).as(ex.getMessage()).isEqualTo(ErrorCode.MALFORMED_FRAME);
		assertThat(ex.getErrorInfo().category()).isEqualTo("FRAME");
		return ex;
	}

}
