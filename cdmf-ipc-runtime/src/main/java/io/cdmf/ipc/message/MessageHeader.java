package io.cdmf.ipc.message;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The fixed part of a message: ids, type, priority, payload format, flags and checksum.
 * <p>
 * Not thread-safe: a message and its header belong to one thread at a time and are handed over through a queue or
 * future.
 *
 * @since 0.1.0
 */
public final class MessageHeader {

	/** The frame version this implementation writes. */
	public static final int CURRENT_VERSION = 1;

	/** Flag: the message carries {@link ErrorInfo}. Set and read by the frame codec. */
	public static final int FLAG_ERROR_INFO = 1;

	/** Flag: the sender may send this request again with the same id; the receiver should answer a repeat once. */
	public static final int FLAG_DEDUPLICATE = 1 << 1;

	/** Flag: the request expects no response. */
	public static final int FLAG_ONE_WAY = 1 << 2;

	/**
	 * Flag: the message carries {@linkplain MessageMetadata#getHeaders() headers}. Set by the frame codec exactly when
	 * there is at least one: an encoder sets or clears it from the metadata whatever this header says, and a decoded
	 * message has it when its frame carried headers. To ask whether a message has headers, ask
	 * {@link MessageMetadata#hasHeaders()}.
	 */
	public static final int FLAG_HEADERS = 1 << 3;

	/**
	 * Flag on an {@code ERROR} reply: the receiver refused the request before running its handler (it was stopping,
	 * at its limit, past the deadline, or an interceptor refused it), so the caller may send it elsewhere.
	 */
	public static final int FLAG_NOT_EXECUTED = 1 << 4;

	// Ids are kept as their two halves and turned into MessageId records only when asked for, so that decoding a
	// frame into a reused message allocates nothing; the record made is cached until the id changes.

	private long messageIdHigh;

	private long messageIdLow;

	private @Nullable MessageId messageId = MessageId.NONE;

	private long correlationIdHigh;

	private long correlationIdLow;

	private @Nullable MessageId correlationId = MessageId.NONE;

	private long timestampMicros;

	private MessageType type = MessageType.REQUEST;

	private MessagePriority priority = MessagePriority.NORMAL;

	private SerializationFormat format = SerializationFormat.BINARY;

	private int version = CURRENT_VERSION;

	private int flags;

	private int payloadSize;

	private int checksum;

	/**
	 * Returns the id of this message.
	 * @return the message id, {@link MessageId#NONE} until set
	 */
	public MessageId getMessageId() {
		MessageId id = this.messageId;
		if (id == null) {
			id = MessageId.of(this.messageIdHigh, this.messageIdLow);
			this.messageId = id;
		}
		return id;
	}

	/**
	 * Returns the high 8 bytes of the message id, without making a {@link MessageId}.
	 * @return the high half, 0 for {@link MessageId#NONE}
	 */
	public long getMessageIdHigh() {
		return this.messageIdHigh;
	}

	/**
	 * Returns the low 8 bytes of the message id, without making a {@link MessageId}.
	 * @return the low half, 0 for {@link MessageId#NONE}
	 */
	public long getMessageIdLow() {
		return this.messageIdLow;
	}

	/**
	 * Sets the id of this message.
	 * @param messageId the id
	 * @return this header
	 */
	public MessageHeader setMessageId(MessageId messageId) {
		Objects.requireNonNull(messageId, "messageId must not be null");
		this.messageIdHigh = messageId.high();
		this.messageIdLow = messageId.low();
		this.messageId = messageId;
		return this;
	}

	/**
	 * Sets the id of this message from its two halves, without making a {@link MessageId}: what a decoder filling a
	 * reused message calls.
	 * @param high the high 8 bytes
	 * @param low the low 8 bytes
	 * @return this header
	 */
	public MessageHeader setMessageId(long high, long low) {
		this.messageIdHigh = high;
		this.messageIdLow = low;
		this.messageId = null;
		return this;
	}

	/**
	 * Returns the id of the message this one answers.
	 * @return the correlation id, {@link MessageId#NONE} for requests and events
	 */
	public MessageId getCorrelationId() {
		MessageId id = this.correlationId;
		if (id == null) {
			id = MessageId.of(this.correlationIdHigh, this.correlationIdLow);
			this.correlationId = id;
		}
		return id;
	}

	/**
	 * Returns the high 8 bytes of the correlation id, without making a {@link MessageId}.
	 * @return the high half, 0 for {@link MessageId#NONE}
	 */
	public long getCorrelationIdHigh() {
		return this.correlationIdHigh;
	}

	/**
	 * Returns the low 8 bytes of the correlation id, without making a {@link MessageId}.
	 * @return the low half, 0 for {@link MessageId#NONE}
	 */
	public long getCorrelationIdLow() {
		return this.correlationIdLow;
	}

	/**
	 * Sets the id of the message this one answers.
	 * @param correlationId the id
	 * @return this header
	 */
	public MessageHeader setCorrelationId(MessageId correlationId) {
		Objects.requireNonNull(correlationId, "correlationId must not be null");
		this.correlationIdHigh = correlationId.high();
		this.correlationIdLow = correlationId.low();
		this.correlationId = correlationId;
		return this;
	}

