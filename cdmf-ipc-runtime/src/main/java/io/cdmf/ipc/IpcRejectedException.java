package io.cdmf.ipc;

import io.cdmf.ipc.message.ErrorInfo;

/**
 * The peer, or the caller's circuit breaker, did not take the call: a concurrency limit, a full buffer, an open circuit (`RESOURCE_EXHAUSTED`, `CIRCUIT_OPEN`). The request did not run.
 *
 * @since 0.1.0
 */
public class IpcRejectedException extends IpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception from an error.
	 * @param error the error
	 */
	public IpcRejectedException(ErrorInfo error) {
		super(error, null);
	}

}
