package io.cdmf.ipc.spring.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * The channel configuration of each service that the application's
 * {@link io.cdmf.ipc.factory.ServiceProxyFactory ServiceProxyFactory} creates a proxy for, so that a client found
 * through discovery is configured exactly as one with endpoints: by {@code cdmf.ipc.client.*}, its annotation and
 * the {@link io.cdmf.ipc.spring.autoconfigure.IpcClientCustomizer IpcClientCustomizer}s. The factory keeps one proxy
 * per service and version, so the first {@code @IpcClient} of a service sets its channel; a service asked for by
 * name alone ({@code factory.createProxy("Quotes", "1.0")}) gets the properties of that name, through a definition
 * whose type is {@link ServiceProxy}.
 *
 * @since 0.1.0
 */
public class IpcDiscoveryChannelConfigs implements Function<String, ChannelConfig.Builder> {

	private final IpcChannelConfigFactory configFactory;

	private final Map<String, ChannelConfig> configs = new ConcurrentHashMap<>();

	/**
	 * Creates the configurations.
	 * @param configFactory configures a channel from a client definition
	 */
	public IpcDiscoveryChannelConfigs(IpcChannelConfigFactory configFactory) {
		this.configFactory = configFactory;
	}

	/**
	 * Offers a client's channel configuration for its service, unless an earlier client set one.
	 * @param definition the client
	 * @param config its channel configuration
	 * @return the configuration in force for the service
	 */
	public ChannelConfig offer(IpcClientDefinition definition, ChannelConfig config) {
		ChannelConfig earlier = this.configs.putIfAbsent(definition.service(), config);
		return (earlier != null) ? earlier : config;
	}

	/**
	 * Returns a builder for the channel of a service: a copy of the configuration offered for it, or one made from
	 * the properties of that name.
	 * @param service the service's name
	 * @return the builder
	 */
	@Override
	public ChannelConfig.Builder apply(String service) {
		return ChannelConfig.from(this.configs.computeIfAbsent(service,
				name -> this.configFactory.create(new IpcClientDefinition(ServiceProxy.class, name, "", List.of(),
						null, null))));
	}

}
