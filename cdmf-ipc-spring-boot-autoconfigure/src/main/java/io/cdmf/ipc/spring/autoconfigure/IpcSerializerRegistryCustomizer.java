package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.serialization.SerializerRegistry;

/**
 * Callback that registers or replaces serializers in the auto-configured {@link SerializerRegistry}. An application's
 * Jackson {@code JsonMapper} bean is registered as the JSON serializer this way.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcSerializerRegistryCustomizer {

	/**
	 * Customizes the registry.
	 * @param registry the registry, with the default serializers
	 */
	void customize(SerializerRegistry registry);

}
