package io.cdmf.ipc.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import io.cdmf.ipc.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * The unit of communication: a {@link MessageHeader}, {@link MessageMetadata}, a payload and, for errors, an
 * {@link ErrorInfo}.
 * <p>
 * The payload is a {@link ByteBuffer} whose position-to-limit range is the content. A received payload may be a
 * read-only view over a transport's memory; such a view is valid until the handler that received it returns
 * (the transport's documentation says when that applies).
 * <p>
 * Not thread-safe: a message belongs to one thread at a time and is handed over through a queue or future.
 *
 * @since 0.1.0
 */
public final class Message {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

	private final MessageHeader header = new MessageHeader();

	private final MessageMetadata metadata = new MessageMetadata();

	private ByteBuffer payload = EMPTY;

	private @Nullable ErrorInfo errorInfo;

	private MessageStatus status = MessageStatus.CREATED;

	private @Nullable MessageOrigin origin;

	private boolean payloadTransient;

	/**
	 * Creates an empty message of type {@link MessageType#REQUEST} with no id. Prefer the static factories.
	 */
	public Message() {
	}

	/**
	 * Creates a request for a method, with a new message id and the current time.
	 * @param method the method name (the subject)
	 * @param payload the request payload
	 * @return the request
	 */
	public static Message request(String method, ByteBuffer payload) {
		Message message = create(MessageType.REQUEST);
		message.metadata.setSubject(method);
		message.setPayload(payload);
		return message;
	}

	/**
	 * Creates a message of a type with a new message id and the current time.
	 * @param type the type
	 * @return the message
	 */
	public static Message create(MessageType type) {
		Message message = new Message();
		// The id as its halves: a MessageId is made only if someone asks for it.
		message.header.setType(type)
			.setMessageId(MessageId.processPart(), MessageId.nextLow())
			.setTimestampMicros(currentTimeMicros());
		return message;
	}

	/**
	 * Returns the header.
	 * @return the header
	 */
	public MessageHeader getHeader() {
		return this.header;
	}

	/**
	 * Returns the metadata.
	 * @return the metadata
	 */
	public MessageMetadata getMetadata() {
		return this.metadata;
	}

	/**
	 * Returns the payload: its position-to-limit range is the content. The returned buffer is the message's own; use
	 * {@link ByteBuffer#duplicate()} before moving its position.
	 * @return the payload
	 */
	public ByteBuffer getPayload() {
		return this.payload;
	}

	/**
	 * Returns a copy of the payload bytes.
	 * @return the payload as a new array
	 */
	public byte[] getPayloadBytes() {
		byte[] bytes = new byte[this.payload.remaining()];
		this.payload.get(this.payload.position(), bytes);
		return bytes;
	}

	/**
	 * Returns the payload size in bytes.
	 * @return the payload size
	 */
	public int getPayloadSize() {
		return this.payload.remaining();
	}

	/**
	 * Sets the payload; the buffer is kept, not copied, and its position-to-limit range is the content.
	 * @param payload the payload
	 * @return this message
	 */
	public Message setPayload(ByteBuffer payload) {
		this.payload = Objects.requireNonNull(payload, "payload must not be null");
		this.header.setPayloadSize(payload.remaining());
		this.payloadTransient = false;
		return this;
	}

	/**
	 * Marks the message as transient: its payload is a view over transport memory that the transport reuses as soon
	 * as the delivery of this message returns (a shared-memory ring slot, a receive buffer), and the transport may
	 * also reuse the message object itself for the next message it decodes. Whoever keeps the message beyond its
	 * delivery, or hands it to another thread, keeps {@link #detached()} instead. Called by transports;
	 * {@link #setPayload} clears the mark.
	 * @return this message
	 */
	public Message markPayloadTransient() {
		this.payloadTransient = true;
		return this;
	}

	/**
	 * Returns whether the payload is a view over transport memory that is valid only until the delivery of this
	 * message returns.
	 * @return whether the payload is transient
	 */
	public boolean isPayloadTransient() {
		return this.payloadTransient;
	}

	/**
	 * Makes the payload this message's own: a transient payload is copied to the heap (read-only, as the view was);
	 * an owned one is left as it is. The message object itself may still be reused by its transport: to keep a
	 * delivered message, use {@link #detached()}.
	 * @return this message
	 */
	public Message detachPayload() {
		if (this.payloadTransient) {
			setPayload(ByteBuffer.wrap(getPayloadBytes()).asReadOnlyBuffer());
		}
		return this;
	}

	/**
	 * Returns a message that may be kept beyond its delivery and handed to other threads: this message if it is not
	 * {@linkplain #isPayloadTransient() transient}, else a copy with its own payload bytes (read-only, as the view
	 * was) and its own headers.
	 * @return this message or an owned copy
	 */
	public Message detached() {
		return this.payloadTransient ? copy().detachPayload() : this;
	}

	/**
	 * Sets the payload to an array; the array is kept, not copied.
	 * @param payload the payload
	 * @return this message
	 */
	public Message setPayload(byte[] payload) {
		return setPayload(ByteBuffer.wrap(payload));
	}

	/**
	 * Returns the error carried by this message.
	 * @return the error info, or {@code null} if none
	 */
	public @Nullable ErrorInfo getErrorInfo() {
		return this.errorInfo;
	}

	/**
	 * Sets the error carried by this message.
	 * @param errorInfo the error info, or {@code null} for none
	 * @return this message
	 */
	public Message setErrorInfo(@Nullable ErrorInfo errorInfo) {
		this.errorInfo = errorInfo;
		this.header.setFlag(MessageHeader.FLAG_ERROR_INFO, errorInfo != null);
		return this;
	}

	/**
	 * Returns the local status of this message.
	 * @return the status
	 */
	public MessageStatus getStatus() {
		return this.status;
	}

	/**
	 * Sets the local status of this message.
	 * @param status the status
	 * @return this message
	 */
	public Message setStatus(MessageStatus status) {
		this.status = Objects.requireNonNull(status, "status must not be null");
		return this;
	}

	/**
	 * Returns where this message came from, if a transport delivered it.
	 * @return the origin, or {@code null} for a message built locally
	 */
	public @Nullable MessageOrigin getOrigin() {
		return this.origin;
	}

	/**
	 * Sets where this message came from (or, for a reply, where it goes back to). Called by transports.
	 * @param origin the origin
	 * @return this message
	 */
	public Message setOrigin(@Nullable MessageOrigin origin) {
		this.origin = origin;
		return this;
	}

	/**
	 * Returns the message id; a shortcut for {@code getHeader().getMessageId()}.
	 * @return the message id
	 */
	public MessageId getMessageId() {
		return this.header.getMessageId();
	}

	/**
	 * Returns the message type; a shortcut for {@code getHeader().getType()}.
	 * @return the type
	 */
	public MessageType getType() {
		return this.header.getType();
	}

	/**
	 * Checks that this message can be sent: it has an id; a request names a method; a response, error or answered
	 * heartbeat names the message it answers; an error carries its {@link ErrorInfo}; strings fit in the frame.
	 * @return the first problem found, or empty if the message is valid
	 */
	public Optional<ErrorInfo> validate() {
		if (this.header.getMessageIdHigh() == 0 && this.header.getMessageIdLow() == 0) {
			return invalid("message id is not set", "messageId");
		}
		MessageType type = this.header.getType();
		if (type == MessageType.REQUEST && this.metadata.getSubject().isEmpty()) {
			return invalid("a request must name its method in the subject", "subject");
		}
		if ((type == MessageType.RESPONSE || type == MessageType.ERROR)
				&& this.header.getCorrelationIdHigh() == 0 && this.header.getCorrelationIdLow() == 0
				&& this.errorInfo == null) {
			return invalid("a " + type + " must carry the id of the message it answers", "correlationId");
		}
		if (type == MessageType.ERROR && this.errorInfo == null) {
			return invalid("an ERROR message must carry ErrorInfo", "errorInfo");
		}
		String field = oversizedString();
		if (field != null) {
			return invalid(field + " is longer than " + MessageMetadata.MAX_STRING_BYTES + " UTF-8 bytes", field);
		}
		return Optional.empty();
	}

	private @Nullable String oversizedString() {
		if (tooLong(this.metadata.getSourceEndpoint())) {
			return "sourceEndpoint";
		}
		if (tooLong(this.metadata.getDestinationEndpoint())) {
			return "destinationEndpoint";
		}
		if (tooLong(this.metadata.getSubject())) {
			return "subject";
		}
		if (tooLong(this.metadata.getContentType())) {
			return "contentType";
		}
		ErrorInfo error = this.errorInfo;
		if (error != null && (tooLong(error.message()) || tooLong(error.category()) || tooLong(error.context()))) {
			return "errorInfo";
		}
		return null;
	}

	private static boolean tooLong(String value) {
		// A char is at most 3 UTF-8 bytes (surrogate pairs are 4 bytes for 2 chars), so short strings pass cheaply.
		return value.length() * 3 > MessageMetadata.MAX_STRING_BYTES
				&& value.getBytes(StandardCharsets.UTF_8).length > MessageMetadata.MAX_STRING_BYTES;
	}

	private static Optional<ErrorInfo> invalid(String message, String field) {
		return Optional.of(ErrorInfo.of(ErrorCode.INVALID_ARGUMENT, message, field));
	}

	/**
	 * Creates the response to this message: a new id, type {@link MessageType#RESPONSE}, correlation id = this
	 * message's id, source and destination swapped, the same subject, format, priority and origin, and an empty
	 * payload.
	 * <p>
	 * The request's {@linkplain MessageMetadata#getHeaders() headers} are not copied: they describe the request (the
	 * caller's token, its trace context), and copying them would send them back to the caller. Whoever wants headers
	 * on the reply sets them on it.
	 * @return the response
	 */
	public Message createResponse() {
		return createReply(MessageType.RESPONSE);
	}

	/**
	 * Creates the error response to this message: as {@link #createResponse()} (without the request's headers) but
	 * of type {@link MessageType#ERROR} and carrying the error.
	 * @param error why the request failed
	 * @return the error response
	 */
	public Message createErrorResponse(ErrorInfo error) {
		return createReply(MessageType.ERROR).setErrorInfo(error);
	}

	/**
	 * Creates a reply of a given type: see {@link #createResponse()}; the request's headers are not copied.
	 * @param type the reply's type
	 * @return the reply
	 */
	public Message createReply(MessageType type) {
		Message reply = create(type);
		reply.header.setCorrelationId(this.header.getMessageIdHigh(), this.header.getMessageIdLow())
			.setPriority(this.header.getPriority())
			.setFormat(this.header.getFormat());
		reply.metadata.setSourceEndpoint(this.metadata.getDestinationEndpoint())
			.setDestinationEndpoint(this.metadata.getSourceEndpoint())
			.setSubject(this.metadata.getSubject());
		reply.origin = this.origin;
		return reply;
	}

	/**
	 * Returns a copy of this message sharing the payload buffer (not its bytes) and origin; the copy's headers are
	 * its own map, with the same entries in the same order.
	 * @return the copy
	 */
	public Message copy() {
		Message copy = new Message();
		copy.header.copyFrom(this.header);
		copy.metadata.copyFrom(this.metadata);
		copy.payload = this.payload.duplicate();
		copy.payloadTransient = this.payloadTransient;
		copy.errorInfo = this.errorInfo;
		copy.status = this.status;
		copy.origin = this.origin;
		return copy;
	}

	/**
	 * Returns the current time in microseconds since the epoch.
	 * @return the time
	 */
	public static long currentTimeMicros() {
		return WallClockMicros.now();
	}

	@Override
	public String toString() {
		return "Message[" + this.header + ", " + this.metadata + ", error=" + this.errorInfo + ", status="
				+ this.status + "]";
	}

}
