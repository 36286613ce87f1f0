package io.cdmf.ipc.spring.server;

/**
 * Turns a discovered service into the configuration it is served with.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcServiceConfigFactory {

	/**
	 * Creates a service's configuration.
	 * @param definition the service as annotated
	 * @return the configuration
	 * @throws io.cdmf.ipc.spring.IpcConfigurationException if a setting is not usable
	 */
	IpcServiceConfig create(IpcServiceDefinition definition);

}
