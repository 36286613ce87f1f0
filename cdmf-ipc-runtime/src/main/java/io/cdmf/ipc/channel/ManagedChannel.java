package io.cdmf.ipc.channel;

import java.util.List;

import io.cdmf.ipc.channel.internal.DefaultChannel;
import io.cdmf.ipc.rpc.CallListener;
import io.cdmf.ipc.rpc.Channel;
import io.cdmf.ipc.rpc.ProxyStats;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Channel} over the endpoints of one service, with one subchannel per endpoint: load balancing, endpoint
 * health (connection loss, heartbeats, passive ejection, reconnect with backoff), locality tiers, a Resilience4j
 * circuit breaker and retry per service, client interceptors, and connections that callers share (several per
 * endpoint when one is saturated). The endpoint set can change under a live channel without losing calls in flight.
 * <p>
 * Connections are opened on the first call (or {@link #connect()}), on the process's shared I/O threads.
 * Thread-safe.
 *
 * <pre>{@code
 * try (ManagedChannel quotes = ManagedChannel.create(ChannelConfig.custom("Quotes")
 *         .endpoints("unix:///run/quotes-a.sock,unix:///run/quotes-b.sock")
 *         .build())) {
 *     CallResult result = quotes.call("quote", request);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface ManagedChannel extends Channel {

	/**
	 * Creates a channel.
	 * @param config the configuration
	 * @return the channel, not yet connected
	 * @throws io.cdmf.ipc.IpcException with {@code INVALID_ARGUMENT} if an endpoint's transport is not available
	 */
	static ManagedChannel create(ChannelConfig config) {
		return new DefaultChannel(config);
	}

	/**
	 * Returns the configuration.
	 * @return the configuration
	 */
	ChannelConfig getConfig();

	/**
	 * Returns the endpoints now.
	 * @return the endpoints, in the channel's order
	 */
	List<ChannelEndpoint> getEndpoints();

	/**
	 * Replaces the endpoint set. Endpoints that stay keep their connections; new ones are connected as calls need
	 * them; removed ones take no new calls, and their connections close once the calls in flight on them have their
	 * results (or their timeouts pass), so nothing in flight is lost.
	 * @param endpoints the new set, possibly empty
	 * @throws IllegalArgumentException if an endpoint is listed twice
	 */
	void updateEndpoints(List<ChannelEndpoint> endpoints);

	/**
	 * Connects every endpoint now rather than on the first call, and waits until one is ready or all failed.
	 * @throws io.cdmf.ipc.IpcException with {@code UNAVAILABLE} if no endpoint could be reached
	 */
	void connect();

	/**
	 * Closes every connection now: calls waiting on them fail with {@code UNAVAILABLE}; the endpoints connect again
	 * as calls need them.
	 */
	void disconnect();

	/**
	 * Returns whether at least one endpoint is ready.
	 * @return whether calls can be sent now
	 */
	boolean isConnected();

	/**
	 * Returns a snapshot of the channel: calls, endpoints and circuit breaker.
	 * @return the statistics
	 */
	ChannelStats getStats();

	/**
	 * Returns the call counters alone, cheaper than {@link #getStats()}.
	 * @return the call statistics
	 */
	ProxyStats getCallStats();

	/**
	 * Returns how many calls wait for their response now.
	 * @return the calls in flight
	 */
	int getInFlightCalls();

	/**
	 * Sets every counter to zero (call counters and endpoint picks; the circuit breaker keeps its window).
	 */
	void resetStats();

	/**
	 * Sets the listener told of every finished call and one-way send, besides the configured interceptors.
	 * @param listener the listener, or {@code null} for none
	 */
	void setCallListener(@Nullable CallListener listener);

	/**
	 * Returns the service's circuit breaker.
	 * @return the breaker, or {@code null} when the channel has none
	 */
	@Nullable CircuitBreaker getCircuitBreaker();

	/**
	 * Returns the service's retry.
	 * @return the retry, or {@code null} when calls are not retried
	 */
	@Nullable Retry getRetry();

}
