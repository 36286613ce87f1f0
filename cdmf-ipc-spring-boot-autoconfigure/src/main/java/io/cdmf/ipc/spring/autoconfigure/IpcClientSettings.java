package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings of a client that can be given for every client ({@code cdmf.ipc.client.*}) and for the clients of one
 * service ({@code cdmf.ipc.client.services.<name>.*}). A value left unset falls back: per service to the
 * {@code @IpcClient} annotation where it has the attribute, then to {@code cdmf.ipc.client.*}, then to the runtime's
 * default.
 *
 * @since 0.1.0
 */
public class IpcClientSettings {

	/**
	 * Time one attempt of a call waits for its response.
	 */
	private @Nullable Duration timeout;

	/**
	 * Format of requests.
	 */
	private @Nullable SerializationFormat serialization;

	/**
	 * Load-balancing policy among the service's endpoints: p2c (power of two choices on outstanding calls),
	 * round-robin or pick-first.
	 */
	private @Nullable String loadBalancer;

	/**
	 * Most connections opened to one endpoint; another one is opened only while every open one has a caller
	 * waiting on it.
	 */
	private @Nullable Integer maxConnectionsPerEndpoint;

	/**
	 * Names of the remote methods that may run more than once without harm, so that a retry may go to another
	 * endpoint even after an attempt that may have run (as @Idempotent on the contract method says). Per service,
	 * the list replaces the default one.
	 */
	private @Nullable List<String> idempotentMethods;

	/**
	 * Retry of failed calls. Retried requests keep their message id, so a handler never runs twice.
	 */
	@NestedConfigurationProperty
	private final IpcRetrySettings retry = new IpcRetrySettings();

	/**
	 * Circuit breaker of the called service.
	 */
	@NestedConfigurationProperty
	private final IpcCircuitBreakerSettings circuitBreaker = new IpcCircuitBreakerSettings();

	/**
	 * Health of the service's endpoints: heartbeats, ejection, reconnects.
	 */
	@NestedConfigurationProperty
	private final IpcEndpointHealthSettings health = new IpcEndpointHealthSettings();

	/**
	 * TLS of the tcp:// and grpc(s):// endpoints from an SSL bundle.
	 */
	@NestedConfigurationProperty
	private final IpcSslSettings ssl = new IpcSslSettings();

	/**
	 * Returns the TLS settings.
	 * @return the TLS settings
	 */
	public IpcSslSettings getSsl() {
		return this.ssl;
	}

	/**
	 * Returns the timeout.
	 * @return the timeout, or {@code null} if unset
	 */
	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Sets the timeout.
	 * @param timeout the timeout
	 */
	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Returns the format.
	 * @return the format, or {@code null} if unset
	 */
	public @Nullable SerializationFormat getSerialization() {
		return this.serialization;
	}

	/**
	 * Sets the format.
	 * @param serialization the format
	 */
	public void setSerialization(@Nullable SerializationFormat serialization) {
		this.serialization = serialization;
	}

	/**
	 * Returns the load-balancing policy's name.
	 * @return the name, or {@code null} if unset
	 */
	public @Nullable String getLoadBalancer() {
		return this.loadBalancer;
	}

	/**
	 * Sets the load-balancing policy's name.
	 * @param loadBalancer {@code p2c}, {@code round-robin} or {@code pick-first}
	 */
	public void setLoadBalancer(@Nullable String loadBalancer) {
		this.loadBalancer = loadBalancer;
	}

	/**
	 * Returns the most connections per endpoint.
	 * @return the maximum, or {@code null} if unset
	 */
	public @Nullable Integer getMaxConnectionsPerEndpoint() {
		return this.maxConnectionsPerEndpoint;
	}

	/**
	 * Sets the most connections per endpoint.
	 * @param maxConnectionsPerEndpoint the maximum
	 */
	public void setMaxConnectionsPerEndpoint(@Nullable Integer maxConnectionsPerEndpoint) {
		this.maxConnectionsPerEndpoint = maxConnectionsPerEndpoint;
	}

	/**
	 * Returns the idempotent methods.
	 * @return the method names, or {@code null} if unset
	 */
	public @Nullable List<String> getIdempotentMethods() {
		return this.idempotentMethods;
	}

	/**
	 * Sets the idempotent methods.
	 * @param idempotentMethods the method names
	 */
	public void setIdempotentMethods(@Nullable List<String> idempotentMethods) {
		this.idempotentMethods = idempotentMethods;
	}

	/**
	 * Returns the retry settings.
	 * @return the retry settings
	 */
	public IpcRetrySettings getRetry() {
		return this.retry;
	}

	/**
	 * Returns the circuit-breaker settings.
	 * @return the circuit-breaker settings
	 */
	public IpcCircuitBreakerSettings getCircuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Returns the endpoint health settings.
	 * @return the health settings
	 */
	public IpcEndpointHealthSettings getHealth() {
		return this.health;
	}

}
