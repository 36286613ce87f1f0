package io.cdmf.ipc.discovery;

import java.util.List;

/**
 * Told the instances of a watched service.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DiscoveryListener {

	/**
	 * Called with the whole current list of instances, once when the watch starts and after every change. An empty
	 * list means the registry knows of no instance, never that it cannot be reached.
	 * @param instances the instances, in a stable order, healthy or not
	 */
	void onInstances(List<ServiceEndpoint> instances);

}
