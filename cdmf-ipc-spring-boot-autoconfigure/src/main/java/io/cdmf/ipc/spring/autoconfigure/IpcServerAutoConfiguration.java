package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.server.DefaultIpcServiceDiscoverer;
import io.cdmf.ipc.spring.server.IpcHandlerExceptionTranslator;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.cdmf.ipc.spring.server.IpcServiceConfigFactory;
import io.cdmf.ipc.spring.server.IpcServiceDiscoverer;
import io.cdmf.ipc.spring.server.IpcServiceRegistrar;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration that serves every {@link io.cdmf.ipc.spring.annotation.IpcService @IpcService} bean through an
 * {@link IpcServerLifecycle}, configured from {@link IpcServerProperties}, and registers them in the
 * {@link ServiceDiscovery} once they listen (unless {@code cdmf.ipc.discovery.register=false}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { IpcAutoConfiguration.class, IpcDiscoveryAutoConfiguration.class, SslAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "cdmf.ipc.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cdmf.ipc.server.enabled", matchIfMissing = true)
@ConditionalOnBean(SerializerRegistry.class)
@EnableConfigurationProperties(IpcServerProperties.class)
public final class IpcServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IpcServiceDiscoverer ipcServiceDiscoverer(ListableBeanFactory beanFactory) {
		return new DefaultIpcServiceDiscoverer(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	IpcServiceConfigFactory ipcServiceConfigFactory(IpcServerProperties properties, IpcEndpointResolver endpoints,
			SerializerRegistry serializers, ObjectProvider<IpcServiceCustomizer> customizers,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesIpcServiceConfigFactory(properties, endpoints, serializers,
				customizers.orderedStream().toList(), sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	IpcServerLifecycle ipcServerLifecycle(IpcServiceDiscoverer discoverer, IpcServiceConfigFactory configFactory,
			SerializerRegistry serializers, ObjectProvider<IpcServiceRegistrar> registrar,
			ObjectProvider<IpcHandlerExceptionTranslator> exceptionTranslators) {
		IpcServerLifecycle lifecycle = new IpcServerLifecycle(discoverer, configFactory, serializers,
				registrar.getIfUnique());
		lifecycle.setExceptionTranslators(exceptionTranslators.orderedStream().toList());
		return lifecycle;
	}

	/**
	 * With {@code spring.threads.virtual.enabled=true} on Java 21+, handlers that do not run on the receiving thread
	 * run on virtual threads, as Boot's own executors then do. First in order, so that a user's customizer (an
	 * executor of its own) wins.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnThreading(Threading.VIRTUAL)
	static class VirtualThreadsConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		IpcServiceCustomizer ipcVirtualThreadsServiceCustomizer() {
			return (definition, builder) -> builder.virtualThreads(true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ServiceDiscovery.class)
	@ConditionalOnBooleanProperty(name = "cdmf.ipc.discovery.register", matchIfMissing = true)
	@EnableConfigurationProperties(IpcDiscoveryProperties.class)
	static class RegistrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IpcServiceRegistrar ipcServiceRegistrar(ServiceDiscovery discovery, IpcDiscoveryProperties properties) {
			return IpcSettings.check(IpcDiscoveryProperties.PREFIX + ".deregistration-delay",
					properties.getDeregistrationDelay(), () -> new IpcServiceRegistrar(discovery,
							properties.getAdvertisedHost(), properties.getDeregistrationDelay()));
		}

	}

}
