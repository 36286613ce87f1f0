package io.cdmf.ipc.resilience;

import io.cdmf.ipc.IpcException;

/**
 * What a channel reports to its Resilience4j {@code Retry} for a failed attempt of an idempotent call while another
 * endpoint is ready: the retry, if there is one, goes to that other endpoint. A retry made from a
 * {@link io.cdmf.ipc.rpc.RetryPolicy} retries it on the policy's {@code retryOn} codes and on its
 * {@code retryIdempotentOn} codes (a handler that threw, by default); a retry configured in a registry judges
 * {@link #getFailure()} by its own predicate, as it would any failure. Not an {@link IpcException}, so that
 * predicates written for those see the failure itself and not this wrapper.
 *
 * @since 0.1.0
 */
public class RetryElsewhereException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param failure the attempt's failure
	 */
	public RetryElsewhereException(IpcException failure) {
		super("idempotent call failed on one endpoint, another is ready: " + failure.getMessage(), failure, false,
				false);
	}

	/**
	 * Returns the attempt's failure.
	 * @return the failure
	 */
	public IpcException getFailure() {
		return (IpcException) getCause();
	}

}
