package io.cdmf.ipc.message;

import org.jspecify.annotations.Nullable;

/**
 * Priority of a message. Carried on the wire for peers and handlers to act on; transports deliver in order per
 * connection regardless of priority.
 *
 * @since 0.1.0
 */
public enum MessagePriority {

	/** Background work. */
	LOW(0),
	/** The default. */
	NORMAL(1),
	/** Ahead of normal work. */
	HIGH(2),
	/** Ahead of everything else. */
	CRITICAL(3);

	private static final MessagePriority[] BY_VALUE = { LOW, NORMAL, HIGH, CRITICAL };

	private final int value;

	MessagePriority(int value) {
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
	 * Returns the priority for a wire value.
	 * @param value the wire value
	 * @return the priority, or {@code null} if the value is not defined
	 */
	public static @Nullable MessagePriority ofValue(int value) {
		return (value >= 0 && value < BY_VALUE.length) ? BY_VALUE[value] : null;
	}

}
