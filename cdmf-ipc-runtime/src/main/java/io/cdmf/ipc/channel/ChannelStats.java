package io.cdmf.ipc.channel;

import java.util.List;

import io.cdmf.ipc.rpc.ProxyStats;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a channel: its calls, its endpoints and its circuit breaker.
 *
 * @param service the service's name
 * @param loadBalancer the name of its load-balancing policy
 * @param calls the call counters and latency
 * @param endpoints each endpoint, in the channel's order
 * @param circuitBreaker the circuit breaker, or {@code null} when the channel has none
 * @since 0.1.0
 */
public record ChannelStats(String service, String loadBalancer, ProxyStats calls, List<SubchannelStats> endpoints,
		@Nullable CircuitBreakerStats circuitBreaker) {

	/**
	 * Returns how many endpoints take calls now.
	 * @return the endpoints in state {@link SubchannelState#READY}
	 */
	public int readyEndpoints() {
		return (int) this.endpoints.stream().filter(endpoint -> endpoint.state() == SubchannelState.READY).count();
	}

	/**
	 * A snapshot of a circuit breaker.
	 *
	 * @param name its name in its registry
	 * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} or one of Resilience4j's other states
	 * @param failureRate failure rate in percent over the sliding window, -1 until it has the minimum calls
	 * @param bufferedCalls calls in the sliding window
	 * @param failedCalls failed calls in the sliding window
	 * @param notPermittedCalls calls refused while open, since it was created or reset
	 */
	public record CircuitBreakerStats(String name, String state, float failureRate, int bufferedCalls, int failedCalls,
			long notPermittedCalls) {

	}

}
