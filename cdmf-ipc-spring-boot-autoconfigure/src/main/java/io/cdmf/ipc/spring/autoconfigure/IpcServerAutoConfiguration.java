package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.server.DefaultIpcServiceDiscoverer;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.cdmf.ipc.spring.server.IpcServiceConfigFactory;
import io.cdmf.ipc.spring.server.IpcServiceDiscoverer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that serves every {@link io.cdmf.ipc.spring.annotation.IpcService @IpcService} bean through an
 * {@link IpcServerLifecycle}, configured from {@link IpcServerProperties}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IpcAutoConfiguration.class)
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
			SerializerRegistry serializers, ObjectProvider<IpcServiceCustomizer> customizers) {
		return new PropertiesIpcServiceConfigFactory(properties, endpoints, serializers,
				customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	IpcServerLifecycle ipcServerLifecycle(IpcServiceDiscoverer discoverer, IpcServiceConfigFactory configFactory,
			SerializerRegistry serializers) {
		return new IpcServerLifecycle(discoverer, configFactory, serializers);
	}

}
