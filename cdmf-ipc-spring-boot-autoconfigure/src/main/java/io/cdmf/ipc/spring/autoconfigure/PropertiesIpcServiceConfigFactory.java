package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.IpcPropertyNames;
import io.cdmf.ipc.spring.server.IpcServiceConfig;
import io.cdmf.ipc.spring.server.IpcServiceConfigFactory;
import io.cdmf.ipc.spring.server.IpcServiceDefinition;
import io.cdmf.ipc.transport.TlsMaterial;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;

/**
 * Configures a service from {@code cdmf.ipc.server.*}, falling back to its annotation, gives its network endpoints
 * the key and trust material of the SSL bundle {@code ssl.bundle} names, then applies the
 * {@link IpcServiceCustomizer}s.
 */
final class PropertiesIpcServiceConfigFactory implements IpcServiceConfigFactory {

	private final IpcServerProperties properties;

	private final IpcEndpointResolver endpoints;

	private final SerializerRegistry serializers;

	private final List<IpcServiceCustomizer> customizers;

	private final IpcSslBundles sslBundles;

	PropertiesIpcServiceConfigFactory(IpcServerProperties properties, IpcEndpointResolver endpoints,
			SerializerRegistry serializers, List<IpcServiceCustomizer> customizers) {
		this(properties, endpoints, serializers, customizers, null);
	}

	PropertiesIpcServiceConfigFactory(IpcServerProperties properties, IpcEndpointResolver endpoints,
			SerializerRegistry serializers, List<IpcServiceCustomizer> customizers, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.endpoints = endpoints;
		this.serializers = serializers;
		this.customizers = customizers;
		this.sslBundles = new IpcSslBundles(sslBundles);
	}

	@Override
	public IpcServiceConfig create(IpcServiceDefinition definition) {
		String name = definition.name();
		IpcServerProperties.Service service = this.properties.getServices().get(name);
		if (service == null) {
			service = new IpcServerProperties.Service();
		}
		String endpointsProperty = IpcPropertyNames.service(name, "endpoints");
		List<String> configured = (service.getEndpoints() != null && !service.getEndpoints().isEmpty())
				? service.getEndpoints() : definition.endpoints();
		List<String> resolved = this.endpoints.serviceEndpoints(name, configured);
		String example = "unix:///tmp/" + name + ".sock";
		if (resolved.isEmpty()) {
			throw new IpcConfigurationException(endpointsProperty, null,
					"IPC service '" + name + "' (bean '" + definition.beanName() + "') has no endpoint to listen on",
					"Set @IpcService(endpoints = \"" + example + "\") on the bean, or the property " + endpointsProperty
							+ ".",
					null);
		}
		StubConfig.Builder builder = StubConfig.custom(name).version(definition.version());
		TlsMaterial tls = tlsMaterial(name, service);
		for (String endpoint : resolved) {
			builder.endpoint(IpcSslBundles.apply(IpcSettings.endpoint(endpointsProperty, endpoint, example), tls));
		}
		Integer limit = IpcSettings.first(service.getMaxConcurrentRequests(),
				(definition.maxConcurrentRequests() > 0) ? definition.maxConcurrentRequests() : null);
		if (limit != null) {
			IpcSettings.check(IpcPropertyNames.service(name, "max-concurrent-requests"), limit,
					() -> builder.maxConcurrentRequests(limit));
		}
		Duration timeout = IpcSettings.first(service.getRequestTimeout(), definition.requestTimeout());
		if (timeout != null) {
			IpcSettings.check(IpcPropertyNames.service(name, "request-timeout"), timeout,
					() -> builder.requestTimeout(timeout));
		}
		if (service.getInlineHandlers() != null) {
			builder.inlineHandlers(service.getInlineHandlers());
		}
		Duration grace = this.properties.getShutdown().getGracePeriod();
		IpcSettings.check(IpcPropertyNames.SERVER_PREFIX + ".shutdown.grace-period", grace,
				() -> builder.shutdownGracePeriod(grace));
		SerializationFormat format = IpcSettings.first(service.getSerialization(), definition.serialization());
		format = IpcSettings.format(IpcPropertyNames.service(name, "serialization"),
				(format != null) ? format : SerializationFormat.JSON, this.serializers);
		this.customizers.forEach(customizer -> customizer.customize(definition, builder));
		return new IpcServiceConfig(builder.build(), format);
	}

	private @Nullable TlsMaterial tlsMaterial(String name, IpcServerProperties.Service service) {
		String own = service.getSsl().getBundle();
		if (own != null && !own.isBlank()) {
			return this.sslBundles.material(IpcPropertyNames.service(name, "ssl.bundle"), own);
		}
		return this.sslBundles.material(IpcPropertyNames.SERVER_PREFIX + ".ssl.bundle",
				this.properties.getSsl().getBundle());
	}

}
