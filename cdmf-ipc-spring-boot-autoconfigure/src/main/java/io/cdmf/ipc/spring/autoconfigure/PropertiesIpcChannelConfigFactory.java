package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.IpcPropertyNames;
import io.cdmf.ipc.spring.autoconfigure.ClientSettingLookup.Setting;
import io.cdmf.ipc.spring.client.IpcChannelConfigFactory;
import io.cdmf.ipc.spring.client.IpcClientDefinition;
import io.cdmf.ipc.transport.TlsMaterial;
import io.cdmf.ipc.transport.TransportConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;

/**
 * Configures a client's channel from {@code cdmf.ipc.client.services.<service>.*}, then its annotation, then the
 * {@code cdmf.ipc.client.*} defaults; gives its network endpoints the material of the SSL bundle {@code ssl.bundle}
 * names; hands it the application's Resilience4j registries; and applies the {@link IpcClientCustomizer}s.
 */
final class PropertiesIpcChannelConfigFactory implements IpcChannelConfigFactory {

	private static final String LOAD_BALANCERS = LoadBalancer.POWER_OF_TWO_CHOICES + ", " + LoadBalancer.ROUND_ROBIN
			+ " or " + LoadBalancer.PICK_FIRST;

	private final IpcClientProperties properties;

	private final IpcEndpointResolver endpoints;

	private final SerializerRegistry serializers;

	private final @Nullable CircuitBreakerRegistry circuitBreakerRegistry;

	private final @Nullable RetryRegistry retryRegistry;

	private final List<IpcClientCustomizer> customizers;

	private final IpcSslBundles sslBundles;

	PropertiesIpcChannelConfigFactory(IpcClientProperties properties, IpcEndpointResolver endpoints,
			SerializerRegistry serializers, @Nullable CircuitBreakerRegistry circuitBreakerRegistry,
			@Nullable RetryRegistry retryRegistry, List<IpcClientCustomizer> customizers) {
		this(properties, endpoints, serializers, circuitBreakerRegistry, retryRegistry, customizers, null);
	}

	PropertiesIpcChannelConfigFactory(IpcClientProperties properties, IpcEndpointResolver endpoints,
			SerializerRegistry serializers, @Nullable CircuitBreakerRegistry circuitBreakerRegistry,
			@Nullable RetryRegistry retryRegistry, List<IpcClientCustomizer> customizers,
			@Nullable SslBundles sslBundles) {
		this.sslBundles = new IpcSslBundles(sslBundles);
		this.properties = properties;
		this.endpoints = endpoints;
		this.serializers = serializers;
		this.circuitBreakerRegistry = circuitBreakerRegistry;
		this.retryRegistry = retryRegistry;
		this.customizers = customizers;
	}

