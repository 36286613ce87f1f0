package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.util.Objects;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a call: the response payload on success, the typed error otherwise. A call never throws for a
 * remote or transport failure; it returns a failed result.
 *
 * @since 0.1.0
 */
public final class CallResult {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

	private final @Nullable ErrorInfo error;

	// One of the two holds the payload: a result made from an array keeps no buffer, so a caller reading it with
	// data() gets the array and one reading it with dataBuffer() allocates one buffer, not two.

	private final @Nullable ByteBuffer data;

	private final byte @Nullable [] array;

	private final SerializationFormat format;

	private final boolean notRun;

	private CallResult(@Nullable ErrorInfo error, @Nullable ByteBuffer data, byte @Nullable [] array,
			SerializationFormat format, boolean notRun) {
		this.error = error;
		this.data = data;
		this.array = array;
		this.format = format;
		this.notRun = notRun;
	}

	/**
	 * Creates a successful result.
	 * @param data the response payload
	 * @param format the payload's format
	 * @return the result
	 */
	public static CallResult success(ByteBuffer data, SerializationFormat format) {
		return new CallResult(null, Objects.requireNonNull(data, "data must not be null"), null, format, false);
	}

	/**
	 * Creates a successful result whose payload is a whole array, kept and not copied: {@link #data()} returns it.
	 * @param data the response payload
	 * @param format the payload's format
	 * @return the result
	 */
	public static CallResult success(byte[] data, SerializationFormat format) {
		return new CallResult(null, null, Objects.requireNonNull(data, "data must not be null"), format, false);
	}

	/**
	 * Creates a failed result.
	 * @param error why the call failed
	 * @return the result
	 */
	public static CallResult failure(ErrorInfo error) {
		return new CallResult(Objects.requireNonNull(error, "error must not be null"), EMPTY, null,
				SerializationFormat.BINARY, false);
	}

	/**
	 * Creates a failed result of a request that is known not to have run: it was never sent, or the server refused
	 * it before its handler started (it was stopping, at its limit, past the deadline...).
	 * @param error why the call failed
	 * @return the result
	 */
	public static CallResult notRun(ErrorInfo error) {
		return new CallResult(Objects.requireNonNull(error, "error must not be null"), EMPTY, null,
				SerializationFormat.BINARY, true);
	}

	/**
	 * Creates a failed result.
	 * @param code why the call failed
	 * @param message what failed
	 * @return the result
	 */
	public static CallResult failure(ErrorCode code, String message) {
		return failure(ErrorInfo.of(code, message));
	}

	/**
	 * Returns whether the call succeeded.
	 * @return whether there is a response payload
	 */
	public boolean isSuccess() {
		return this.error == null;
	}

	/**
	 * Returns the response payload as an array (the payload's own array when it covers it exactly, else a copy).
	 * @return the payload, empty for a failure
	 */
	public byte[] data() {
		byte[] whole = this.array;
		if (whole != null) {
			return whole;
		}
		ByteBuffer buffer = buffer();
		if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
				&& buffer.remaining() == buffer.array().length) {
			return buffer.array();
		}
		byte[] copy = new byte[buffer.remaining()];
		buffer.get(buffer.position(), copy);
		return copy;
	}

	/**
	 * Returns the response payload without copying; its position-to-limit range is the content.
	 * @return the payload buffer
	 */
	public ByteBuffer dataBuffer() {
		byte[] whole = this.array;
		return (whole != null) ? ByteBuffer.wrap(whole) : buffer().duplicate();
	}

	private ByteBuffer buffer() {
		ByteBuffer buffer = this.data;
		return (buffer != null) ? buffer : EMPTY;
	}

	/**
	 * Returns the format the server declared for the payload.
	 * @return the format
	 */
	public SerializationFormat format() {
		return this.format;
	}

	/**
	 * Returns why the call failed.
	 * @return the error code, {@link ErrorCode#OK} on success
	 */
	public ErrorCode errorCode() {
		ErrorInfo info = this.error;
		return (info != null) ? info.code() : ErrorCode.OK;
	}

	/**
	 * Returns what failed.
	 * @return the error message, empty on success
	 */
	public String errorMessage() {
		ErrorInfo info = this.error;
		return (info != null) ? info.message() : "";
	}

	/**
	 * Returns whether the call failed in a way that proves its request did not run: it was never sent, or the server
	 * said it refused it before running its handler. A channel may then retry it on any endpoint, idempotent or not.
	 * @return whether the request is known not to have run
	 */
	public boolean isKnownNotRun() {
		return this.notRun;
	}

	/**
	 * Returns the full error.
	 * @return the error info, or {@code null} on success
	 */
	public @Nullable ErrorInfo errorInfo() {
		return this.error;
	}

	@Override
	public String toString() {
		return isSuccess() ? "CallResult[success, " + dataBuffer().remaining() + " bytes]"
				: "CallResult[" + this.error + (this.notRun ? ", did not run" : "") + "]";
	}

}
