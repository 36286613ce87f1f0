package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.IpcPropertyNames;
import io.cdmf.ipc.spring.client.IpcClientDefinition;
import io.cdmf.ipc.spring.client.IpcProxyConfigFactory;

/**
 * Configures a client's proxy from {@code cdmf.ipc.client.services.<service>.*}, then its annotation, then the
 * {@code cdmf.ipc.client.*} defaults, and applies the {@link IpcClientCustomizer}s.
 */
final class PropertiesIpcProxyConfigFactory implements IpcProxyConfigFactory {

	private final IpcClientProperties properties;

	private final IpcEndpointResolver endpoints;

	private final SerializerRegistry serializers;

	private final List<IpcClientCustomizer> customizers;

	PropertiesIpcProxyConfigFactory(IpcClientProperties properties, IpcEndpointResolver endpoints,
			SerializerRegistry serializers, List<IpcClientCustomizer> customizers) {
		this.properties = properties;
		this.endpoints = endpoints;
		this.serializers = serializers;
		this.customizers = customizers;
	}

	@Override
	public ProxyConfig create(IpcClientDefinition definition) {
		String name = definition.service();
		IpcClientProperties.Service service = this.properties.getServices().get(name);
		if (service == null) {
			service = new IpcClientProperties.Service();
		}
		String endpointProperty = IpcPropertyNames.client(name, "endpoint");
		String example = "unix:///tmp/" + name + ".sock";
		String endpoint = this.endpoints.clientEndpoint(name,
				IpcSettings.first(service.getEndpoint(), definition.endpoint()));
		if (endpoint == null || endpoint.isBlank()) {
			throw new IpcConfigurationException(endpointProperty, null,
					"@IpcClient " + definition.type().getName() + " calls service '" + name
							+ "' but no endpoint is configured for it (service discovery is not available yet)",
					"Set the property " + endpointProperty + "=" + example + ", or @IpcClient(endpoint = \"" + example
							+ "\") on " + definition.type().getSimpleName() + ".",
					null);
		}
		ProxyConfig.Builder builder = ProxyConfig.custom(IpcSettings.endpoint(endpointProperty, endpoint, example))
			.serviceName(name);
		SerializationFormat format = IpcSettings.first(IpcSettings.first(service.getSerialization(),
				definition.serialization()), this.properties.getSerialization());
		builder.format(IpcSettings.format(IpcPropertyNames.client(name, "serialization"), format, this.serializers));
		Duration timeout = IpcSettings.first(IpcSettings.first(service.getTimeout(), definition.timeout()),
				this.properties.getTimeout());
		IpcSettings.check(IpcPropertyNames.client(name, "timeout"), timeout, () -> builder.defaultTimeout(timeout));
		builder.retryPolicy(retryPolicy(name, service.getRetry(), this.properties.getRetry()));
		this.customizers.forEach(customizer -> customizer.customize(definition, builder));
		return builder.build();
	}

	private static RetryPolicy retryPolicy(String name, IpcClientProperties.Retry own,
			IpcClientProperties.Retry defaults) {
		Boolean enabled = IpcSettings.first(own.getEnabled(), defaults.getEnabled());
		if (enabled != null && !enabled) {
			return RetryPolicy.DISABLED;
		}
		String prefix = IpcPropertyNames.client(name, "retry.");
		RetryPolicy.Builder builder = RetryPolicy.custom();
		Integer attempts = IpcSettings.first(own.getMaxAttempts(), defaults.getMaxAttempts());
		if (attempts != null) {
			IpcSettings.check(prefix + "max-attempts", attempts, () -> builder.maxAttempts(attempts));
		}
		Duration initial = IpcSettings.first(own.getInitialBackoff(), defaults.getInitialBackoff());
		if (initial != null) {
			IpcSettings.check(prefix + "initial-backoff", initial, () -> builder.initialBackoff(initial));
		}
		Double multiplier = IpcSettings.first(own.getMultiplier(), defaults.getMultiplier());
		if (multiplier != null) {
			IpcSettings.check(prefix + "multiplier", multiplier, () -> builder.multiplier(multiplier));
		}
		Duration max = IpcSettings.first(own.getMaxBackoff(), defaults.getMaxBackoff());
		if (max != null) {
			IpcSettings.check(prefix + "max-backoff", max, () -> builder.maxBackoff(max));
		}
		Double jitter = IpcSettings.first(own.getJitter(), defaults.getJitter());
		if (jitter != null) {
			IpcSettings.check(prefix + "jitter", jitter, () -> builder.jitter(jitter));
		}
		return IpcSettings.check(prefix + "max-attempts", String.valueOf(attempts), builder::build);
	}

}
