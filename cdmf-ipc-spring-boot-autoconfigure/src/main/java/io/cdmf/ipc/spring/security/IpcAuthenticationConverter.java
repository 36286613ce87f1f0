package io.cdmf.ipc.spring.security;

import io.cdmf.ipc.rpc.ServerCall;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * Tells who a served IPC call comes from, as a Spring Security {@link Authentication}: put in the
 * {@code SecurityContext} while the call's handler runs. Declare a bean to replace the
 * {@link DefaultIpcAuthenticationConverter} (to add authorities, or to read a signed token).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcAuthenticationConverter {

	/**
	 * Returns the caller of a call. Runs on the transport's receiving thread for every request: keep it short.
	 * @param call the call, with its request (headers) and its transport's peer credentials
	 * @return the caller, authenticated, or {@code null} for an anonymous call (method security then refuses it
	 * wherever it asks for an authenticated caller)
	 * @throws org.springframework.security.core.AuthenticationException to refuse the call: the caller gets
	 * {@code UNAUTHENTICATED} and the handler does not run
	 */
	@Nullable Authentication convert(ServerCall call);

}
