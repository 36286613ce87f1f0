package io.cdmf.ipc.factory;

import java.util.List;

import io.cdmf.ipc.discovery.ServiceEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * The health of a service as a client sees it: what the registry lists and, for a cached proxy, what its channel
 * can reach.
 *
 * @param serviceName the service name
 * @param version the version requirement
 * @param instances the instances the registry lists now
 * @param healthyInstances those that report themselves healthy
 * @param readyEndpoints endpoints of the cached proxy's channel that are connected, or -1 when no proxy is cached
 * @param circuitBreakerState the cached proxy's breaker state, or {@code null}
 * @param healthy whether a call can be expected to succeed: a healthy instance with a usable transport, and, for a
 * cached proxy whose channel was used, an endpoint ready and the breaker not open
 * @since 0.1.0
 */
public record ServiceHealth(String serviceName, String version, List<ServiceEndpoint> instances, int healthyInstances,
		int readyEndpoints, @Nullable String circuitBreakerState, boolean healthy) {

	/**
	 * Copies the list.
	 * @param serviceName the service name
	 * @param version the version
	 * @param instances the instances
	 * @param healthyInstances healthy instances
	 * @param readyEndpoints ready endpoints
	 * @param circuitBreakerState breaker state
	 * @param healthy whether healthy
	 */
	public ServiceHealth {
		instances = List.copyOf(instances);
	}

}
