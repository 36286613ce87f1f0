package io.cdmf.ipc.spring.client;

import io.cdmf.ipc.rpc.ProxyConfig;

/**
 * Turns a client definition into the configuration of the proxy it calls through.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcProxyConfigFactory {

	/**
	 * Creates a client's proxy configuration.
	 * @param definition the client as annotated
	 * @return the configuration, with endpoint, format, timeout and retry policy
	 * @throws io.cdmf.ipc.spring.IpcConfigurationException if a setting is missing or not usable
	 */
	ProxyConfig create(IpcClientDefinition definition);

}