	@Override
	public ChannelConfig create(IpcClientDefinition definition) {
		String name = definition.service();
		IpcClientProperties.Service service = this.properties.getServices().get(name);
		if (service == null) {
			service = new IpcClientProperties.Service();
		}
		ClientSettingLookup lookup = new ClientSettingLookup(name, service, this.properties);
		ChannelConfig.Builder builder = ChannelConfig.custom(name).endpoints(endpoints(definition, service));
		Setting<SerializationFormat> format = lookup.find("serialization", IpcClientSettings::getSerialization,
				definition.serialization());
		builder.format(IpcSettings.format((format != null) ? format.property() : lookup.property("serialization"),
				valueOr(format, SerializationFormat.JSON), this.serializers));
		Setting<Duration> timeout = lookup.find("timeout", IpcClientSettings::getTimeout, definition.timeout());
		if (timeout != null) {
			IpcSettings.check(timeout.property(), timeout.value(), () -> builder.defaultTimeout(timeout.value()));
		}
		Setting<String> balancer = lookup.find("load-balancer", IpcClientSettings::getLoadBalancer);
		if (balancer != null) {
			builder.loadBalancer(IpcSettings.check(balancer.property(), balancer.value(),
					"Set " + balancer.property() + " to " + LOAD_BALANCERS + ".",
					() -> LoadBalancer.named(balancer.value())));
		}
		lookup.apply("max-connections-per-endpoint", IpcClientSettings::getMaxConnectionsPerEndpoint,
				builder::maxConnectionsPerEndpoint);
		lookup.apply("idempotent-methods", IpcClientSettings::getIdempotentMethods,
				methods -> builder.idempotentMethods(methods.toArray(String[]::new)));
		builder.health(ClientResilienceSettings.health(lookup));
		builder.retryPolicy(ClientResilienceSettings.retryPolicy(lookup));
		if (this.retryRegistry != null && !ClientResilienceSettings.isRetryDisabled(lookup)) {
			// Not when retries are switched off: the registry's configurations could switch them back on.
			builder.retryRegistry(this.retryRegistry);
		}
		boolean breaker = ClientResilienceSettings.isCircuitBreakerEnabled(lookup);
		builder.circuitBreaker(breaker);
		if (breaker) {
			CircuitBreakerConfig config = ClientResilienceSettings.circuitBreakerConfig(lookup);
			if (config != null) {
				builder.circuitBreakerConfig(config);
			}
			if (this.circuitBreakerRegistry != null) {
				builder.circuitBreakerRegistry(this.circuitBreakerRegistry);
			}
		}
		this.customizers.forEach(customizer -> customizer.customize(definition, builder));
		String endpointsProperty = lookup.property("endpoints");
		return IpcSettings.check(endpointsProperty, "(as an IpcClientCustomizer left it)",
				"Make the IpcClientCustomizer beans add each endpoint of " + name + " once.", builder::build);
	}

	/**
	 * Returns the endpoints: those of the properties if they give any ({@code endpoint} first, then
	 * {@code endpoints}), else the annotation's, as the {@link IpcEndpointResolver} maps them; empty when neither
	 * gives one, for a client found through discovery.
	 */
	private List<ChannelEndpoint> endpoints(IpcClientDefinition definition, IpcClientProperties.Service service) {
		String name = definition.service();
		String endpointProperty = IpcPropertyNames.client(name, "endpoint");
		String endpointsProperty = IpcPropertyNames.client(name, "endpoints");
		List<String> configured = new ArrayList<>();
		List<String> sources = new ArrayList<>();
		String single = service.getEndpoint();
		if (single != null && !single.isBlank()) {
			configured.add(single.trim());
			sources.add(endpointProperty);
		}
		List<String> several = service.getEndpoints();
		if (several != null) {
			for (String endpoint : several) {
				if (!endpoint.isBlank()) {
					configured.add(endpoint.trim());
					sources.add(endpointsProperty);
				}
			}
		}
		if (configured.isEmpty()) {
			// Blank properties count as unset, so that an empty value does not hide the annotation's endpoints.
			configured.addAll(definition.endpoints());
		}
		List<String> resolved = this.endpoints.clientEndpoints(name, configured);
		TlsMaterial tls = this.sslBundles.clientMaterial(this.properties, name);
		String example = "unix:///tmp/" + name + ".sock";
		// No endpoint leaves the channel empty: the client registry then finds the service through discovery, or
		// fails naming the properties to set when discovery is off.
		List<ChannelEndpoint> channelEndpoints = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		for (int i = 0; i < resolved.size(); i++) {
			String uri = resolved.get(i);
			// The resolver may map endpoints; name the property the i-th came from while the lists line up.
			String property = (resolved == configured && i < sources.size()) ? sources.get(i) : endpointsProperty;
			TransportConfig transport = IpcSslBundles.apply(IpcSettings.endpoint(property, uri, example), tls);
			ChannelEndpoint endpoint = IpcSettings.check(property, uri, () -> ChannelEndpoint.of(transport));
			if (seen.contains(endpoint.uri())) {
				throw new IpcConfigurationException(property, uri,
						"The endpoint " + endpoint.uri() + " of " + name + " is given twice (" + endpointProperty
								+ " and " + endpointsProperty + " are merged, endpoint first)",
						"Give each endpoint of " + name + " once.", null);
			}
			seen.add(endpoint.uri());
			channelEndpoints.add(endpoint);
		}
		return channelEndpoints;
	}

	private static <T> T valueOr(@Nullable Setting<T> setting, T otherwise) {
		return (setting != null) ? setting.value() : otherwise;
	}

}
