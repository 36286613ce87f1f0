package io.cdmf.ipc;

import io.cdmf.ipc.message.ErrorInfo;

/**
 * A call that got no answer in time: the caller's timeout (`TIMEOUT`) or the server's deadline (`DEADLINE_EXCEEDED`).
 *
 * @since 0.1.0
 */
public class IpcTimeoutException extends IpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception from an error.
	 * @param error the error
	 */
	public IpcTimeoutException(ErrorInfo error) {
		super(error, null);
	}

}
