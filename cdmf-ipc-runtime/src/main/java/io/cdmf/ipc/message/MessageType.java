package io.cdmf.ipc.message;

import org.jspecify.annotations.Nullable;

/**
 * What a message is for. The numeric value is what the frame carries.
 *
 * @since 0.1.0
 */
public enum MessageType {

	/** A call of a method; a response is expected unless the request is one-way. */
	REQUEST(1),
	/** A successful answer to a request, correlated by the request's message id. */
	RESPONSE(2),
	/** A notification; no response. */
	EVENT(3),
	/** A failed answer to a request, carrying {@link ErrorInfo}; or a report of a rejected frame. */
	ERROR(4),
	/** A keep-alive ping; a stub answers it with a heartbeat correlated to it. */
	HEARTBEAT(5),
	/** A control message between transports; not delivered to handlers. */
	CONTROL(6);

	private static final MessageType[] BY_VALUE = { null, REQUEST, RESPONSE, EVENT, ERROR, HEARTBEAT, CONTROL };

	private final int value;

	MessageType(int value) {
		this.value = value;
	}

	/**
	 * Returns the value written on the wire.
	 * @return the value
	 */
	public int value() {
		return this.value;
	}

	/**
	 * Returns the type for a wire value.
	 * @param value the wire value
	 * @return the type, or {@code null} if the value is not defined
	 */
	public static @Nullable MessageType ofValue(int value) {
		return (value > 0 && value < BY_VALUE.length) ? BY_VALUE[value] : null;
	}

}
