package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * Handles calls of one method with access to the whole request: payload without copying, metadata, peer.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RequestHandler {

	/**
	 * Handles a call.
	 * @param request the request
	 * @return the response payload (position to limit), or {@code null} for an empty one
	 * @throws Exception any failure; the caller gets {@code INTERNAL} with its message (or the code of an
	 * {@link io.cdmf.ipc.IpcException})
	 */
	@Nullable ByteBuffer handle(ServiceRequest request) throws Exception;

}
