package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.spring.client.IpcClientDefinition;

/**
 * Callback that adjusts a client's proxy after annotation and properties were applied: heartbeat interval, spin time
 * or another {@link ProxyConfig} setting. Beans of this type run in {@link org.springframework.core.annotation.Order
 * order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcClientCustomizer {

	/**
	 * Customizes a client's proxy configuration.
	 * @param definition the client as annotated
	 * @param builder the builder, with properties applied
	 */
	void customize(IpcClientDefinition definition, ProxyConfig.Builder builder);

}
