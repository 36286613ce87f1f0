package io.cdmf.ipc.rpc;

/**
 * Where a {@link ServiceStub} runs a request's handler: on the thread of the transport that received it, or on the
 * stub's executor. See {@link StubConfig.Builder#handlerDispatch(HandlerDispatch)}.
 *
 * @since 0.1.0
 */
public enum HandlerDispatch {

	/**
	 * The default: on the receiving thread where the transport can hand receiving to another thread
	 * ({@link io.cdmf.ipc.transport.Connection#receiverRelay()}, today {@code shm://} and the servers of
	 * {@code unix://} and {@code tcp://}), so a short handler is answered without a hand-off; a handler still running there after the
	 * {@linkplain StubConfig#getInlineHandlerBudget() inline budget} gets the receiving thread's place handed to a
	 * new thread, so it stalls no other caller, and its method's later calls run on the executor until they prove
	 * short again. Elsewhere (where a wake-up costs little against the transport's own round trip) on the executor.
	 */
	ADAPTIVE,

	/**
	 * Always on the receiving thread, never handed off: the fastest, and over {@code shm://} the zero-copy path, but
	 * a handler that blocks stalls every other request its receiving thread serves.
	 */
	INLINE,

	/** Always on the executor: every request pays a hand-off to another thread. */
	EXECUTOR

}
