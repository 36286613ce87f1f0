package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Handles calls of one method asynchronously: the response is sent when the returned stage completes. The request
 * counts against the service's concurrency limit until then.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncRequestHandler {

	/**
	 * Starts handling a call.
	 * @param request the request; a payload that is a view over transport memory must be copied before this method
	 * returns if the stage needs it later
	 * @return a stage completing with the response payload (or {@code null} for an empty one), or exceptionally
	 * @throws Exception a failure before the stage was made
	 */
	CompletionStage<ByteBuffer> handle(ServiceRequest request) throws Exception;

}
