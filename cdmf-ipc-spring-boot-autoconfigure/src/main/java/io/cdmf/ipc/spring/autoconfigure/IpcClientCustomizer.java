package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.spring.client.IpcClientDefinition;

/**
 * Callback that adjusts a client's channel after annotation and properties were applied: adds a
 * {@link io.cdmf.ipc.rpc.ClientInterceptor} (tokens, tracing, logging), sets a load balancer of the application's
 * own, the sync spin or another {@link ChannelConfig} setting. Beans of this type run in
 * {@link org.springframework.core.annotation.Order order}, so interceptors they add run in that order too.
 *
 * <pre>{@code
 * @Bean
 * IpcClientCustomizer tokens(TokenSource source) {
 *     return (definition, channel) -> channel.interceptor(new TokenInterceptor(source));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcClientCustomizer {

	/**
	 * Customizes a client's channel configuration.
	 * @param definition the client as annotated
	 * @param builder the builder, with properties and the Resilience4j registries applied
	 */
	void customize(IpcClientDefinition definition, ChannelConfig.Builder builder);

}
