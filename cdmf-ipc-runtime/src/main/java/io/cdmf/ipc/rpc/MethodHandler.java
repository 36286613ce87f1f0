package io.cdmf.ipc.rpc;

/**
 * Handles calls of one method on raw bytes: the simplest handler.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MethodHandler {

	/**
	 * Handles a call.
	 * @param request the request payload
	 * @return the response payload, or {@code null} for an empty one
	 * @throws Exception any failure; the caller gets {@code INTERNAL} with its message (or the code of an
	 * {@link io.cdmf.ipc.IpcException})
	 */
	byte[] handle(byte[] request) throws Exception;

}
