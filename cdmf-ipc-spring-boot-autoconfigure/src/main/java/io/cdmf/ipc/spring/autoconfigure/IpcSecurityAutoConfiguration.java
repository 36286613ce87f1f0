package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.spring.security.DefaultIpcAuthenticationConverter;
import io.cdmf.ipc.spring.security.IpcAuthenticationConverter;
import io.cdmf.ipc.spring.security.IpcBearerTokenAuthenticator;
import io.cdmf.ipc.spring.security.IpcSecurityContextInterceptor;
import io.cdmf.ipc.spring.security.IpcSecurityExceptionTranslator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Auto-configuration of Spring Security for served IPC calls, when Spring Security is on the class path: every
 * {@link io.cdmf.ipc.spring.annotation.IpcService @IpcService} runs its handlers with the caller (as the
 * {@link IpcAuthenticationConverter} tells it) in the {@code SecurityContext}, and method security's refusals reach
 * the caller as {@code PERMISSION_DENIED} and {@code UNAUTHENTICATED}. Method security itself is the application's
 * ({@code @EnableMethodSecurity}). Off with {@code cdmf.ipc.server.security.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = IpcServerAutoConfiguration.class)
@ConditionalOnClass(SecurityContextHolder.class)
@ConditionalOnBooleanProperty(name = "cdmf.ipc.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cdmf.ipc.server.security.enabled", matchIfMissing = true)
public final class IpcSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IpcAuthenticationConverter ipcAuthenticationConverter(ObjectProvider<IpcBearerTokenAuthenticator> tokens) {
		return new DefaultIpcAuthenticationConverter(tokens.getIfUnique());
	}

	@Bean
	IpcServiceCustomizer ipcSecurityContextServiceCustomizer(IpcAuthenticationConverter converter,
			ObjectProvider<SecurityContextHolderStrategy> strategy) {
		IpcSecurityContextInterceptor interceptor = new IpcSecurityContextInterceptor(converter, strategy(strategy));
		return (definition, stub) -> stub.interceptor(interceptor);
	}

	@Bean
	@ConditionalOnMissingBean
	IpcSecurityExceptionTranslator ipcSecurityExceptionTranslator(
			ObjectProvider<SecurityContextHolderStrategy> strategy) {
		return new IpcSecurityExceptionTranslator(strategy(strategy));
	}

	private static SecurityContextHolderStrategy strategy(ObjectProvider<SecurityContextHolderStrategy> strategy) {
		return strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
	}

}
