package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessagePriority;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.SerializationFormat;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;

/**
 * Reads frames laid out by {@link FrameDescriptor}, trusting no length in them.
 * <p>
 * Every problem is reported as a {@link FrameException} carrying a typed {@link ErrorCode}; nothing else is thrown.
 * Nothing is allocated from a length the frame declares: lengths are checked against the configured maximum and
 * against the bytes actually present before any array is made.
 * <p>
 * Not thread-safe: it keeps a scratch array and a small cache of method names. Use one per connection or thread.
 *
 * @since 0.1.0
 */
public final class FrameDecoder {

	private static final int SUBJECT_CACHE_SIZE = 64;

	private final int maxFrameLength;

	private byte[] scratch = new byte[256];

	private final byte[][] subjectBytes = new byte[SUBJECT_CACHE_SIZE][];

	private final String[] subjects = new String[SUBJECT_CACHE_SIZE];

	/**
	 * Creates a decoder.
	 * @param maxFrameLength largest frame it accepts, in bytes
	 */
	public FrameDecoder(int maxFrameLength) {
		this.maxFrameLength = checkMaxFrameLength(maxFrameLength);
	}

	/**
	 * Returns the largest frame this decoder accepts.
	 * @return the maximum frame length in bytes
	 */
	public int maxFrameLength() {
		return this.maxFrameLength;
	}

	/**
	 * Checks the start of a frame and returns its declared length, for a stream reader deciding how many bytes to
	 * wait for.
	 * @param buffer the received bytes
	 * @param offset where the frame starts
	 * @param available how many bytes from {@code offset} have arrived
	 * @return the frame length (at least {@link FrameDescriptor#HEADER_LENGTH}), or 0 if fewer than
	 * {@link FrameDescriptor#PREFIX_LENGTH} bytes have arrived
	 * @throws FrameException if the magic, version or length is wrong; the stream cannot be read on
	 */
	public int frameLength(ByteBuffer buffer, int offset, int available) {
		if (available < 4) {
			return 0;
		}
		ByteOrder order = buffer.order();
		buffer.order(ByteOrder.LITTLE_ENDIAN);
		try {
			int magic = buffer.getInt(offset + MAGIC_OFFSET);
			if (magic != MAGIC) {
				throw FrameException.fatal(ErrorCode.BAD_MAGIC,
						"frame does not start with the magic 0x464D4443 (\"CDMF\"): 0x" + Integer.toHexString(magic));
			}
			if (available < PREFIX_LENGTH) {
				return 0;
			}
			int version = buffer.get(offset + VERSION_OFFSET) & 0xFF;
			if (version != VERSION) {
				throw FrameException.fatal(ErrorCode.UNSUPPORTED_VERSION,
						"frame version " + version + " is not supported; this side reads version " + VERSION);
			}
			long length = Integer.toUnsignedLong(buffer.getInt(offset + FRAME_LENGTH_OFFSET));
			if (length > this.maxFrameLength) {
				throw FrameException.fatal(ErrorCode.FRAME_TOO_LARGE, "frame of " + length
						+ " bytes is larger than the maximum frame length of " + this.maxFrameLength + " bytes");
			}
			if (length < HEADER_LENGTH + MIN_METADATA_LENGTH) {
				throw FrameException.fatal(ErrorCode.MALFORMED_FRAME,
						"frame length " + length + " is shorter than the smallest frame");
			}
			return (int) length;
		}
		finally {
			buffer.order(order);
		}
	}

	/**
	 * Decodes one whole frame.
	 * @param buffer the bytes, read by absolute index below its limit; its position and limit are not changed
	 * @param offset where the frame starts
	 * @param length how many bytes belong to the frame (for a datagram, the datagram's size)
	 * @param copyPayload whether to copy the payload into a new array ({@code true} when the buffer will be reused)
	 * or give a read-only view over {@code buffer}
	 * @return the message, with status {@code RECEIVED}
	 * @throws FrameException if the bytes are not a valid frame
	 */
	public Message decode(ByteBuffer buffer, int offset, int length, boolean copyPayload) {
		if (length < PREFIX_LENGTH) {
			throw FrameException.fatal(ErrorCode.FRAME_TRUNCATED,
					"frame of " + length + " bytes is shorter than the " + PREFIX_LENGTH + "-byte prefix");
		}
		// Absolute gets stop at the limit, not the capacity; and offset + length could overflow.
		if (offset < 0 || offset > buffer.limit() - length) {
			throw FrameException.fatal(ErrorCode.FRAME_TRUNCATED, "frame of " + length + " bytes at offset " + offset
					+ " is not within the buffer's " + buffer.limit() + " bytes");
		}
		int frameLength = frameLength(buffer, offset, length);
		if (length < frameLength) {
			throw FrameException.fatal(ErrorCode.FRAME_TRUNCATED,
					"frame declares " + frameLength + " bytes but only " + length + " arrived");
		}
		if (length > frameLength) {
			throw FrameException.fatal(ErrorCode.MALFORMED_FRAME,
					"frame declares " + frameLength + " bytes but " + length + " arrived");
		}
		ByteOrder order = buffer.order();
		buffer.order(ByteOrder.LITTLE_ENDIAN);
		try {
			return read(buffer, offset, frameLength, copyPayload);
		}
		finally {
			buffer.order(order);
		}
	}

