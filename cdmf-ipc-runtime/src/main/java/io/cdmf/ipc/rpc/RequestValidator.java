package io.cdmf.ipc.rpc;

import io.cdmf.ipc.message.Message;

/**
 * Decides whether a request is acceptable before its handler runs; a rejected request is answered with
 * {@code INVALID_ARGUMENT} and flagged as not run. The stub runs it as a {@link ServerInterceptor}, after the
 * authentication handler and before the interceptors configured or added.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RequestValidator {

	/**
	 * Checks a request. Runs on the transport's I/O thread: keep it short.
	 * @param request the request
	 * @return whether it may run
	 */
	boolean isValid(Message request);

}
