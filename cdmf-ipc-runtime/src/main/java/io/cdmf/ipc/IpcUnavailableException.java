package io.cdmf.ipc;

import io.cdmf.ipc.message.ErrorInfo;

/**
 * The peer cannot be reached: not running, connection refused or lost, or stopping (`UNAVAILABLE`).
 *
 * @since 0.1.0
 */
public class IpcUnavailableException extends IpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception from an error.
	 * @param error the error
	 */
	public IpcUnavailableException(ErrorInfo error) {
		super(error, null);
	}

}
