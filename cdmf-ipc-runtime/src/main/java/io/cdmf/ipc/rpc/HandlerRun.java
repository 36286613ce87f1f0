package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * One run of a method's handler: runs it and keeps what it returned or threw, so that the stub answers once the
 * interceptors' {@link ServerInterceptor#aroundHandler} has unwound rather than from inside it. Never throws.
 */
final class HandlerRun implements Runnable {

	private final MethodRegistration method;

	private final ServiceRequest request;

	/** What a synchronous handler returned. */
	@Nullable ByteBuffer response;

	/** What an asynchronous handler returned. */
	@Nullable CompletionStage<ByteBuffer> stage;

	/** What the handler threw. */
	@Nullable Throwable failure;

	HandlerRun(MethodRegistration method, ServiceRequest request) {
		this.method = method;
		this.request = request;
	}

	@Override
	public void run() {
		try {
			AsyncRequestHandler async = this.method.asyncHandler;
			if (async != null) {
				CompletionStage<ByteBuffer> started = async.handle(this.request);
				if (started == null) {
					throw new NullPointerException("the asynchronous handler of " + this.method.name
							+ " returned no stage");
				}
				this.stage = started;
			}
			else {
				RequestHandler handler = this.method.handler;
				this.response = (handler != null) ? handler.handle(this.request) : null;
			}
		}
		catch (Throwable ex) {
			this.failure = ex;
		}
	}

	/**
	 * Rethrows what the handler threw if it is an error the JVM cannot go on from, once the request is answered.
	 */
	void rethrowFatal() {
		if (this.failure instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
			throw fatal;
		}
	}

}
