package io.cdmf.ipc.factory;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of a {@link ServiceProxyFactory}.
 *
 * @param cacheHits {@code createProxy}/{@code create} calls answered from the cache
 * @param cacheMisses calls that created a proxy
 * @param discoveries registry lookups ({@code discoverService}, {@code checkHealth} and each new proxy's first list)
 * @param lastDiscoveryLatency how long the last lookup took
 * @param maxDiscoveryLatency the longest lookup
 * @param endpointsPerService per cached service ({@code name version}), the endpoints its channel calls now
 * @since 0.1.0
 */
public record FactoryStats(long cacheHits, long cacheMisses, long discoveries, Duration lastDiscoveryLatency,
		Duration maxDiscoveryLatency, Map<String, Integer> endpointsPerService) {

	/**
	 * Copies the map.
	 * @param cacheHits cache hits
	 * @param cacheMisses cache misses
	 * @param discoveries lookups
	 * @param lastDiscoveryLatency last lookup latency
	 * @param maxDiscoveryLatency longest lookup latency
	 * @param endpointsPerService endpoints per service
	 */
	public FactoryStats {
		endpointsPerService = Map.copyOf(endpointsPerService);
	}

}
