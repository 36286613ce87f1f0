package io.cdmf.ipc.spring.security;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.spring.server.IpcHandlerExceptionTranslator;
import io.cdmf.ipc.spring.server.IpcServiceDefinition;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Answers method security's refusals with the IPC codes for them: an {@link AccessDeniedException} (such as
 * {@code @PreAuthorize} denying the caller) with {@code PERMISSION_DENIED}, or with {@code UNAUTHENTICATED} when the
 * caller is anonymous; an {@link AuthenticationException} (no caller where one is needed) with
 * {@code UNAUTHENTICATED}; instead of {@code INTERNAL}.
 *
 * @since 0.1.0
 */
public class IpcSecurityExceptionTranslator implements IpcHandlerExceptionTranslator {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final SecurityContextHolderStrategy strategy;

	/**
	 * Creates a translator.
	 * @param strategy where the handler's security context is kept, to tell an anonymous caller
	 */
	public IpcSecurityExceptionTranslator(SecurityContextHolderStrategy strategy) {
		this.strategy = strategy;
	}

	@Override
	public @Nullable IpcException translate(Throwable failure, IpcServiceDefinition service, String method) {
		if (failure instanceof AccessDeniedException
				&& !this.trustResolver.isAuthenticated(this.strategy.getContext().getAuthentication())) {
			// As the web's ExceptionTranslationFilter does: refusing a caller nobody knows asks for authentication.
			return new IpcException(ErrorCode.UNAUTHENTICATED,
					service.name() + "." + method + " needs an authenticated caller: " + failure.getMessage(), failure);
		}
		if (failure instanceof AccessDeniedException) {
			return new IpcException(ErrorCode.PERMISSION_DENIED,
					service.name() + "." + method + " denied the caller: " + failure.getMessage(), failure);
		}
		if (failure instanceof AuthenticationException) {
			return new IpcException(ErrorCode.UNAUTHENTICATED,
					service.name() + "." + method + " needs an authenticated caller: " + failure.getMessage(), failure);
		}
		return null;
	}

}
