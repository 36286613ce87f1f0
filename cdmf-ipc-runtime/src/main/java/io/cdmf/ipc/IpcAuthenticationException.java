package io.cdmf.ipc;

import io.cdmf.ipc.message.ErrorInfo;

/**
 * The service refused the caller (`UNAUTHENTICATED`, `PERMISSION_DENIED`): a {@link RemoteIpcException}, as the
 * remote side answered it, carrying its {@link ErrorInfo}.
 *
 * @since 0.1.0
 */
public class IpcAuthenticationException extends RemoteIpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception from an error.
	 * @param error the error
	 */
	public IpcAuthenticationException(ErrorInfo error) {
		super(error);
	}

}
