package io.cdmf.ipc.resilience;

import io.cdmf.ipc.IpcException;

/**
 * What a channel reports to its Resilience4j {@code Retry} for an attempt that must not be repeated: it was sent
 * and may have run, the method is not idempotent, and the connection it went over is gone, so neither the server's
 * duplicate check nor another endpoint could keep it from running twice. Not an {@link IpcException}, so that
 * retry predicates written for those leave it alone; the channel never retries it whatever a predicate says.
 *
 * @since 0.1.0
 */
public class RetryNotSafeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param failure the attempt's failure
	 */
	public RetryNotSafeException(IpcException failure) {
		super("not retried, the request may have run: " + failure.getMessage(), failure, false, false);
	}

	/**
	 * Returns the attempt's failure.
	 * @return the failure
	 */
	public IpcException getFailure() {
		return (IpcException) getCause();
	}

}
