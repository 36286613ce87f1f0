package io.cdmf.ipc.spring.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cdmf.ipc.channel.ChannelStats;
import io.cdmf.ipc.channel.SubchannelState;
import io.cdmf.ipc.channel.SubchannelStats;
import io.cdmf.ipc.spring.client.IpcClientRegistration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one client, as {@link IpcHealthIndicator} reports it:
 * <ul>
 * <li>{@code DOWN} when its circuit breaker is {@code OPEN} (or forced open): calls fail with {@code CIRCUIT_OPEN}
 * now;</li>
 * <li>{@code DOWN} when it has been used (a call made or a connection tried) and none of its endpoints is
 * {@code READY}: every one failed, was lost or is being reconnected;</li>
 * <li>{@code UP} when an endpoint is {@code READY} and the breaker lets calls through (a {@code HALF_OPEN} breaker
 * does, for its test calls);</li>
 * <li>{@code UNKNOWN} while it has not been used: it connects on its first call, so there is nothing to judge, and a
 * server that starts later is no failure of this application.</li>
 * </ul>
 *
 * @param service the called service's name
 * @param status {@code UP}, {@code DOWN} or {@code UNKNOWN}
 * @param endpoints each endpoint's state, by URI, in the channel's order
 * @param readyEndpoints endpoints that take calls now
 * @param circuitBreaker the breaker's state, or {@code null} when the client has none
 * @param reason why the status is not {@code UP}, or {@code null} when it is
 * @since 0.1.0
 */
public record IpcClientHealth(String service, String status, Map<String, SubchannelState> endpoints,
		int readyEndpoints, @Nullable String circuitBreaker, @Nullable String reason) {

	/**
	 * Judges a client's health from a snapshot of its channel.
	 * @param client the client
	 * @return its health
	 */
	public static IpcClientHealth of(IpcClientRegistration client) {
		ChannelStats stats = client.proxy().getChannelStats();
		Map<String, SubchannelState> endpoints = new LinkedHashMap<>();
		stats.endpoints().forEach(endpoint -> endpoints.put(endpoint.endpoint(), endpoint.state()));
		ChannelStats.CircuitBreakerStats breaker = stats.circuitBreaker();
		String breakerState = (breaker != null) ? breaker.state() : null;
		int ready = stats.readyEndpoints();
		Status status;
		String reason = null;
		if (breaker != null && ("OPEN".equals(breakerState) || "FORCED_OPEN".equals(breakerState))) {
			status = Status.DOWN;
			reason = "circuit breaker " + breaker.name() + " is " + breakerState + " (" + breaker.failedCalls()
					+ " of " + breaker.bufferedCalls() + " calls failed)";
		}
		else if (ready > 0) {
			status = Status.UP;
		}
		else if (wasUsed(stats)) {
			status = Status.DOWN;
			reason = "no endpoint is ready" + lastError(stats);
		}
		else {
			status = Status.UNKNOWN;
			reason = "not connected yet: the client connects on its first call";
		}
		return new IpcClientHealth(client.service(), status.getCode(), endpoints, ready, breakerState, reason);
	}

	private static boolean wasUsed(ChannelStats stats) {
		if (stats.calls().calls() > 0 || stats.calls().oneWaySent() > 0) {
			return true;
		}
		for (SubchannelStats endpoint : stats.endpoints()) {
			SubchannelState state = endpoint.state();
			if (endpoint.picks() > 0 || endpoint.lastError() != null
					|| (state != SubchannelState.IDLE && state != SubchannelState.CONNECTING)) {
				return true;
			}
		}
		return false;
	}

	private static String lastError(ChannelStats stats) {
		for (SubchannelStats endpoint : stats.endpoints()) {
			if (endpoint.lastError() != null) {
				return "; " + endpoint.endpoint() + ": " + endpoint.lastError();
			}
		}
		return "";
	}

}
