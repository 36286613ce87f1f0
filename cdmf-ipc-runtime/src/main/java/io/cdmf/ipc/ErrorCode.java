package io.cdmf.ipc;

import org.jspecify.annotations.Nullable;

/**
 * Typed reason for a failed call, a rejected request or a rejected frame.
 * <p>
 * Each code has a stable numeric value that travels in {@code ErrorInfo} on the wire (see
 * {@code docs/wire-format.md}); values are never reused. Codes below 100 describe calls, codes from 100 describe
 * frames that could not be decoded.
 *
 * @since 0.1.0
 */
public enum ErrorCode {

	/** No error. */
	OK(0, Category.NONE),
	/** A failure with no better code, or a code from a newer peer that this version does not know. */
	UNKNOWN(1, Category.INTERNAL),
	/** The request was malformed or refused by the service's request validator. */
	INVALID_ARGUMENT(2, Category.CLIENT),
	/** The caller stopped waiting: no response arrived within the call's timeout. */
	TIMEOUT(3, Category.TIMEOUT),
	/** The server did not run, or stopped waiting for, a request whose deadline had passed. */
	DEADLINE_EXCEEDED(4, Category.TIMEOUT),
	/** The peer cannot be reached: not running, connection refused or lost, or shutting down. */
	UNAVAILABLE(5, Category.UNAVAILABLE),
	/** The service has no method of the requested name. */
	METHOD_NOT_FOUND(6, Category.CLIENT),
	/** The method's handler failed; the message says how. */
	INTERNAL(7, Category.INTERNAL),
	/** The peer is at a limit (max concurrent requests, a full buffer) and did not take the request. */
	RESOURCE_EXHAUSTED(8, Category.REJECTED),
	/** The service's authentication handler refused the caller. */
	UNAUTHENTICATED(9, Category.SECURITY),
	/** The caller is known but not allowed to do this. */
	PERMISSION_DENIED(10, Category.SECURITY),
	/** A payload could not be serialized or deserialized in the declared format. */
	SERIALIZATION_ERROR(11, Category.CLIENT),
	/** A message is larger than the configured frame or datagram limit; it was not sent. */
	MESSAGE_TOO_LARGE(12, Category.CLIENT),
	/** The call was cancelled by the caller. */
	CANCELLED(13, Category.CLIENT),
	/** The call was not attempted because the circuit breaker for the service is open. */
	CIRCUIT_OPEN(14, Category.REJECTED),
	/** The transport or component was used in a state that does not allow the operation. */
	ILLEGAL_STATE(15, Category.CLIENT),

	/** Fewer bytes than the frame header or the frame's declared length. */
	FRAME_TRUNCATED(100, Category.FRAME),
	/** The frame's declared length is above the configured maximum frame length. */
	FRAME_TOO_LARGE(101, Category.FRAME),
	/** The frame does not start with the magic number. */
	BAD_MAGIC(102, Category.FRAME),
	/** The frame's version is not one this implementation reads. */
	UNSUPPORTED_VERSION(103, Category.FRAME),
	/** The CRC32C in the frame does not match its contents. */
	CHECKSUM_MISMATCH(104, Category.FRAME),
	/** A message type, priority or serialization format value that is not defined. */
	UNKNOWN_ENUM_VALUE(105, Category.FRAME),
	/** Lengths inside the frame disagree with each other or a field is not valid. */
	MALFORMED_FRAME(106, Category.FRAME);

	private static final ErrorCode[] BY_VALUE = new ErrorCode[107];

	static {
		for (ErrorCode code : values()) {
			BY_VALUE[code.value] = code;
		}
	}

	private final int value;

	private final Category category;

	ErrorCode(int value, Category category) {
		this.value = value;
		this.category = category;
	}

	/**
	 * Returns the stable numeric value of this code, as written on the wire.
	 * @return the value
	 */
	public int value() {
		return this.value;
	}

	/**
	 * Returns the broad category of this code.
	 * @return the category
	 */
	public Category category() {
		return this.category;
	}

	/**
	 * Returns whether a call that failed with this code may be sent again without risk of running twice or of
	 * failing the same way for certain. The stub deduplicates retried requests by message id, so codes where the
	 * request may have run ({@link #TIMEOUT}, {@link #UNAVAILABLE}) are retryable.
	 * @return whether retrying is safe
	 */
	public boolean isRetryable() {
		return this == TIMEOUT || this == UNAVAILABLE || this == RESOURCE_EXHAUSTED;
	}

	/**
	 * Returns the code for a numeric value.
	 * @param value the numeric value
	 * @return the code, or {@code null} if the value is not defined
	 */
	public static @Nullable ErrorCode ofValue(int value) {
		return (value >= 0 && value < BY_VALUE.length) ? BY_VALUE[value] : null;
	}

	/**
	 * Broad grouping of error codes, carried as {@code ErrorInfo.category} on the wire.
	 */
	public enum Category {

		/** Not an error. */
		NONE,
		/** The caller sent something the service does not accept. */
		CLIENT,
		/** A deadline or timeout passed. */
		TIMEOUT,
		/** The peer cannot be reached. */
		UNAVAILABLE,
		/** The peer is at a limit; the request did not run. */
		REJECTED,
		/** Authentication or authorization failed. */
		SECURITY,
		/** A failure inside the service. */
		INTERNAL,
		/** Bytes on the wire that are not a valid frame. */
		FRAME

	}

}
