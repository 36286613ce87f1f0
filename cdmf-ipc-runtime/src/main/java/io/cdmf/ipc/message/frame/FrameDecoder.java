package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.jspecify.annotations.Nullable;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;

/**
 * Reads frames laid out by {@link FrameDescriptor}, trusting no length in them.
 * <p>
 * Every problem is reported as a {@link FrameException} carrying a typed {@link ErrorCode}; nothing else is thrown.
 * Nothing is allocated from a length the frame declares: lengths are checked against the configured maximum and
 * against the bytes actually present before any array is made.
 * <p>
 * Not thread-safe: it keeps a scratch array, a small cache of method names and, for {@link #decodeInto}, a payload
 * window. Use one per connection or thread.
 *
 * @since 0.1.0
 */
public final class FrameDecoder {

	private final int maxFrameLength;

	private final boolean verifyChecksums;

	private final FrameStrings strings = new FrameStrings();

	private final CRC32C crc = new CRC32C();

	private final FrameMetadataReader metadataReader = new FrameMetadataReader(this.strings);

	private @Nullable ByteBuffer windowSource;

	private @Nullable ByteBuffer window;

	/**
	 * Creates a decoder.
	 * @param maxFrameLength largest frame it accepts, in bytes
	 */
	public FrameDecoder(int maxFrameLength) {
		this(maxFrameLength, true);
	}

	/**
	 * Creates a decoder that may skip checksum verification.
	 * @param maxFrameLength largest frame it accepts, in bytes
	 * @param verifyChecksums whether to check each frame's CRC32C; {@code false} ignores the checksum field, for a
	 * medium that cannot corrupt bytes (a shared-memory ring). Every length and field is checked either way.
	 */
	public FrameDecoder(int maxFrameLength, boolean verifyChecksums) {
		this.maxFrameLength = checkMaxFrameLength(maxFrameLength);
		this.verifyChecksums = verifyChecksums;
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
		return decode(new Message(), buffer, offset, length, copyPayload ? PayloadMode.COPY : PayloadMode.SLICE);
	}

	/**
	 * Decodes one whole frame into an existing message, allocating nothing for a valid frame without error info or
	 * headers: every field of {@code target} is overwritten (its origin is cleared, its headers replaced by the
	 * frame's, in the target's own map once it has one), the ids are kept as their halves (see
	 * {@link MessageHeader#setMessageId(long, long)}), and the payload is a read-only window over {@code buffer} that
	 * this decoder re-points for each frame: its position is the payload's offset in {@code buffer}, its limit the
	 * payload's end. The window is valid until the next {@code decodeInto} on this decoder and only as long as the
	 * bytes in {@code buffer} stay; the caller marks the message {@linkplain Message#markPayloadTransient() transient}
	 * when that is shorter than the message's life.
	 * @param target the message to fill
	 * @param buffer the bytes, read by absolute index below its limit; its position and limit are not changed
	 * @param offset where the frame starts
	 * @param length how many bytes belong to the frame
	 * @return {@code target}, with status {@code RECEIVED}
	 * @throws FrameException if the bytes are not a valid frame; {@code target} is then partly overwritten
	 */
	public Message decodeInto(Message target, ByteBuffer buffer, int offset, int length) {
		return decode(target, buffer, offset, length, PayloadMode.WINDOW);
	}

