package io.cdmf.ipc.message.frame;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.message.frame.TestFrames.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;
import static io.cdmf.ipc.message.frame.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link FrameDecoder#decodeInto}: decoding into a reused message with a reused payload window, as the shared-memory
 * server does for every request.
 */
class FrameDecoderDecodeIntoTests {

	private final FrameDecoder decoder = new FrameDecoder(MAX);

	@ParameterizedTest
	@EnumSource(Memory.class)
	void shouldOverwriteEveryFieldOfTheTarget(Memory memory) {
		Message target = new Message();
		byte[] withError = encode(errorMessage());
		this.decoder.decodeInto(target, memory.allocate(withError.length).put(0, withError), 0, withError.length);
		target.setOrigin(() -> "a previous peer").markPayloadTransient();
		Message full = fullMessage();
		byte[] frame = encode(full);

		Message decoded = this.decoder.decodeInto(target, memory.allocate(frame.length).put(0, frame), 0, frame.length);

		assertThat(decoded).isSameAs(target);
		assertDecodedAs(decoded, full);
		assertThat(decoded.getErrorInfo()).isNull();
		assertThat(decoded.getOrigin()).isNull();
		assertThat(decoded.isPayloadTransient()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Memory.class)
	void shouldRepointOneReadOnlyWindowOverTheSourceForEveryFrame(Memory memory) {
		byte[] first = encode(Message.request("first", ByteBuffer.wrap(sequence(10))));
		byte[] second = encode(Message.request("second", ByteBuffer.wrap(new byte[] { 42, 43 })));
		ByteBuffer source = memory.allocate(first.length + second.length).put(0, first).put(first.length, second);
		Message target = new Message();

		ByteBuffer firstPayload = this.decoder.decodeInto(target, source, 0, first.length).getPayload();
		assertThat(firstPayload.isReadOnly()).isTrue();
		assertThat(firstPayload.position()).isEqualTo(first.length - 10);
		assertThat(firstPayload.limit()).isEqualTo(first.length);
		assertThat(target.getPayloadBytes()).isEqualTo(sequence(10));
		// A handler may change the view's byte order (FlatBuffers does); the next frame gets the default back.
		firstPayload.order(ByteOrder.LITTLE_ENDIAN);

		ByteBuffer secondPayload = this.decoder.decodeInto(target, source, first.length, second.length).getPayload();
		assertThat(secondPayload).isSameAs(firstPayload);
		assertThat(secondPayload.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
		assertThat(secondPayload.remaining()).isEqualTo(2);
		assertThat(target.getPayloadBytes()).containsExactly(42, 43);
		assertThat(target.getHeader().getPayloadSize()).isEqualTo(2);
		assertThat(target.getMetadata().getSubject()).isEqualTo("second");
		assertThat(source.position()).isZero();
	}

	@Test
	void shouldKeepIdsAsHalvesAndMakeRecordsOnlyWhenAsked() {
		Message original = fullMessage();
		byte[] frame = encode(original);
		Message target = this.decoder.decodeInto(new Message(), le(frame), 0, frame.length);

		assertThat(target.getHeader().getMessageIdHigh()).isEqualTo(MESSAGE_ID.high());
		assertThat(target.getHeader().getMessageIdLow()).isEqualTo(MESSAGE_ID.low());
		MessageId id = target.getMessageId();
		assertThat(id).isEqualTo(MESSAGE_ID).isSameAs(target.getMessageId());
		assertThat(target.getHeader().getCorrelationId()).isEqualTo(original.getHeader().getCorrelationId());

		byte[] request = encode(Message.request("m", ByteBuffer.allocate(0)));
		this.decoder.decodeInto(target, le(request), 0, request.length);
		assertThat(target.getHeader().getCorrelationId()).isSameAs(MessageId.NONE);
		assertThat(target.getMessageId()).isNotEqualTo(id);
		assertThat(id).isEqualTo(MESSAGE_ID);
	}

	@Test
	void shouldRejectABadFrameNamingItsClaimedId() {
		byte[] frame = encode(fullMessage());
		frame[frame.length - 1] ^= 1;

		FrameException rejection = catchThrowableOfType(
				() -> this.decoder.decodeInto(new Message(), le(frame), 0, frame.length), FrameException.class);

		assertThat(rejection.getErrorCode()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
		assertThat(rejection.getClaimedMessageId()).isEqualTo(MESSAGE_ID);
	}

	@Test
	void shouldAllocateNoObjectPerValidFrame() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		Message request = Message.request("oneway", ByteBuffer.allocate(64));
		request.getMetadata().setSourceEndpoint("shm://client").setDestinationEndpoint("shm://server");
		byte[] frame = encode(request);
		ByteBuffer ring = ByteBuffer.allocateDirect(frame.length + 128).put(128, frame);
		Message target = new Message();
		MessageOrigin origin = () -> "ring";
		int frames = 200_000;
		for (int i = 0; i < frames; i++) {
			this.decoder.decodeInto(target, ring, 128, frame.length).setOrigin(origin);
		}
		long before = threads.getCurrentThreadAllocatedBytes();
		for (int i = 0; i < frames; i++) {
			this.decoder.decodeInto(target, ring, 128, frame.length).setOrigin(origin);
		}
		long perFrame = (threads.getCurrentThreadAllocatedBytes() - before) / frames;

		// The smallest object is 16 bytes: less than that per frame means no object per frame.
		assertThat(perFrame).isLessThan(16);
		assertThat(target.getMetadata().getSubject()).isEqualTo("oneway");
	}

}