	/**
	 * Sets the id of the message this one answers from its two halves, without making a {@link MessageId}.
	 * @param high the high 8 bytes
	 * @param low the low 8 bytes
	 * @return this header
	 */
	public MessageHeader setCorrelationId(long high, long low) {
		this.correlationIdHigh = high;
		this.correlationIdLow = low;
		this.correlationId = null;
		return this;
	}

	/**
	 * Returns when the message was created, in microseconds since the epoch.
	 * @return the timestamp
	 */
	public long getTimestampMicros() {
		return this.timestampMicros;
	}

	/**
	 * Sets when the message was created.
	 * @param timestampMicros microseconds since the epoch
	 * @return this header
	 */
	public MessageHeader setTimestampMicros(long timestampMicros) {
		this.timestampMicros = timestampMicros;
		return this;
	}

	/**
	 * Returns the message type.
	 * @return the type
	 */
	public MessageType getType() {
		return this.type;
	}

	/**
	 * Sets the message type.
	 * @param type the type
	 * @return this header
	 */
	public MessageHeader setType(MessageType type) {
		this.type = Objects.requireNonNull(type, "type must not be null");
		return this;
	}

	/**
	 * Returns the priority.
	 * @return the priority
	 */
	public MessagePriority getPriority() {
		return this.priority;
	}

	/**
	 * Sets the priority.
	 * @param priority the priority
	 * @return this header
	 */
	public MessageHeader setPriority(MessagePriority priority) {
		this.priority = Objects.requireNonNull(priority, "priority must not be null");
		return this;
	}

	/**
	 * Returns the format of the payload.
	 * @return the serialization format
	 */
	public SerializationFormat getFormat() {
		return this.format;
	}

	/**
	 * Sets the format of the payload.
	 * @param format the serialization format
	 * @return this header
	 */
	public MessageHeader setFormat(SerializationFormat format) {
		this.format = Objects.requireNonNull(format, "format must not be null");
		return this;
	}

	/**
	 * Returns the frame version the message was read with or will be written with.
	 * @return the version
	 */
	public int getVersion() {
		return this.version;
	}

	/**
	 * Sets the frame version.
	 * @param version the version, 0 to 255
	 * @return this header
	 */
	public MessageHeader setVersion(int version) {
		if (version < 0 || version > 255) {
			throw new IllegalArgumentException("version must be 0 to 255: " + version);
		}
		this.version = version;
		return this;
	}

	/**
	 * Returns the flags ({@code FLAG_*}).
	 * @return the flags
	 */
	public int getFlags() {
		return this.flags;
	}

	/**
	 * Sets the flags.
	 * @param flags the flags, 16 bits
	 * @return this header
	 */
	public MessageHeader setFlags(int flags) {
		this.flags = flags & 0xFFFF;
		return this;
	}

	/**
	 * Returns whether a flag is set.
	 * @param flag one of the {@code FLAG_*} constants
	 * @return whether it is set
	 */
	public boolean hasFlag(int flag) {
		return (this.flags & flag) != 0;
	}

	/**
	 * Sets or clears a flag.
	 * @param flag one of the {@code FLAG_*} constants
	 * @param on whether to set it
	 * @return this header
	 */
	public MessageHeader setFlag(int flag, boolean on) {
		this.flags = on ? (this.flags | flag) : (this.flags & ~flag);
		return this;
	}

	/**
	 * Returns the payload size in bytes.
	 * @return the payload size
	 */
	public int getPayloadSize() {
		return this.payloadSize;
	}

	void setPayloadSize(int payloadSize) {
		this.payloadSize = payloadSize;
	}

	/**
	 * Returns the CRC32C of the frame this message was read from, or 0 before it was written or read.
	 * @return the checksum
	 */
	public int getChecksum() {
		return this.checksum;
	}

	/**
	 * Sets the checksum; called by the frame codec.
	 * @param checksum the CRC32C
	 * @return this header
	 */
	public MessageHeader setChecksum(int checksum) {
		this.checksum = checksum;
		return this;
	}

	void copyFrom(MessageHeader other) {
		this.messageIdHigh = other.messageIdHigh;
		this.messageIdLow = other.messageIdLow;
		this.messageId = other.messageId;
		this.correlationIdHigh = other.correlationIdHigh;
		this.correlationIdLow = other.correlationIdLow;
		this.correlationId = other.correlationId;
		this.timestampMicros = other.timestampMicros;
		this.type = other.type;
		this.priority = other.priority;
		this.format = other.format;
		this.version = other.version;
		this.flags = other.flags;
		this.payloadSize = other.payloadSize;
		this.checksum = other.checksum;
	}

	@Override
	public String toString() {
		return "MessageHeader[id=" + getMessageId() + ", correlation=" + getCorrelationId() + ", type=" + this.type
				+ ", priority=" + this.priority + ", format=" + this.format + ", version=" + this.version + ", flags=0x"
				+ Integer.toHexString(this.flags) + ", payloadSize=" + this.payloadSize + "]";
	}

}
