package io.cdmf.ipc.spring.autoconfigure;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.factory.TransportSelector;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.client.IpcChannelConfigFactory;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.client.IpcClientsRegistrar;
import io.cdmf.ipc.spring.client.IpcDiscoveryChannelConfigs;
import io.cdmf.ipc.transport.TlsMaterial;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

/**
 * Auto-configuration of {@link io.cdmf.ipc.spring.annotation.IpcClient @IpcClient} beans: finds the interfaces under
 * the application's auto-configuration packages (unless {@link io.cdmf.ipc.spring.annotation.EnableIpcClients
 * @EnableIpcClients} says where to look) and creates them through an {@link IpcClientRegistry}, each over a channel
 * configured from {@link IpcClientProperties}. A client without endpoints is found through the {@link ServiceDiscovery}
 * by name and version, by a {@link ServiceProxyFactory} whose channels are configured the same way.
 * <p>
 * Every channel takes its circuit breaker and retry from the application's {@link CircuitBreakerRegistry} and
 * {@link RetryRegistry} (such as those of {@code resilience4j-spring-boot4}, whose auto-configuration runs first), or
 * from one of each created here when the application has none, so that their events and metrics can be seen.
 * <p>
 * These beans are lazy: they are made when an {@code @IpcClient}, the application or an actuator asks for one, so
 * that an application that only serves does not build a client side at start-up. They stay injectable as before.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { IpcAutoConfiguration.class, IpcDiscoveryAutoConfiguration.class, SslAutoConfiguration.class },
		afterName = { "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "cdmf.ipc.enabled", matchIfMissing = true)
@ConditionalOnBean(SerializerRegistry.class)
@EnableConfigurationProperties(IpcClientProperties.class)
public final class IpcClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Lazy
	IpcChannelConfigFactory ipcChannelConfigFactory(IpcClientProperties properties, IpcEndpointResolver endpoints,
			SerializerRegistry serializers, ObjectProvider<CircuitBreakerRegistry> circuitBreakerRegistry,
			ObjectProvider<RetryRegistry> retryRegistry, ObjectProvider<IpcClientCustomizer> customizers,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesIpcChannelConfigFactory(properties, endpoints, serializers,
				circuitBreakerRegistry.getIfUnique(), retryRegistry.getIfUnique(),
				customizers.orderedStream().toList(), sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@Lazy
	IpcClientRegistry ipcClientRegistry(IpcChannelConfigFactory configFactory, SerializerRegistry serializers,
			ObjectProvider<ServiceProxyFactory> proxyFactory, ObjectProvider<IpcDiscoveryChannelConfigs> channelConfigs) {
		return new IpcClientRegistry(configFactory, serializers, proxyFactory.getIfUnique(),
				channelConfigs.getIfUnique());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ServiceDiscovery.class)
	static class DiscoveryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Lazy
		IpcDiscoveryChannelConfigs ipcDiscoveryChannelConfigs(IpcChannelConfigFactory configFactory) {
			return new IpcDiscoveryChannelConfigs(configFactory);
		}

		/**
		 * The factory of the clients found through discovery; closing it (with the context) closes their channels,
		 * not the registry.
		 */
		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		@Lazy
		ServiceProxyFactory ipcServiceProxyFactory(ServiceDiscovery discovery, IpcDiscoveryChannelConfigs channelConfigs,
				ObjectProvider<TransportSelector> transportSelector, SerializerRegistry serializers,
				IpcClientProperties properties, ObjectProvider<SslBundles> sslBundles) {
			IpcSslBundles bundles = new IpcSslBundles(sslBundles.getIfAvailable());
			Map<String, Optional<TlsMaterial>> materials = new ConcurrentHashMap<>();
			return ServiceProxyFactory.builder(discovery)
				.channelConfig(channelConfigs)
				// A registry never publishes TLS material: the client's own bundle goes to the endpoints it finds.
				.endpointConfig((service, endpoint, builder) -> IpcSslBundles.apply(endpoint, builder, materials
					.computeIfAbsent(service, name -> Optional.ofNullable(bundles.clientMaterial(properties, name)))
					.orElse(null)))
				.transportSelector(transportSelector.getIfAvailable(TransportSelector::ofDefaults))
				.serializers(serializers)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(IpcClientsRegistrar.ExplicitScan.class)
	@Import(IpcClientsAutoConfigurationRegistrar.class)
	static class IpcClientScanConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(CircuitBreakerRegistry.class)
	static class CircuitBreakerRegistryConfiguration {

		/**
		 * The registry of the clients' breakers when the application has none. Its default configuration is
		 * Resilience4j's, for the application's own breakers; the clients' breakers take
		 * {@code cdmf.ipc.client.circuit-breaker.*} (or a configuration named {@code cdmf-ipc} or after the service,
		 * registered here by the application).
		 */
		@Bean
		@ConditionalOnMissingBean
		@Lazy
		CircuitBreakerRegistry ipcCircuitBreakerRegistry() {
			return CircuitBreakerRegistry.ofDefaults();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RetryRegistry.class)
	static class RetryRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Lazy
		RetryRegistry ipcRetryRegistry() {
			return RetryRegistry.ofDefaults();
		}

	}

}
