package io.cdmf.ipc.spring.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * Turns the bearer token a call carries ({@code authorization: Bearer <token>}, as
 * {@link io.cdmf.ipc.security.BearerTokens#clientInterceptor} sends it) into the caller, for example by verifying a
 * signed token and taking its subject and scopes. Declare one as a bean and the
 * {@link DefaultIpcAuthenticationConverter} asks it for every call that carries a token.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcBearerTokenAuthenticator {

	/**
	 * Authenticates a token.
	 * @param token the token, without its {@code Bearer } prefix
	 * @return the caller, authenticated, or {@code null} to go on as if the call carried no token
	 * @throws org.springframework.security.core.AuthenticationException if the token is invalid: the call is
	 * refused with {@code UNAUTHENTICATED}
	 */
	@Nullable Authentication authenticate(String token);

}
