package io.cdmf.ipc.spring.server;

import java.util.List;

/**
 * Finds the services an application serves.
 *
 * @since 0.1.0
 * @see DefaultIpcServiceDiscoverer
 */
@FunctionalInterface
public interface IpcServiceDiscoverer {

	/**
	 * Returns the services to serve.
	 * @return the definitions, one per service
	 */
	List<IpcServiceDefinition> findServices();

}
