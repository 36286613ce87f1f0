package io.cdmf.ipc.spring.client;

import io.cdmf.ipc.channel.ChannelConfig;

/**
 * Turns a client definition into the configuration of the channel it calls through: endpoints, load balancing,
 * endpoint health, circuit breaker, retry and interceptors. The auto-configured one reads
 * {@code cdmf.ipc.client.*}; an application's own bean of this type replaces it (and then chooses the Resilience4j
 * registries and interceptors itself).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcChannelConfigFactory {

	/**
	 * Creates a client's channel configuration.
	 * @param definition the client as annotated
	 * @return the configuration
	 * @throws io.cdmf.ipc.spring.IpcConfigurationException if a setting is missing or not usable
	 */
	ChannelConfig create(IpcClientDefinition definition);

}
