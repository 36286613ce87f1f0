package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.spring.server.IpcServiceDefinition;

/**
 * Callback that adjusts how a service is served, after annotation and properties were applied: an executor, duplicate
 * window or other {@link StubConfig} setting. Beans of this type run in {@link org.springframework.core.annotation.Order
 * order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcServiceCustomizer {

	/**
	 * Customizes a service's stub configuration.
	 * @param definition the service as annotated
	 * @param builder the builder, with properties applied
	 */
	void customize(IpcServiceDefinition definition, StubConfig.Builder builder);

}
