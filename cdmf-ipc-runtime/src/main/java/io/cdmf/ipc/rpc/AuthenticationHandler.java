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

}
