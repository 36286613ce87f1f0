package io.cdmf.ipc.spring.secure;

import io.cdmf.ipc.security.BearerTokens;
import io.cdmf.ipc.spring.autoconfigure.IpcClientCustomizer;
import io.cdmf.ipc.spring.security.IpcBearerTokenAuthenticator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Bearer tokens for the security tests: with {@code test.token-server=true} the server knows the token
 * {@code alice-token} as alice (and refuses {@code forged}); with {@code test.token=<token>} a client sends one.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	@ConditionalOnProperty("test.token-server")
	IpcBearerTokenAuthenticator testTokens() {
		return token -> switch (token) {
			case "alice-token" -> UsernamePasswordAuthenticationToken.authenticated("CN=alice,O=CDMF", null,
					AuthorityUtils.createAuthorityList("SCOPE_quotes"));
			case "forged" -> throw new BadCredentialsException("token signature does not verify");
			default -> null;
		};
	}

	@Bean
	@ConditionalOnProperty("test.token")
	IpcClientCustomizer testTokenSender(@Value("${test.token}") String token) {
		return (definition, channel) -> channel.interceptor(BearerTokens.clientInterceptor(() -> token));
	}

}
