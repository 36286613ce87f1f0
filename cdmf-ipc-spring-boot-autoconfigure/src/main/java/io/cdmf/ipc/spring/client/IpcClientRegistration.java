package io.cdmf.ipc.spring.client;

import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * A client the registry created: its definition, configuration, proxy and the typed client itself.
 *
 * @param definition the client as annotated
 * @param config the proxy's configuration
 * @param proxy the proxy the client calls through
 * @param client the object implementing the client interface
 * @since 0.1.0
 */
public record IpcClientRegistration(IpcClientDefinition definition, ProxyConfig config, ServiceProxy proxy,
		Object client) {

	/**
	 * Returns the called service's name.
	 * @return the name
	 */
	public String service() {
		return this.definition.service();
	}

}
