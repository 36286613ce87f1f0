package io.cdmf.ipc.message;

import java.util.Objects;

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

	private MessageId messageId = MessageId.NONE;

	private MessageId correlationId = MessageId.NONE;

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
		return this.messageId;
	}

	/**
	 * Sets the id of this message.
	 * @param messageId the id
	 * @return this header
	 */
	public MessageHeader setMessageId(MessageId messageId) {
		this.messageId = Objects.requireNonNull(messageId, "messageId must not be null");
		return this;
	}

	/**
	 * Returns the id of the message this one answers.
	 * @return the correlation id, {@link MessageId#NONE} for requests and events
	 */
	public MessageId getCorrelationId() {
		return this.correlationId;
	}

	/**
	 * Sets the id of the message this one answers.
	 * @param correlationId the id
	 * @return this header
	 */
	public MessageHeader setCorrelationId(MessageId correlationId) {
		this.correlationId = Objects.requireNonNull(correlationId, "correlationId must not be null");
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
		this.messageId = other.messageId;
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
		return "MessageHeader[id=" + this.messageId + ", correlation=" + this.correlationId + ", type=" + this.type
				+ ", priority=" + this.priority + ", format=" + this.format + ", version=" + this.version + ", flags=0x"
				+ Integer.toHexString(this.flags) + ", payloadSize=" + this.payloadSize + "]";
	}

}
