package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessagePriority;
import io.cdmf.ipc.message.MessageStatus;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.SerializationFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Builds frames for the codec tests and patches their fields the way a faulty or hostile peer would, recomputing
 * the CRC32C so that a test reaches the check it means to reach.
 */
final class TestFrames {

	static final int MAX = FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH;

	static final MessageId MESSAGE_ID = new MessageId(0x0123456789ABCDEFL, 0xFEDCBA9876543210L);

	private TestFrames() {
	}

	/**
	 * Returns a message with every field set to a value other than its default.
	 */
	static Message fullMessage() {
		Message message = new Message();
		message.getHeader()
			.setMessageId(MESSAGE_ID)
			.setCorrelationId(new MessageId(-1L, 42L))
			.setTimestampMicros(1_700_000_000_123_456L)
			.setType(MessageType.RESPONSE)
			.setPriority(MessagePriority.HIGH)
			.setFormat(SerializationFormat.PROTOBUF)
			.setFlags(MessageHeader.FLAG_DEDUPLICATE | MessageHeader.FLAG_ONE_WAY);
		message.getMetadata()
			.setSourceEndpoint("unix:///tmp/client.sock")
			.setDestinationEndpoint("unix:///tmp/calc.sock")
			.setSubject("add")
			.setContentType("application/x-protobuf")
			.setExpirationMillis(1_700_000_005_000L)
			.setRetryCount(2)
			.setMaxRetries(5);
		return message.setPayload(sequence(100));
	}

	/**
	 * Returns a full message that also carries an error.
	 */
	static Message errorMessage() {
		Message message = fullMessage();
		message.getHeader().setType(MessageType.ERROR);
		return message.setErrorInfo(new ErrorInfo(ErrorCode.INTERNAL, "handler failed", "INTERNAL", "add"));
	}

	/**
	 * Returns a full message that also carries headers: ASCII, W3C trace context, an empty value and non-ASCII text.
	 */
	static Message headersMessage() {
		Message message = fullMessage();
		message.getMetadata()
			.setHeader("authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")
			.setHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
			.setHeader("tenant", "")
			.setHeader("x-grüße", "計算 😀");
		return message;
	}

	static byte[] sequence(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		return bytes;
	}

	static byte[] encode(Message message) {
		return new FrameEncoder(MAX).encode(message).array();
	}

	static Message decode(byte[] frame) {
		return new FrameDecoder(MAX).decode(ByteBuffer.wrap(frame), 0, frame.length, true);
	}

	/**
	 * Decodes a frame that must be rejected and returns the exception.
	 */
	static FrameException rejection(byte[] frame) {
		FrameException ex = catchThrowableOfType(() -> decode(frame), FrameException.class);
		assertThat(ex).as("decoding must fail with a FrameException").isNotNull();
		return ex;
	}

	static ByteBuffer le(byte[] frame) {
		return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
	}

	static byte[] putByte(byte[] frame, int offset, int value) {
		frame[offset] = (byte) value;
		return frame;
	}

	static byte[] putShort(byte[] frame, int offset, int value) {
		le(frame).putShort(offset, (short) value);
		return frame;
	}

	static byte[] putInt(byte[] frame, int offset, int value) {
		le(frame).putInt(offset, value);
		return frame;
	}

	static byte[] putLong(byte[] frame, int offset, long value) {
		le(frame).putLong(offset, value);
		return frame;
	}

	static int getInt(byte[] frame, int offset) {
		return le(frame).getInt(offset);
	}

	/**
	 * Recomputes the checksum over bytes [8, declared length), or to the end of the array if it is shorter.
	 */
	static byte[] rechecksum(byte[] frame) {
		if (frame.length < FrameDescriptor.PREFIX_LENGTH) {
			return frame;
		}
		long declared = Integer.toUnsignedLong(getInt(frame, FrameDescriptor.FRAME_LENGTH_OFFSET));
		int end = (int) Math.min(declared, frame.length);
		if (end > FrameDescriptor.CHECKSUM_START) {
			putInt(frame, FrameDescriptor.CHECKSUM_OFFSET, crc32c(frame, FrameDescriptor.CHECKSUM_START, end));
		}
		return frame;
	}

