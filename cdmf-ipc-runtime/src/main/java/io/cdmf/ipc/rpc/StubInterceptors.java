package io.cdmf.ipc.rpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interceptor chain of a {@link ServiceStub}, and the code that runs it as {@link ServerInterceptor} promises.
 * <p>
 * The chain is the observation interceptor (outermost, so that its scope covers everything and it sees every
 * outcome), the call listener (so that it sees every outcome and times everything), the
 * authentication handler, the request validator, then the configured and added interceptors in order. It is kept
 * as an array that is replaced whenever one of them changes, so a request reads it once and runs the chain it
 * found even if it changes meanwhile; a stub without any reads an empty array and pays nothing else.
 */
final class StubInterceptors {

	private static final Logger logger = LoggerFactory.getLogger(ServiceStub.class);

	private static final ServerInterceptor[] NONE = new ServerInterceptor[0];

	private final String service;

	private final List<ServerInterceptor> interceptors;

	private @Nullable ServerInterceptor observation;

	private @Nullable ServerInterceptor listener;

	private @Nullable ServerInterceptor authentication;

	private @Nullable ServerInterceptor validation;

	private volatile ServerInterceptor[] chain;

	StubInterceptors(String service, List<ServerInterceptor> configured) {
		this.service = service;
		this.interceptors = new ArrayList<>(configured);
		this.chain = this.interceptors.toArray(NONE);
	}

	// ---- the chain ----

	ServerInterceptor[] chain() {
		return this.chain;
	}

	synchronized List<ServerInterceptor> interceptors() {
		return Collections.unmodifiableList(new ArrayList<>(this.interceptors));
	}

	synchronized void add(ServerInterceptor interceptor) {
		this.interceptors.add(interceptor);
		rebuild();
	}

	synchronized void setObservationInterceptor(@Nullable ServerInterceptor interceptor) {
		this.observation = interceptor;
		rebuild();
	}

	synchronized void setCallListener(@Nullable CallListener listener) {
		this.listener = (listener != null) ? BuiltInInterceptors.listening(listener) : null;
		rebuild();
	}

	synchronized void setAuthenticationHandler(@Nullable AuthenticationHandler handler) {
		this.authentication = (handler != null) ? BuiltInInterceptors.authenticating(handler) : null;
		rebuild();
	}

	synchronized void setRequestValidator(@Nullable RequestValidator validator) {
		this.validation = (validator != null) ? BuiltInInterceptors.validating(validator) : null;
		rebuild();
	}

	private void rebuild() {
		List<ServerInterceptor> all = new ArrayList<>(this.interceptors.size() + 4);
		if (this.observation != null) {
			all.add(this.observation);
		}
		if (this.listener != null) {
			all.add(this.listener);
		}
		if (this.authentication != null) {
			all.add(this.authentication);
		}
		if (this.validation != null) {
			all.add(this.validation);
		}
		all.addAll(this.interceptors);
		this.chain = all.toArray(NONE);
	}

	// ---- running it ----

	/**
	 * Runs {@code onRequest} of the call's interceptors in order until one refuses.
	 * @param call the call
	 * @return the refusal, or {@code null} if every interceptor admitted the request
	 */
	@Nullable IpcException admit(DefaultServerCall call) {
		for (ServerInterceptor interceptor : call.chain) {
			call.started++;
			try {
				interceptor.onRequest(call);
			}
			catch (IpcException ex) {
				return ex;
			}
			catch (RuntimeException ex) {
				logger.warn("Server interceptor {} of {} failed; the request is refused", interceptor, this.service,
						ex);
				return new IpcException(ErrorCode.INTERNAL,
						"server interceptor " + interceptor + " of " + this.service + " failed: " + ex);
			}
		}
		return null;
	}

	/**
	 * Runs a handler inside the call's interceptors' {@code aroundHandler}, first outermost. The handler runs once
	 * whatever they do: an interceptor that throws before running it, or returns without running it, is logged and
	 * the stub runs the rest of the chain itself.
	 * @param call the call
	 * @param handler runs the handler and keeps its outcome; does not throw
	 */
	void around(DefaultServerCall call, Runnable handler) {
		around(call, 0, handler);
	}

	private void around(DefaultServerCall call, int index, Runnable handler) {
		ServerInterceptor[] all = call.chain;
		if (index == all.length) {
			handler.run();
			return;
		}
		ServerInterceptor interceptor = all[index];
		Inner inner = new Inner(call, index + 1, handler);
		try {
			interceptor.aroundHandler(call, inner);
		}
		catch (RuntimeException ex) {
			logger.warn("Server interceptor {} of {} failed around the handler of {}; the request goes on",
					interceptor, this.service, call.method(), ex);
		}
		if (!inner.ran) {
			logger.warn("Server interceptor {} of {} did not run the handler of {}; the stub ran it", interceptor,
					this.service, call.method());
			inner.run();
		}
	}

	/**
	 * Runs {@code onComplete} of the interceptors whose {@code onRequest} ran, last first.
	 * @param call the call, or {@code null} when the stub has no interceptors
	 * @param outcome how the request ended
	 * @param durationNanos time since it arrived
	 */
	void complete(@Nullable DefaultServerCall call, ErrorCode outcome, long durationNanos) {
		if (call == null) {
			return;
		}
		ServerInterceptor[] all = call.chain;
		for (int i = call.started - 1; i >= 0; i--) {
			try {
				all[i].onComplete(call, outcome, durationNanos);
			}
			catch (RuntimeException ex) {
				logger.warn("Server interceptor {} of {} failed after a request; its answer stands", all[i],
						this.service, ex);
			}
		}
	}

	/**
	 * The rest of the chain as one interceptor's {@code aroundHandler} sees it: runs once, however often called.
	 */
	private final class Inner implements Runnable {

		private final DefaultServerCall call;

		private final int index;

		private final Runnable handler;

		boolean ran;

		Inner(DefaultServerCall call, int index, Runnable handler) {
			this.call = call;
			this.index = index;
			this.handler = handler;
		}

		@Override
		public void run() {
			if (this.ran) {
				logger.warn("A server interceptor of {} ran the handler of {} twice; it ran once",
						StubInterceptors.this.service, this.call.method());
				return;
			}
			this.ran = true;
			around(this.call, this.index, this.handler);
		}

	}

}
