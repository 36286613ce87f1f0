package io.cdmf.ipc.rpc;

/**
 * Observes and adjusts the calls of a channel: the seam for authentication tokens, tracing, metrics and logging.
 * <p>
 * A channel runs its interceptors in order: {@link #beforeCall} from first to last on the calling thread before the
 * first attempt is sent, {@link #afterCall} from last to first once the call has its final result (after every
 * retry), on the thread that finished it (the caller, an I/O thread or the scheduler). Each call of a channel with
 * interceptors gets one {@link ClientCall}, shared by all of them, where they can leave attributes for their own
 * {@code afterCall}. A channel without interceptors pays nothing for them.
 * <p>
 * Implementations must be thread-safe and fast, and must not block. {@code beforeCall} may refuse the call by
 * throwing an {@link io.cdmf.ipc.IpcException}: nothing is sent, the caller gets a failed result with its code, and
 * {@code afterCall} still runs, for every interceptor whose {@code beforeCall} ran. An exception thrown by
 * {@code afterCall} is logged and does not change the result.
 *
 * @since 0.1.0
 */
public interface ClientInterceptor {

	/**
	 * Runs before the call's first attempt is sent.
	 * @param call the call; its request metadata may be changed here (headers, content type)
	 * @throws io.cdmf.ipc.IpcException to refuse the call; its code becomes the call's result
	 */
	default void beforeCall(ClientCall call) {
	}

	/**
	 * Runs once the call has its final result.
	 * @param call the call
	 * @param result its result: success, or the failure the caller sees
	 */
	default void afterCall(ClientCall call, CallResult result) {
	}

	/**
	 * Returns an interceptor that reports every finished call to a listener, as {@link CallListener} promises.
	 * @param listener the listener
	 * @return the interceptor
	 */
	static ClientInterceptor listening(CallListener listener) {
		return new ClientInterceptor() {

			@Override
			public void afterCall(ClientCall call, CallResult result) {
				listener.onCall(call.service(), call.method(), call.transport(), result.errorCode(),
						System.nanoTime() - call.startNanos());
			}

			@Override
			public String toString() {
				return "ClientInterceptor.listening(" + listener + ")";
			}

		};
	}

}
