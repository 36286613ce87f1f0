package io.cdmf.ipc.rpc;

import io.cdmf.ipc.ErrorCode;

/**
 * Observes and admits the requests of a {@link ServiceStub}: the seam for authentication, validation, tracing,
 * metrics and logging on the serving side.
 * <p>
 * A stub runs its interceptors in the order they were added. For each request of a method the service has:
 * {@link #onRequest} from first to last on the receiving thread, before the stub's own checks (duplicate, deadline,
 * concurrency limit); {@link #aroundHandler} nested, first outermost, on the thread that runs the handler; and
 * {@link #onComplete} from last to first once the request was answered or refused, for every interceptor whose
 * {@code onRequest} ran. A request the stub does not serve (it is stopping, or has no such method) reaches no
 * {@code onRequest} but every interceptor's {@code onComplete}; for a method the service does not have,
 * {@link ServerCall#method()} is {@link CallListener#UNKNOWN_METHOD}, so that callers cannot create unbounded names.
 * The built-in {@link CallListener} (outermost), {@link AuthenticationHandler} and {@link RequestValidator} are
 * interceptors too, running first. A stub without interceptors makes no {@link ServerCall} and pays nothing for
 * them.
 * <p>
 * Implementations must be thread-safe; {@code onRequest} and {@code onComplete} run on I/O threads and must not
 * block. {@code onRequest} refuses a request by throwing an {@link io.cdmf.ipc.IpcException}: the handler does
 * not run and the caller gets its code (the reply says the request did not run, flag
 * {@link io.cdmf.ipc.message.MessageHeader#FLAG_NOT_EXECUTED}); any other exception refuses it with
 * {@code INTERNAL} and is logged. For a refusal at a high rate, an {@code IpcException} subclass that skips its
 * stack trace is cheaper (see its protected constructors). An exception thrown by {@code aroundHandler} or
 * {@code onComplete} is logged and changes nothing for the request.
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
	 * Reports how a request ended: answered, failed, refused or expired. Runs once per request, on the thread that
	 * ended it (the receiving thread for a refusal, the handler's thread, or the deadline sweep's for a request whose
	 * deadline passed while it waited for a thread or while its handler still runs), before the answer is sent: a
	 * caller that has its result may count on {@code onComplete} having run. A repeat of a deduplicated request, answered from the result of
	 * the first run (or waiting for it), completes at once with {@link ErrorCode#OK}; the first run reports its own
	 * outcome.
	 * @param call the request
	 * @param outcome {@link ErrorCode#OK} or why it failed
	 * @param durationNanos time from its arrival to its outcome, in nanoseconds
	 */
	default void onComplete(ServerCall call, ErrorCode outcome, long durationNanos) {
	}

}
