package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.client.IpcClientsRegistrar;
import io.cdmf.ipc.spring.client.IpcProxyConfigFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of {@link io.cdmf.ipc.spring.annotation.IpcClient @IpcClient} beans: finds the interfaces under
 * the application's auto-configuration packages (unless {@link io.cdmf.ipc.spring.annotation.EnableIpcClients
 * @EnableIpcClients} says where to look) and creates them through an {@link IpcClientRegistry} configured from
 * {@link IpcClientProperties}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IpcAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "cdmf.ipc.enabled", matchIfMissing = true)
@ConditionalOnBean(SerializerRegistry.class)
@EnableConfigurationProperties(IpcClientProperties.class)
public final class IpcClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IpcProxyConfigFactory ipcProxyConfigFactory(IpcClientProperties properties, IpcEndpointResolver endpoints,
			SerializerRegistry serializers, ObjectProvider<IpcClientCustomizer> customizers) {
		return new PropertiesIpcProxyConfigFactory(properties, endpoints, serializers,
				customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	IpcClientRegistry ipcClientRegistry(IpcProxyConfigFactory configFactory, SerializerRegistry serializers) {
		return new IpcClientRegistry(configFactory, serializers);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(IpcClientsRegistrar.ExplicitScan.class)
	@Import(IpcClientsAutoConfigurationRegistrar.class)
	static class IpcClientScanConfiguration {

	}

}
