package io.cdmf.ipc.rpc;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;

/**
 * The interceptors behind {@link ServiceStub#setCallListener}, {@link ServiceStub#setAuthenticationHandler} and
 * {@link ServiceStub#setRequestValidator}: the stub's former special cases, now ordinary interceptors that it puts
 * first in its chain.
 */
final class BuiltInInterceptors {

	private BuiltInInterceptors() {
	}

	/**
	 * Returns an interceptor that refuses the callers an authentication handler refuses, with
	 * {@code UNAUTHENTICATED}.
	 * @param handler the handler
	 * @return the interceptor
	 */
	static ServerInterceptor authenticating(AuthenticationHandler handler) {
		return new ServerInterceptor() {

			@Override
			public void onRequest(ServerCall call) {
				if (!handler.authenticate(call.request(), call.peer())) {
					throw new Refusal(ErrorCode.UNAUTHENTICATED,
							"service " + call.service() + " refused the caller " + call.peer());
				}
			}

			@Override
			public String toString() {
				return "authentication handler " + handler;
			}

		};
	}

	/**
	 * Returns an interceptor that refuses the requests a validator refuses, with {@code INVALID_ARGUMENT}.
	 * @param validator the validator
	 * @return the interceptor
	 */
	static ServerInterceptor validating(RequestValidator validator) {
		return new ServerInterceptor() {

			@Override
			public void onRequest(ServerCall call) {
				if (!validator.isValid(call.request())) {
					throw new Refusal(ErrorCode.INVALID_ARGUMENT, "request to " + call.service() + "." + call.method()
							+ " was refused by the service's request validator");
				}
			}

			@Override
			public String toString() {
				return "request validator " + validator;
			}

		};
	}

	/**
	 * Returns an interceptor that reports every request a stub answered, refused or expired to a listener, as
	 * {@link CallListener} promises. A repeat of a deduplicated request, answered from the first run's result, is
	 * not reported again: the first run was.
	 * @param listener the listener
	 * @return the interceptor
	 */
	static ServerInterceptor listening(CallListener listener) {
		return new ServerInterceptor() {

			@Override
			public void onComplete(ServerCall call, ErrorCode outcome, long durationNanos) {
				if (!(call instanceof DefaultServerCall stubCall && stubCall.repeat)) {
					listener.onCall(call.service(), call.method(), call.transport(), outcome, durationNanos);
				}
			}

			@Override
			public String toString() {
				return "call listener " + listener;
			}

		};
	}

	/**
	 * A refusal by a built-in interceptor. Refusals can come at the rate requests arrive (a client with a bad
	 * token, a flood of invalid requests), and the stack trace would only say which interceptor threw, which the
	 * message says already: so it has none.
	 */
	static final class Refusal extends IpcException {

		private static final long serialVersionUID = 1L;

		Refusal(ErrorCode errorCode, String message) {
			super(errorCode, message, null, false);
		}

	}

}