	private Message read(ByteBuffer buffer, int offset, int frameLength, boolean copyPayload) {
		MessageId messageId = getId(buffer, offset + MESSAGE_ID_OFFSET);
		int checksum = buffer.getInt(offset + CHECKSUM_OFFSET);
		int actual = FrameEncoder.checksum(buffer, offset + CHECKSUM_START, offset + frameLength);
		if (checksum != actual) {
			throw FrameException.skippable(ErrorCode.CHECKSUM_MISMATCH, "frame checksum 0x"
					+ Integer.toHexString(checksum) + " does not match its contents (0x" + Integer.toHexString(actual)
					+ ")", messageId);
		}
		MessageType type = MessageType.ofValue(buffer.get(offset + TYPE_OFFSET) & 0xFF);
		if (type == null) {
			throw unknown("message type", buffer.get(offset + TYPE_OFFSET) & 0xFF, messageId);
		}
		MessagePriority priority = MessagePriority.ofValue(buffer.get(offset + PRIORITY_OFFSET) & 0xFF);
		if (priority == null) {
			throw unknown("priority", buffer.get(offset + PRIORITY_OFFSET) & 0xFF, messageId);
		}
		SerializationFormat format = SerializationFormat.ofValue(buffer.get(offset + FORMAT_OFFSET) & 0xFF);
		if (format == null) {
			throw unknown("serialization format", buffer.get(offset + FORMAT_OFFSET) & 0xFF, messageId);
		}
		long metadataLength = Integer.toUnsignedLong(buffer.getInt(offset + METADATA_LENGTH_OFFSET));
		long payloadLength = Integer.toUnsignedLong(buffer.getInt(offset + PAYLOAD_LENGTH_OFFSET));
		if (HEADER_LENGTH + metadataLength + payloadLength != frameLength) {
			throw FrameException.skippable(ErrorCode.MALFORMED_FRAME, "header " + HEADER_LENGTH + " + metadata "
					+ metadataLength + " + payload " + payloadLength + " bytes != frame length " + frameLength,
					messageId);
		}
		long expiration = buffer.getLong(offset + EXPIRATION_OFFSET);
		if (expiration < 0) {
			throw FrameException.skippable(ErrorCode.MALFORMED_FRAME, "expiration is negative: " + expiration,
					messageId);
		}
		int flags = buffer.getShort(offset + FLAGS_OFFSET) & 0xFFFF;

		Message message = new Message();
		message.getHeader()
			.setMessageId(messageId)
			.setCorrelationId(getId(buffer, offset + CORRELATION_ID_OFFSET))
			.setTimestampMicros(buffer.getLong(offset + TIMESTAMP_OFFSET))
			.setType(type)
			.setPriority(priority)
			.setFormat(format)
			.setVersion(VERSION)
			.setFlags(flags)
			.setChecksum(checksum);
		message.getMetadata()
			.setExpirationMillis(expiration)
			.setRetryCount(buffer.getShort(offset + RETRY_COUNT_OFFSET) & 0xFFFF)
			.setMaxRetries(buffer.getShort(offset + MAX_RETRIES_OFFSET) & 0xFFFF);

		int metadataEnd = offset + HEADER_LENGTH + (int) metadataLength;
		MetadataReader reader = new MetadataReader(buffer, offset + HEADER_LENGTH, metadataEnd, messageId);
		message.getMetadata()
			.setSourceEndpoint(reader.string(true))
			.setDestinationEndpoint(reader.string(true))
			.setSubject(reader.string(true))
			.setContentType(reader.string(true));
		if ((flags & MessageHeader.FLAG_ERROR_INFO) != 0) {
			int value = reader.int32();
			ErrorCode code = ErrorCode.ofValue(value);
			String errorMessage = reader.string(false);
			String category = reader.string(false);
			String context = reader.string(false);
			if (code == null) {
				// A newer peer may know codes we do not; keep the error rather than reject the frame.
				errorMessage = "(code " + value + ") " + errorMessage;
				code = ErrorCode.UNKNOWN;
			}
			message.setErrorInfo(new ErrorInfo(code, errorMessage, category, context));
		}
		if (reader.index != metadataEnd) {
			throw FrameException.skippable(ErrorCode.MALFORMED_FRAME, "metadata has " + (metadataEnd - reader.index)
					+ " bytes after its last field", messageId);
		}

		int payloadOffset = metadataEnd;
		int payloadSize = (int) payloadLength;
		ByteBuffer payload;
		if (copyPayload) {
			byte[] bytes = new byte[payloadSize];
			buffer.get(payloadOffset, bytes);
			payload = ByteBuffer.wrap(bytes);
		}
		else {
			payload = buffer.slice(payloadOffset, payloadSize).asReadOnlyBuffer();
		}
		message.setPayload(payload);
		message.getHeader().setFlags(flags);
		message.setStatus(io.cdmf.ipc.message.MessageStatus.RECEIVED);
		return message;
	}

