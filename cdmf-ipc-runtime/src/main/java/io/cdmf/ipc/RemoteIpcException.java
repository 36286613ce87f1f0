package io.cdmf.ipc;

import io.cdmf.ipc.message.ErrorInfo;

/**
 * A call that the remote side answered with an error: the method does not exist, the request was invalid, or the handler threw (`INTERNAL`, with the exception's class and message). Carries the {@link io.cdmf.ipc.message.ErrorInfo} as received.
 *
 * @since 0.1.0
 */
public class RemoteIpcException extends IpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception from an error.
	 * @param error the error
	 */
	public RemoteIpcException(ErrorInfo error) {
		super(error, null);
	}

}
