package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageMetadata;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;

/**
 * Writes messages as frames laid out by {@link FrameDescriptor}.
 * <p>
 * Stateless apart from its limit (and a checksum object per thread), so one instance may be shared by many threads.
 *
 * @since 0.1.0
 */
public final class FrameEncoder {

	private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

	private final int maxFrameLength;

	private final boolean checksums;

	/**
	 * Creates an encoder.
	 * @param maxFrameLength largest frame it writes, in bytes; must match the receiving side's limit
	 */
	public FrameEncoder(int maxFrameLength) {
		this(maxFrameLength, true);
	}

	/**
	 * Creates an encoder that may leave the checksum out.
	 * @param maxFrameLength largest frame it writes, in bytes; must match the receiving side's limit
	 * @param checksums whether to compute each frame's CRC32C; {@code false} writes 0 in its place, for a medium that
	 * cannot corrupt bytes and whose reader does not verify it (a shared-memory ring: see
	 * {@link FrameDecoder#FrameDecoder(int, boolean)})
	 */
	public FrameEncoder(int maxFrameLength, boolean checksums) {
		this.maxFrameLength = checkMaxFrameLength(maxFrameLength);
		this.checksums = checksums;
	}

	/**
	 * Returns the largest frame this encoder writes.
	 * @return the maximum frame length in bytes
	 */
	public int maxFrameLength() {
		return this.maxFrameLength;
	}

	/**
	 * Returns the length of the frame that {@link #encode} writes for a message.
	 * @param message the message
	 * @return the frame length in bytes
	 * @throws FrameException with {@link ErrorCode#MESSAGE_TOO_LARGE} if it exceeds the maximum frame length, or
	 * {@link ErrorCode#INVALID_ARGUMENT} if a string field is too long
	 */
	public int frameLength(Message message) {
		long length = FrameDescriptor.frameLength(metadataLength(message), message.getPayloadSize());
		if (length > this.maxFrameLength) {
			throw FrameException.fatal(ErrorCode.MESSAGE_TOO_LARGE, "message of " + length
					+ " bytes is larger than the maximum frame length of " + this.maxFrameLength + " bytes");
		}
		return (int) length;
	}

	/**
	 * Writes a message as a frame into a new heap buffer of exactly the frame's length.
	 * @param message the message
	 * @return the frame, position 0, limit = frame length
	 * @throws FrameException if the message is too large
	 */
	public ByteBuffer encode(Message message) {
		int length = frameLength(message);
		ByteBuffer buffer = ByteBuffer.allocate(length);
		encode(message, buffer, 0, length);
		return buffer;
	}

	/**
	 * Writes a message as a frame at an absolute offset of a buffer; the buffer's position and limit are not
	 * changed.
	 * @param message the message
	 * @param buffer the destination, with at least {@code frameLength} bytes from {@code offset}
	 * @param offset where the frame starts
	 * @param frameLength the value {@link #frameLength(Message)} returned for this message
	 */
	public void encode(Message message, ByteBuffer buffer, int offset, int frameLength) {
		ByteOrder order = buffer.order();
		buffer.order(ByteOrder.LITTLE_ENDIAN);
		try {
			write(message, buffer, offset, frameLength, this.checksums);
		}
		finally {
			buffer.order(order);
		}
	}

	private static void write(Message message, ByteBuffer buffer, int offset, int frameLength, boolean checksums) {
		MessageHeader header = message.getHeader();
		MessageMetadata metadata = message.getMetadata();
		ErrorInfo error = message.getErrorInfo();
		boolean headers = metadata.hasHeaders();
		// Both flags say what the metadata section holds, so they follow the message's contents, not its header.
		int flags = (error != null) ? (header.getFlags() | MessageHeader.FLAG_ERROR_INFO)
				: (header.getFlags() & ~MessageHeader.FLAG_ERROR_INFO);
		flags = headers ? (flags | MessageHeader.FLAG_HEADERS) : (flags & ~MessageHeader.FLAG_HEADERS);
		ByteBuffer payload = message.getPayload();
		int payloadLength = payload.remaining();
		int metadataLength = frameLength - HEADER_LENGTH - payloadLength;

		buffer.putInt(offset + MAGIC_OFFSET, MAGIC);
		buffer.putInt(offset + FRAME_LENGTH_OFFSET, frameLength);
		buffer.put(offset + VERSION_OFFSET, (byte) VERSION);
		buffer.put(offset + TYPE_OFFSET, (byte) header.getType().value());
		buffer.put(offset + PRIORITY_OFFSET, (byte) header.getPriority().value());
		buffer.put(offset + FORMAT_OFFSET, (byte) header.getFormat().value());
		buffer.putShort(offset + FLAGS_OFFSET, (short) flags);
		buffer.putShort(offset + RETRY_COUNT_OFFSET, (short) metadata.getRetryCount());
		buffer.putShort(offset + MAX_RETRIES_OFFSET, (short) metadata.getMaxRetries());
		buffer.putShort(offset + RESERVED_OFFSET, (short) 0);
		buffer.putInt(offset + METADATA_LENGTH_OFFSET, metadataLength);
		buffer.putInt(offset + PAYLOAD_LENGTH_OFFSET, payloadLength);
		buffer.putLong(offset + TIMESTAMP_OFFSET, header.getTimestampMicros());
		buffer.putLong(offset + EXPIRATION_OFFSET, metadata.getExpirationMillis());
		// By halves: a header that holds its ids as halves makes no MessageId for them.
		putId(buffer, offset + MESSAGE_ID_OFFSET, header.getMessageIdHigh(), header.getMessageIdLow());
		putId(buffer, offset + CORRELATION_ID_OFFSET, header.getCorrelationIdHigh(), header.getCorrelationIdLow());

		int index = offset + HEADER_LENGTH;
		index = putString(buffer, index, metadata.getSourceEndpoint());
		index = putString(buffer, index, metadata.getDestinationEndpoint());
		index = putString(buffer, index, metadata.getSubject());
		index = putString(buffer, index, metadata.getContentType());
		if (error != null) {
			buffer.putInt(index, error.code().value());
			index = putString(buffer, index + 4, error.message());
			index = putString(buffer, index, error.category());
			index = putString(buffer, index, error.context());
		}
		if (headers) {
			index = putHeaders(buffer, index, metadata.getHeaders());
		}
		buffer.put(index, payload, payload.position(), payloadLength);

		int checksum = checksums ? checksum(buffer, offset + CHECKSUM_START, offset + frameLength) : 0;
		buffer.putInt(offset + CHECKSUM_OFFSET, checksum);
		header.setChecksum(checksum);
	}

