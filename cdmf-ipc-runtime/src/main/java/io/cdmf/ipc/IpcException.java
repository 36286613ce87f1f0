package io.cdmf.ipc;

import io.cdmf.ipc.message.ErrorInfo;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception that CDMF IPC throws: each carries the {@link ErrorCode} that says why.
 *
 * @since 0.1.0
 */
public class IpcException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ErrorCode errorCode;

	private final transient @Nullable ErrorInfo errorInfo;

	/**
	 * Creates an exception.
	 * @param errorCode why the operation failed
	 * @param message what failed and, where possible, what to do
	 */
	public IpcException(ErrorCode errorCode, String message) {
		this(errorCode, message, null);
	}

	/**
	 * Creates an exception with a cause.
	 * @param errorCode why the operation failed
	 * @param message what failed and, where possible, what to do
	 * @param cause the underlying failure
	 */
	public IpcException(ErrorCode errorCode, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.errorCode = errorCode;
		this.errorInfo = null;
	}

	/**
	 * Creates an exception from an error as it crossed the wire.
	 * @param errorInfo the error
	 * @param cause the underlying failure, usually {@code null} for a remote error
	 */
	protected IpcException(ErrorInfo errorInfo, @Nullable Throwable cause) {
		super(errorInfo.message(), cause);
		this.errorCode = errorInfo.code();
		this.errorInfo = errorInfo;
	}

	/**
	 * Creates an exception that may skip capturing its stack trace, for high-rate rejections.
	 * @param errorCode why the operation failed
	 * @param message what failed
	 * @param cause the underlying failure
	 * @param writableStackTrace whether to capture the stack trace
	 */
	protected IpcException(ErrorCode errorCode, String message, @Nullable Throwable cause,
			boolean writableStackTrace) {
		super(message, cause, true, writableStackTrace);
		this.errorCode = errorCode;
		this.errorInfo = null;
	}

	/**
	 * Creates an exception from an error, possibly without a stack trace.
	 * @param errorInfo the error
	 * @param writableStackTrace whether to capture the stack trace
	 */
	protected IpcException(ErrorInfo errorInfo, boolean writableStackTrace) {
		super(errorInfo.toString(), null, true, writableStackTrace);
		this.errorCode = errorInfo.code();
		this.errorInfo = errorInfo;
	}

	/**
	 * Returns the exception that stands for an error received from a peer or returned by a call: a
	 * {@link IpcTimeoutException}, {@link IpcUnavailableException}, {@link IpcRejectedException},
	 * {@link IpcAuthenticationException}, {@link SerializationException} or, for every other code,
	 * {@link RemoteIpcException}.
	 * @param error the error
	 * @return the exception, carrying the error
	 */
	public static IpcException from(ErrorInfo error) {
		return switch (error.code()) {
			case TIMEOUT, DEADLINE_EXCEEDED -> new IpcTimeoutException(error);
			case UNAVAILABLE -> new IpcUnavailableException(error);
			case RESOURCE_EXHAUSTED, CIRCUIT_OPEN -> new IpcRejectedException(error);
			case UNAUTHENTICATED, PERMISSION_DENIED -> new IpcAuthenticationException(error);
			case SERIALIZATION_ERROR -> new SerializationException(error.message(), null);
			default -> new RemoteIpcException(error);
		};
	}

	/**
	 * Returns why the operation failed.
	 * @return the error code
	 */
	public ErrorCode getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Returns the error as it travels on the wire: the one received, or one made from the code and message.
	 * @return the error info
	 */
	public ErrorInfo getErrorInfo() {
		ErrorInfo info = this.errorInfo;
		return (info != null) ? info : ErrorInfo.of(this.errorCode, String.valueOf(getMessage()));
	}

}
