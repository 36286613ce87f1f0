package io.cdmf.ipc.rpc;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.PeerCredentials;

/**
 * Decides whether a caller may use the service; a refused request is answered with {@code UNAUTHENTICATED} and
 * flagged as not run. The stub runs it as its first {@link ServerInterceptor} after the call listener.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AuthenticationHandler {

	/**
	 * Checks a caller. Runs on the transport's I/O thread for every request: keep it short.
	 * @param request the request, with its metadata
	 * @param peer who the operating system says the caller is (uid, gid, pid on Unix sockets)
	 * @return whether the caller is admitted
	 */
	boolean authenticate(Message request, PeerCredentials peer);

	/**
	 * Returns this check as a server interceptor, for configurations that take interceptors
	 * ({@link StubConfig.Builder#interceptor}, a Spring Boot {@code IpcServiceCustomizer}): it refuses the callers this
	 * handler refuses with {@code UNAUTHENTICATED}, flagged as not run, as {@link ServiceStub#setAuthenticationHandler}
	 * does.
	 * @return the interceptor
	 */
	default ServerInterceptor asInterceptor() {
		return BuiltInInterceptors.authenticating(this);
	}

	/**
	 * Returns a handler that admits a caller only when every one of the given handlers does, asked in order.
	 * @param handlers the handlers, such as a peer allow-list and a bearer-token check
	 * @return the combined handler
	 */
	static AuthenticationHandler allOf(AuthenticationHandler... handlers) {
		AuthenticationHandler[] all = handlers.clone();
		return (request, peer) -> {
			for (AuthenticationHandler handler : all) {
				if (!handler.authenticate(request, peer)) {
					return false;
				}
			}
			return true;
		};
	}

	/**
	 * Returns a handler that admits a caller when any one of the given handlers does, asked in order: for example
	 * local callers by their Unix user, others by token.
	 * @param handlers the handlers
	 * @return the combined handler
	 */
	static AuthenticationHandler anyOf(AuthenticationHandler... handlers) {
		AuthenticationHandler[] all = handlers.clone();
		return (request, peer) -> {
			for (AuthenticationHandler handler : all) {
				if (handler.authenticate(request, peer)) {
					return true;
				}
			}
			return false;
		};
	}

}