	/**
	 * Computes the CRC32C of a range of a buffer without moving its position or limit, with this thread's
	 * {@link CRC32C}.
	 * @param buffer the buffer
	 * @param from first byte, inclusive
	 * @param to last byte, exclusive
	 * @return the checksum
	 */
	static int checksum(ByteBuffer buffer, int from, int to) {
		return checksum(CRC.get(), buffer, from, to);
	}

	/**
	 * Computes the CRC32C of a range of a buffer without moving its position or limit.
	 * @param crc the checksum to reset and use (reused rather than made per frame: when the JIT cannot prove it
	 * local, a new one is an allocation per frame)
	 * @param buffer the buffer
	 * @param from first byte, inclusive
	 * @param to last byte, exclusive
	 * @return the checksum
	 */
	static int checksum(CRC32C crc, ByteBuffer buffer, int from, int to) {
		crc.reset();
		if (buffer.hasArray()) {
			crc.update(buffer.array(), buffer.arrayOffset() + from, to - from);
		}
		else {
			int position = buffer.position();
			int limit = buffer.limit();
			buffer.limit(to).position(from);
			crc.update(buffer);
			buffer.limit(limit).position(position);
		}
		return (int) crc.getValue();
	}

	private static void putId(ByteBuffer buffer, int index, long high, long low) {
		buffer.putLong(index, high);
		buffer.putLong(index + 8, low);
	}

	private static int putHeaders(ByteBuffer buffer, int index, Map<String, String> headers) {
		buffer.putShort(index, (short) headers.size());
		int next = index + HEADER_COUNT_LENGTH;
		for (Map.Entry<String, String> header : headers.entrySet()) {
			next = putString(buffer, next, header.getKey());
			next = putString(buffer, next, header.getValue());
		}
		return next;
	}

	private static long metadataLength(Message message) {
		MessageMetadata metadata = message.getMetadata();
		long length = stringLength(metadata.getSourceEndpoint()) + stringLength(metadata.getDestinationEndpoint())
				+ stringLength(metadata.getSubject()) + stringLength(metadata.getContentType());
		ErrorInfo error = message.getErrorInfo();
		if (error != null) {
			length += 4 + stringLength(error.message()) + stringLength(error.category())
					+ stringLength(error.context());
		}
		if (metadata.hasHeaders()) {
			// MessageMetadata keeps the count within 16 bits and each string within the frame's limit.
			length += HEADER_COUNT_LENGTH;
			for (Map.Entry<String, String> header : metadata.getHeaders().entrySet()) {
				length += stringLength(header.getKey()) + stringLength(header.getValue());
			}
		}
		return length;
	}

	private static int stringLength(String value) {
		int bytes = utf8Length(value);
		if (bytes > MessageMetadata.MAX_STRING_BYTES) {
			throw FrameException.fatal(ErrorCode.INVALID_ARGUMENT,
					"a metadata string is " + bytes + " UTF-8 bytes, more than " + MessageMetadata.MAX_STRING_BYTES);
		}
		return 2 + bytes;
	}

	private static int utf8Length(String value) {
		int length = value.length();
		for (int i = 0; i < length; i++) {
			if (value.charAt(i) >= 0x80) {
				return value.getBytes(StandardCharsets.UTF_8).length;
			}
		}
		return length;
	}

	private static int putString(ByteBuffer buffer, int index, String value) {
		int length = value.length();
		boolean ascii = true;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x80) {
				ascii = false;
				break;
			}
			buffer.put(index + 2 + i, (byte) c);
		}
		if (ascii) {
			buffer.putShort(index, (short) length);
			return index + 2 + length;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		buffer.putShort(index, (short) bytes.length);
		buffer.put(index + 2, bytes);
		return index + 2 + bytes.length;
	}

}