	private Message decode(Message target, ByteBuffer buffer, int offset, int length, PayloadMode mode) {
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
			return read(target, buffer, offset, frameLength, mode);
		}
		finally {
			buffer.order(order);
		}
	}

	private Message read(Message message, ByteBuffer buffer, int offset, int frameLength, PayloadMode mode) {
		// The id is made into a MessageId only for an error report: a valid frame allocates nothing here.
		long idHigh = buffer.getLong(offset + MESSAGE_ID_OFFSET);
		long idLow = buffer.getLong(offset + MESSAGE_ID_OFFSET + 8);
		int checksum = buffer.getInt(offset + CHECKSUM_OFFSET);
		int actual = this.verifyChecksums
				? FrameEncoder.checksum(this.crc, buffer, offset + CHECKSUM_START, offset + frameLength) : checksum;
		if (checksum != actual) {
			throw FrameException.skippable(ErrorCode.CHECKSUM_MISMATCH, "frame checksum 0x"
					+ Integer.toHexString(checksum) + " does not match its contents (0x" + Integer.toHexString(actual)
					+ ")", MessageId.of(idHigh, idLow));
		}
		MessageType type = MessageType.ofValue(buffer.get(offset + TYPE_OFFSET) & 0xFF);
		if (type == null) {
			throw unknown("message type", buffer.get(offset + TYPE_OFFSET) & 0xFF, idHigh, idLow);
		}
		MessagePriority priority = MessagePriority.ofValue(buffer.get(offset + PRIORITY_OFFSET) & 0xFF);
		if (priority == null) {
			throw unknown("priority", buffer.get(offset + PRIORITY_OFFSET) & 0xFF, idHigh, idLow);
		}
		SerializationFormat format = SerializationFormat.ofValue(buffer.get(offset + FORMAT_OFFSET) & 0xFF);
		if (format == null) {
			throw unknown("serialization format", buffer.get(offset + FORMAT_OFFSET) & 0xFF, idHigh, idLow);
		}
		long metadataLength = Integer.toUnsignedLong(buffer.getInt(offset + METADATA_LENGTH_OFFSET));
		long payloadLength = Integer.toUnsignedLong(buffer.getInt(offset + PAYLOAD_LENGTH_OFFSET));
		if (HEADER_LENGTH + metadataLength + payloadLength != frameLength) {
			throw FrameException.skippable(ErrorCode.MALFORMED_FRAME, "header " + HEADER_LENGTH + " + metadata "
					+ metadataLength + " + payload " + payloadLength + " bytes != frame length " + frameLength,
					MessageId.of(idHigh, idLow));
		}
		long expiration = buffer.getLong(offset + EXPIRATION_OFFSET);
		if (expiration < 0) {
			throw FrameException.skippable(ErrorCode.MALFORMED_FRAME, "expiration is negative: " + expiration,
					MessageId.of(idHigh, idLow));
		}
		int flags = buffer.getShort(offset + FLAGS_OFFSET) & 0xFFFF;

		message.setOrigin(null);
		message.getHeader()
			.setMessageId(idHigh, idLow)
			.setCorrelationId(buffer.getLong(offset + CORRELATION_ID_OFFSET),
					buffer.getLong(offset + CORRELATION_ID_OFFSET + 8))
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
		FrameMetadataReader reader = this.metadataReader.reset(buffer, offset + HEADER_LENGTH, metadataEnd, idHigh,
				idLow);
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
		else {
			message.setErrorInfo(null);
		}
		if ((flags & MessageHeader.FLAG_HEADERS) != 0) {
			reader.headers(message.getMetadata());
		}
		else {
			message.getMetadata().clearHeaders();
		}
		if (reader.remaining() != 0) {
			throw reader.malformed("metadata has " + reader.remaining() + " bytes after its last field");
		}
		message.setPayload(payload(buffer, metadataEnd, (int) payloadLength, mode));
		message.getHeader().setFlags(flags);
		message.setStatus(MessageStatus.RECEIVED);
		return message;
	}

	private ByteBuffer payload(ByteBuffer buffer, int offset, int size, PayloadMode mode) {
		if (mode == PayloadMode.COPY) {
			byte[] bytes = new byte[size];
			buffer.get(offset, bytes);
			return ByteBuffer.wrap(bytes);
		}
		if (mode == PayloadMode.SLICE) {
			return buffer.slice(offset, size).asReadOnlyBuffer();
		}
		ByteBuffer view = this.window;
		if (view == null || this.windowSource != buffer) {
			// One read-only view per source buffer, re-pointed for every frame instead of a slice per frame.
			view = buffer.asReadOnlyBuffer();
			this.window = view;
			this.windowSource = buffer;
		}
		// Cleared first so the new limit and position are always in range; big-endian as a fresh slice would be.
		view.clear();
		view.limit(offset + size).position(offset);
		return view.order(ByteOrder.BIG_ENDIAN);
	}

	private static FrameException unknown(String field, int value, long idHigh, long idLow) {
		return FrameException.skippable(ErrorCode.UNKNOWN_ENUM_VALUE, "unknown " + field + " value " + value,
				MessageId.of(idHigh, idLow));
	}

	/**
	 * How a decoded message gets its payload.
	 */
	private enum PayloadMode {

		/** A new heap array. */
		COPY,

		/** A new read-only slice of the source buffer. */
		SLICE,

		/** The decoder's own read-only window over the source buffer, re-pointed per frame. */
		WINDOW

	}

}