	private static FrameException unknown(String field, int value, MessageId messageId) {
		return FrameException.skippable(ErrorCode.UNKNOWN_ENUM_VALUE, "unknown " + field + " value " + value,
				messageId);
	}

	private static MessageId getId(ByteBuffer buffer, int index) {
		long high = buffer.getLong(index);
		long low = buffer.getLong(index + 8);
		return (high == 0 && low == 0) ? MessageId.NONE : new MessageId(high, low);
	}

	/**
	 * Reads the metadata section, never past its end.
	 */
	private final class MetadataReader {

		private final ByteBuffer buffer;

		private final int end;

		private final MessageId messageId;

		private int index;

		MetadataReader(ByteBuffer buffer, int start, int end, MessageId messageId) {
			this.buffer = buffer;
			this.index = start;
			this.end = end;
			this.messageId = messageId;
		}

		int int32() {
			require(4, "error code");
			int value = this.buffer.getInt(this.index);
			this.index += 4;
			return value;
		}

		String string(boolean cache) {
			require(2, "string length");
			int length = this.buffer.getShort(this.index) & 0xFFFF;
			this.index += 2;
			if (length == 0) {
				return "";
			}
			require(length, "string");
			String value = cache ? cachedString(this.buffer, this.index, length)
					: decodeString(this.buffer, this.index, length);
			this.index += length;
			return value;
		}

		private void require(int bytes, String what) {
			if (this.end - this.index < bytes) {
				throw FrameException.skippable(ErrorCode.MALFORMED_FRAME,
						"metadata ends inside a " + what + " (" + bytes + " bytes needed, "
								+ (this.end - this.index) + " left)",
						this.messageId);
			}
		}

	}

	private String decodeString(ByteBuffer buffer, int index, int length) {
		if (buffer.hasArray()) {
			return new String(buffer.array(), buffer.arrayOffset() + index, length, StandardCharsets.UTF_8);
		}
		byte[] bytes = scratch(length);
		buffer.get(index, bytes, 0, length);
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	/**
	 * Method names and endpoints repeat from call to call; a small direct-mapped cache keyed by their bytes spares a
	 * String per field per message. A collision just replaces the entry; long strings are not cached.
	 */
	private String cachedString(ByteBuffer buffer, int index, int length) {
		if (length > 256) {
			return decodeString(buffer, index, length);
		}
		byte[] bytes = scratch(length);
		buffer.get(index, bytes, 0, length);
		int hash = 1;
		for (int i = 0; i < length; i++) {
			hash = 31 * hash + bytes[i];
		}
		int slot = (hash ^ (hash >>> 16)) & (SUBJECT_CACHE_SIZE - 1);
		byte[] cached = this.subjectBytes[slot];
		if (cached != null && cached.length == length
				&& java.util.Arrays.equals(cached, 0, length, bytes, 0, length)) {
			return this.subjects[slot];
		}
		String value = new String(bytes, 0, length, StandardCharsets.UTF_8);
		this.subjectBytes[slot] = java.util.Arrays.copyOf(bytes, length);
		this.subjects[slot] = value;
		return value;
	}

	private byte[] scratch(int length) {
		if (this.scratch.length < length) {
			this.scratch = new byte[Math.max(length, this.scratch.length * 2)];
		}
		return this.scratch;
	}

}