	static int crc32c(byte[] bytes, int from, int to) {
		CRC32C crc = new CRC32C();
		crc.update(bytes, from, to - from);
		return (int) crc.getValue();
	}

	/**
	 * Returns the offset of the length prefix of the n-th metadata field: 0 to 3 are the four strings, 4 is the
	 * error code, 5 to 7 are the error strings. In a frame without error info, field 4 is where the headers start.
	 */
	static int metadataField(byte[] frame, int n) {
		int index = FrameDescriptor.HEADER_LENGTH;
		for (int i = 0; i < n; i++) {
			index += (i == 4) ? 4 : 2 + (le(frame).getShort(index) & 0xFFFF);
		}
		return index;
	}

	/**
	 * Returns the offset of the headers section (its count) of a frame that carries one.
	 */
	static int headersOffset(byte[] frame) {
		boolean error = (le(frame).getShort(FrameDescriptor.FLAGS_OFFSET) & MessageHeader.FLAG_ERROR_INFO) != 0;
		return metadataField(frame, error ? 8 : 4);
	}

	/**
	 * Inserts bytes into a frame and grows the frame length by as many bytes; the other lengths are not changed.
	 */
	static byte[] insert(byte[] frame, int at, byte... bytes) {
		byte[] result = new byte[frame.length + bytes.length];
		System.arraycopy(frame, 0, result, 0, at);
		System.arraycopy(bytes, 0, result, at, bytes.length);
		System.arraycopy(frame, at, result, at + bytes.length, frame.length - at);
		return putInt(result, FrameDescriptor.FRAME_LENGTH_OFFSET, result.length);
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Asserts that a decoded message carries every field of the message that was encoded.
	 */
	static void assertDecodedAs(Message decoded, Message original) {
		MessageHeader header = decoded.getHeader();
		MessageHeader expected = original.getHeader();
		assertThat(header.getMessageId()).isEqualTo(expected.getMessageId());
		assertThat(header.getCorrelationId()).isEqualTo(expected.getCorrelationId());
		assertThat(header.getTimestampMicros()).isEqualTo(expected.getTimestampMicros());
		assertThat(header.getType()).isEqualTo(expected.getType());
		assertThat(header.getPriority()).isEqualTo(expected.getPriority());
		assertThat(header.getFormat()).isEqualTo(expected.getFormat());
		// The codec sets FLAG_HEADERS from the metadata; a message built locally need not have it.
		assertThat(header.getFlags() & ~MessageHeader.FLAG_HEADERS)
			.isEqualTo(expected.getFlags() & ~MessageHeader.FLAG_HEADERS);
		assertThat(header.hasFlag(MessageHeader.FLAG_HEADERS)).isEqualTo(original.getMetadata().hasHeaders());
		assertThat(header.getVersion()).isEqualTo(FrameDescriptor.VERSION);
		assertThat(header.getChecksum()).isEqualTo(expected.getChecksum());
		assertThat(header.getPayloadSize()).isEqualTo(expected.getPayloadSize());
		assertThat(decoded.getMetadata()).usingRecursiveComparison()
			.ignoringFields("headers", "headersView")
			.isEqualTo(original.getMetadata());
		assertThat(new ArrayList<>(decoded.getMetadata().getHeaders().entrySet()))
			.isEqualTo(new ArrayList<>(original.getMetadata().getHeaders().entrySet()));
		assertThat(decoded.getErrorInfo()).isEqualTo(original.getErrorInfo());
		assertThat(decoded.getPayloadBytes()).isEqualTo(original.getPayloadBytes());
		assertThat(decoded.getStatus()).isEqualTo(MessageStatus.RECEIVED);
	}

	/**
	 * Where a test puts a frame: heap or direct memory.
	 */
	enum Memory {

		HEAP, DIRECT;

		ByteBuffer allocate(int capacity) {
			return (this == HEAP) ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
		}

	}

}
