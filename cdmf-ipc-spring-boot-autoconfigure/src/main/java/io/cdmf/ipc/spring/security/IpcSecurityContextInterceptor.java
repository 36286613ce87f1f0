package io.cdmf.ipc.spring.security;

import java.util.Objects;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.rpc.ServerCall;
import io.cdmf.ipc.rpc.ServerInterceptor;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Puts the caller of each served call into Spring Security's {@link SecurityContext} while its handler runs, and
 * clears it afterwards on the same thread (a pool thread or, for inline handlers, the receiving thread), so that
 * method security ({@code @PreAuthorize}) and {@code SecurityContextHolder} see the caller. The caller is worked out
 * on receipt by an {@link IpcAuthenticationConverter}; one it refuses is answered {@code UNAUTHENTICATED}; a call it
 * knows no caller of runs as an {@link AnonymousAuthenticationToken} named {@value #ANONYMOUS_NAME}, as an anonymous
 * web request does.
 * <p>
 * For an asynchronous handler the context is set only while the call that starts its work runs; work it hands to
 * another thread does not see it unless it passes the context on (Spring Security's
 * {@code DelegatingSecurityContextExecutor}).
 *
 * @since 0.1.0
 */
public class IpcSecurityContextInterceptor implements ServerInterceptor {

	/**
	 * The name of an anonymous caller, as Spring Security's web support calls one.
	 */
	public static final String ANONYMOUS_NAME = "anonymousUser";

	private static final Object AUTHENTICATION = new Object();

	// As for an anonymous web request: method security refuses it where a caller is needed, and
	// IpcSecurityExceptionTranslator answers that refusal UNAUTHENTICATED rather than PERMISSION_DENIED.
	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("cdmf-ipc", ANONYMOUS_NAME,
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final IpcAuthenticationConverter converter;

	private final SecurityContextHolderStrategy strategy;

	/**
	 * Creates an interceptor.
	 * @param converter tells who calls
	 * @param strategy where the security context is kept ({@code SecurityContextHolder.getContextHolderStrategy()})
	 */
	public IpcSecurityContextInterceptor(IpcAuthenticationConverter converter, SecurityContextHolderStrategy strategy) {
		this.converter = Objects.requireNonNull(converter, "converter must not be null");
		this.strategy = Objects.requireNonNull(strategy, "strategy must not be null");
	}

	@Override
	public void onRequest(ServerCall call) {
		Authentication caller;
		try {
			caller = this.converter.convert(call);
		}
		catch (AuthenticationException ex) {
			throw new IpcException(ErrorCode.UNAUTHENTICATED,
					"service " + call.service() + " refused the caller: " + ex.getMessage(), ex);
		}
		call.setAttribute(AUTHENTICATION, caller);
	}

	@Override
	public void aroundHandler(ServerCall call, Runnable handler) {
		SecurityContext context = this.strategy.createEmptyContext();
		Authentication caller = authentication(call);
		context.setAuthentication((caller != null) ? caller : ANONYMOUS);
		this.strategy.setContext(context);
		try {
			handler.run();
		}
		finally {
			// Pool threads serve other callers next: nothing of this one may stay behind.
			this.strategy.clearContext();
		}
	}

	private static @Nullable Authentication authentication(ServerCall call) {
		return (Authentication) call.getAttribute(AUTHENTICATION);
	}

	@Override
	public String toString() {
		return "Spring Security context (" + this.converter.getClass().getSimpleName() + ")";
	}

}
