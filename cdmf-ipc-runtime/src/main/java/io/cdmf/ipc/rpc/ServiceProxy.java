package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.channel.ChannelStats;
import io.cdmf.ipc.channel.HealthConfig;
import io.cdmf.ipc.channel.ManagedChannel;
import org.jspecify.annotations.Nullable;

/**
 * The calling side of a service, as the integration guide names it: a {@link Channel} to one service, over one
 * endpoint ({@link #ServiceProxy(ProxyConfig)}) or many ({@link #ServiceProxy(ChannelConfig)}), with any number of
 * concurrent callers sharing its connections.
 * <p>
 * A call never throws for a remote or transport failure: it returns a failed {@link CallResult} with a typed
 * {@link ErrorCode}. The proxy connects on its first call if {@link #connect()} was not called, and after a lost
 * connection reconnects with a backoff (a call that finds no connection waits for the next attempt within its
 * timeout). Each request carries its deadline; the server does not run a request whose deadline has passed. A lost
 * connection fails every call waiting on it with {@code UNAVAILABLE} at once.
 * <p>
 * Built on a {@link ManagedChannel}; {@link #getChannel()} gives it, with its endpoints, load balancing, health and
 * resilience. Thread-safe.
 *
 * @since 0.1.0
 */
public class ServiceProxy implements Channel {

	private final ProxyConfig config;

	private final ManagedChannel channel;

	/**
	 * Creates a proxy to one endpoint, as configured. The proxy has no circuit breaker (a {@link ChannelConfig}
	 * gives one) and retries as its {@link ProxyConfig#getRetryPolicy() retry policy} says.
	 * @param config the configuration
	 * @throws IpcException with {@code INVALID_ARGUMENT} if the endpoint's transport is not available
	 */
	public ServiceProxy(ProxyConfig config) {
		this.config = config;
		this.channel = ManagedChannel.create(channelConfig(config));
	}

	/**
	 * Creates a proxy over a channel configuration: many endpoints, load balancing, a circuit breaker, interceptors.
	 * @param config the channel configuration
	 * @throws IpcException with {@code INVALID_ARGUMENT} if an endpoint's transport is not available
	 */
	public ServiceProxy(ChannelConfig config) {
		this.channel = ManagedChannel.create(config);
		this.config = proxyConfig(config);
	}

	private static ChannelConfig channelConfig(ProxyConfig config) {
		return ChannelConfig.custom(config.getServiceName())
			.endpoint(ChannelEndpoint.of(config.getTransport()))
			.defaultTimeout(config.getDefaultTimeout())
			.format(config.getFormat())
			.retryPolicy(config.getRetryPolicy())
			.circuitBreaker(false)
			.syncSpin(config.getSyncSpin())
			.health(HealthConfig.custom().heartbeatInterval(config.getHeartbeatInterval()).build())
			.build();
	}

	private static ProxyConfig proxyConfig(ChannelConfig config) {
		ProxyConfig.Builder builder = config.getEndpoints().isEmpty()
				? ProxyConfig.custom("inproc://" + config.getServiceName().replaceAll("[^A-Za-z0-9._-]", "-"))
				: ProxyConfig.custom(config.getEndpoints().get(0).transport());
		return builder.serviceName(config.getServiceName())
			.defaultTimeout(config.getDefaultTimeout())
			.format(config.getFormat())
			.retryPolicy(config.getRetryPolicy())
			.syncSpin(config.getSyncSpin())
			.heartbeatInterval(config.getHealth().getHeartbeatInterval())
			.build();
	}

	/**
	 * Connects now rather than on the first call.
	 * @throws IpcException with {@code UNAVAILABLE} if no endpoint can be reached
	 */
	public void connect() {
		this.channel.connect();
	}

	/**
	 * Closes the connections; calls waiting on them fail with {@code UNAVAILABLE}. A later call connects again.
	 */
	public void disconnect() {
		this.channel.disconnect();
	}

	/**
	 * Returns whether an endpoint is connected and ready.
	 * @return whether connected
	 */
	public boolean isConnected() {
		return this.channel.isConnected();
	}

	@Override
	public String getServiceName() {
		return this.channel.getServiceName();
	}

	@Override
	public CallResult call(String method, ByteBuffer request, CallOptions options) {
		return this.channel.call(method, request, options);
	}

	@Override
	public CompletableFuture<CallResult> callAsync(String method, ByteBuffer request, CallOptions options) {
		return this.channel.callAsync(method, request, options);
	}

	@Override
	public CallResult sendOneWay(String method, ByteBuffer request, CallOptions options) {
		return this.channel.sendOneWay(method, request, options);
	}

	/**
	 * Sends a heartbeat and waits for the server's answer: a health check that runs no handler.
	 * @param timeout how long to wait
	 * @return a successful result if the server answered
	 */
	@Override
	public CallResult ping(Duration timeout) {
		return this.channel.ping(ProxyConfig.positive("timeout", timeout));
	}

	/**
	 * Sets the listener told of every finished call and one-way send.
	 * @param listener the listener, or {@code null} for none
	 */
	public void setCallListener(@Nullable CallListener listener) {
		this.channel.setCallListener(listener);
	}

	/**
	 * Returns how many calls wait for their response now, without taking a full {@link #getStats() snapshot}.
	 * @return the calls in flight
	 */
	public int getInFlightCalls() {
		return this.channel.getInFlightCalls();
	}

	/**
	 * Returns a snapshot of this proxy's call counters.
	 * @return the statistics
	 */
	public ProxyStats getStats() {
		return this.channel.getCallStats();
	}

	/**
	 * Returns a snapshot of the channel under this proxy: endpoints, their states, the circuit breaker.
	 * @return the channel statistics
	 */
	public ChannelStats getChannelStats() {
		return this.channel.getStats();
	}

	/**
	 * Sets every counter to zero.
	 */
	public void resetStats() {
		this.channel.resetStats();
	}

	/**
	 * Returns the configuration; for a proxy made from a {@link ChannelConfig}, its first endpoint and defaults.
	 * @return the configuration
	 */
	public ProxyConfig getConfig() {
		return this.config;
	}

	/**
	 * Returns the channel this proxy calls through.
	 * @return the channel
	 */
	public ManagedChannel getChannel() {
		return this.channel;
	}

	/**
	 * Fails waiting calls with {@code UNAVAILABLE} and closes the connections. Idempotent.
	 */
	@Override
	public void close() {
		this.channel.close();
	}

	@Override
	public String toString() {
		return "ServiceProxy[" + this.channel + "]";
	}

}
