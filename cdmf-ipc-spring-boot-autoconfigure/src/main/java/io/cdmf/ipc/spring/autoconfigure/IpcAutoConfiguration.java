package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.serialization.json.JacksonJsonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the core of CDMF IPC: the {@link SerializerRegistry} (with the application's Jackson
 * {@code JsonMapper} as JSON serializer when there is one) and the {@link IpcEndpointResolver}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(SerializerRegistry.class)
@ConditionalOnBooleanProperty(name = "cdmf.ipc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IpcProperties.class)
public final class IpcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SerializerRegistry ipcSerializerRegistry(ObjectProvider<IpcSerializerRegistryCustomizer> customizers) {
		SerializerRegistry registry = SerializerRegistry.ofDefaults();
		customizers.orderedStream().forEach(customizer -> customizer.customize(registry));
		return registry;
	}

	@Bean
	IpcJsonPreinitializer ipcJsonPreinitializer(SerializerRegistry ipcSerializerRegistry) {
		return new IpcJsonPreinitializer(ipcSerializerRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	IpcEndpointResolver ipcEndpointResolver() {
		return IpcEndpointResolver.configured();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	@ConditionalOnBean(JsonMapper.class)
	static class JacksonSerializerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "jacksonIpcSerializerRegistryCustomizer")
		IpcSerializerRegistryCustomizer jacksonIpcSerializerRegistryCustomizer(JsonMapper jsonMapper) {
			return registry -> registry.register(new JacksonJsonSerializer(jsonMapper));
		}

	}

}
