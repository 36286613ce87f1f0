package io.cdmf.ipc;

import io.cdmf.ipc.message.ErrorInfo;

/**
 * The service refused the caller (`UNAUTHENTICATED`, `PERMISSION_DENIED`).
 *
 * @since 0.1.0
 */
public class IpcAuthenticationException extends IpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception from an error.
	 * @param error the error
	 */
	public IpcAuthenticationException(ErrorInfo error) {
		super(error, null);
	}

}
