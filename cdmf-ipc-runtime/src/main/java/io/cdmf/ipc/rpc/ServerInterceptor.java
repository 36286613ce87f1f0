package io.cdmf.ipc.rpc;

import io.cdmf.ipc.ErrorCode;

/**
 * Observes and admits the requests of a {@link ServiceStub}: the seam for authentication, validation, tracing,
 * metrics and logging on the serving side.
 * <p>
 * A stub runs its interceptors in the order they were added. For each request of a method the service has:
 * {@link #onRequest} from first to last on the receiving thread, before the stub's own checks (duplicate, deadline,
 * concurrency limit); {@link #aroundHandler} nested, first outermost, on the thread that runs the handler; and
 * {@link #onComplete} from last to first once the request was answered or refused. The built-in
 * {@link AuthenticationHandler} and {@link RequestValidator} are interceptors too, running first.
 * <p>
 * Implementations must be thread-safe; {@code onRequest} and {@code onComplete} run on I/O threads and must not
 * block. {@code onRequest} refuses a request by throwing an {@link io.cdmf.ipc.IpcException}: the handler does
 * not run and the caller gets its code (the reply says the request did not run).
 *
 * @since 0.1.0
 */
public interface ServerInterceptor {

	/**
	 * Admits a request, on the receiving thread.
	 * @param call the request
	 * @throws io.cdmf.ipc.IpcException to refuse it; its code and message go to the caller
	 */
	default void onRequest(ServerCall call) {
	}

	/**
	 * Runs around the handler, on the thread that runs it: set up and clear thread-bound context here (a security
	 * context, a tracing scope). Call {@code handler.run()} exactly once; it does not throw (the handler's failure
	 * becomes the reply). For an asynchronous handler this wraps the call that starts its work.
	 * @param call the request
	 * @param handler runs the handler and records its outcome
	 */
	default void aroundHandler(ServerCall call, Runnable handler) {
		handler.run();
	}

	/**
	 * Reports how a request ended: answered, failed, refused or expired.
	 * @param call the request
	 * @param outcome {@link ErrorCode#OK} or why it failed
	 * @param durationNanos time from its arrival to its outcome, in nanoseconds
	 */
	default void onComplete(ServerCall call, ErrorCode outcome, long durationNanos) {
	}

}
