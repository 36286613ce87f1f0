package io.cdmf.ipc;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception that CDMF IPC throws: each carries the {@link ErrorCode} that says why.
 *
 * @since 0.1.0
 */
public class IpcException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ErrorCode errorCode;

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
	}

	/**
	 * Returns why the operation failed.
	 * @return the error code
	 */
	public ErrorCode getErrorCode() {
		return this.errorCode;
	}

}
