package io.cdmf.ipc.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ClientInterceptor;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Immutable configuration of a {@link ManagedChannel}: the service, its endpoints, and how calls are balanced,
 * retried, broken and waited for. Build with {@link #custom(String)}.
 *
 * <pre>{@code
 * ChannelConfig config = ChannelConfig.custom("Quotes")
 *         .endpoints("unix:///run/quotes-a.sock,unix:///run/quotes-b.sock,tcp://10.0.0.2:7070")
 *         .loadBalancer(LoadBalancer.named("round-robin"))
 *         .retryPolicy(RetryPolicy.ofDefaults())
 *         .idempotentMethods("quote")
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ChannelConfig {

	/** Default time one attempt waits for its response. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	/** Default time a synchronous caller may spin for its response before it waits in the kernel or parks. */
	public static final Duration DEFAULT_SYNC_SPIN = Duration.ofNanos(50_000);

	/** Default most connections a channel opens to one endpoint. */
	public static final int DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT = 4;

	private final String serviceName;

	private final List<ChannelEndpoint> endpoints;

	private final Duration defaultTimeout;

	private final SerializationFormat format;

	private final RetryPolicy retryPolicy;

	private final @Nullable RetryRegistry retryRegistry;

	private final boolean circuitBreakerEnabled;

	private final @Nullable CircuitBreakerConfig circuitBreakerConfig;

	private final @Nullable CircuitBreakerRegistry circuitBreakerRegistry;

	private final LoadBalancer.Factory loadBalancer;

	private final HealthConfig health;

	private final int maxConnectionsPerEndpoint;

	private final Duration syncSpin;

	private final List<ClientInterceptor> interceptors;

	private final Set<String> idempotentMethods;

	private final String endpointSource;

	private ChannelConfig(Builder builder) {
		this.serviceName = builder.serviceName;
		this.endpoints = ChannelEndpoint.checkDistinct(builder.endpoints);
		this.defaultTimeout = builder.defaultTimeout;
		this.format = builder.format;
		this.retryPolicy = builder.retryPolicy;
		this.retryRegistry = builder.retryRegistry;
		this.circuitBreakerEnabled = builder.circuitBreakerEnabled;
		this.circuitBreakerConfig = builder.circuitBreakerConfig;
		this.circuitBreakerRegistry = builder.circuitBreakerRegistry;
		this.loadBalancer = builder.loadBalancer;
		this.health = builder.health;
		this.maxConnectionsPerEndpoint = builder.maxConnectionsPerEndpoint;
		this.syncSpin = builder.syncSpin;
		this.interceptors = List.copyOf(builder.interceptors);
		this.idempotentMethods = Set.copyOf(builder.idempotentMethods);
		this.endpointSource = builder.endpointSource;
	}

	/**
	 * Returns a builder for a service.
	 * @param serviceName the service's name: the key of its circuit breaker and retry, and the name in statistics
	 * @return the builder
	 */
	public static Builder custom(String serviceName) {
		return new Builder(serviceName);
	}

	/**
	 * Returns a builder that starts from a configuration.
	 * @param base the configuration to copy
	 * @return the builder
	 */
	public static Builder from(ChannelConfig base) {
		Builder builder = new Builder(base.serviceName);
		builder.endpoints.addAll(base.endpoints);
		builder.defaultTimeout = base.defaultTimeout;
		builder.format = base.format;
		builder.retryPolicy = base.retryPolicy;
		builder.retryRegistry = base.retryRegistry;
		builder.circuitBreakerEnabled = base.circuitBreakerEnabled;
		builder.circuitBreakerConfig = base.circuitBreakerConfig;
		builder.circuitBreakerRegistry = base.circuitBreakerRegistry;
		builder.loadBalancer = base.loadBalancer;
		builder.health = base.health;
		builder.maxConnectionsPerEndpoint = base.maxConnectionsPerEndpoint;
		builder.syncSpin = base.syncSpin;
		builder.interceptors.addAll(base.interceptors);
		builder.idempotentMethods.addAll(base.idempotentMethods);
		builder.endpointSource = base.endpointSource;
		return builder;
	}

	/**
	 * Returns the service's name.
	 * @return the name
	 */
	public String getServiceName() {
		return this.serviceName;
	}

	/**
	 * Returns the endpoints the channel starts with; {@link ManagedChannel#updateEndpoints} replaces them later.
	 * @return the endpoints, possibly empty (calls then fail with {@code UNAVAILABLE} until some are set)
	 */
	public List<ChannelEndpoint> getEndpoints() {
		return this.endpoints;
	}

	/**
	 * Returns how long one attempt waits for its response unless the call says otherwise.
	 * @return the default timeout
	 */
	public Duration getDefaultTimeout() {
		return this.defaultTimeout;
	}

	/**
	 * Returns the format declared for request payloads unless the call says otherwise.
	 * @return the format
	 */
	public SerializationFormat getFormat() {
		return this.format;
	}

	/**
	 * Returns the retry policy: the Resilience4j retry of the service unless its retry registry has a configuration
	 * for it (see {@link #getRetryRegistry()}).
	 * @return the policy
	 */
	public RetryPolicy getRetryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * Returns the registry the service's retry is taken from: the application's, so that its events and metrics are
	 * seen there and its configurations apply (one named after the service, else one named
	 * {@value io.cdmf.ipc.resilience.IpcResilience#CONFIG_NAME}, else the {@link #getRetryPolicy() policy}).
	 * @return the registry, or {@code null} for one of the channel's own
	 */
	public @Nullable RetryRegistry getRetryRegistry() {
		return this.retryRegistry;
	}

	/**
	 * Returns whether the service has a circuit breaker.
	 * @return whether it is enabled
	 */
	public boolean isCircuitBreakerEnabled() {
		return this.circuitBreakerEnabled;
	}

	/**
	 * Returns the circuit breaker's configuration, used unless its registry has one for the service.
	 * @return the configuration, or {@code null} for {@link io.cdmf.ipc.resilience.IpcResilience#circuitBreakerConfig()}
	 */
	public @Nullable CircuitBreakerConfig getCircuitBreakerConfig() {
		return this.circuitBreakerConfig;
	}

	/**
	 * Returns the registry the service's circuit breaker is taken from (configurations are looked up as for retry).
	 * @return the registry, or {@code null} for one of the channel's own
	 */
	public @Nullable CircuitBreakerRegistry getCircuitBreakerRegistry() {
		return this.circuitBreakerRegistry;
	}

	/**
	 * Returns the load-balancing policy.
	 * @return the factory of the channel's balancer
	 */
	public LoadBalancer.Factory getLoadBalancer() {
		return this.loadBalancer;
	}

	/**
	 * Returns how endpoint health is judged and restored.
	 * @return the health configuration
	 */
	public HealthConfig getHealth() {
		return this.health;
	}

	/**
	 * Returns the most connections the channel opens to one endpoint; it opens another only when every open one has
	 * a caller reading it and the transport gains from more ({@code shm://}: a response ring each; a stream socket
	 * keeps one connection, on which its server batches replies).
	 * @return the maximum, at least 1
	 */
	public int getMaxConnectionsPerEndpoint() {
		return this.maxConnectionsPerEndpoint;
	}

	/**
	 * Returns how long a synchronous caller may spin for its response before it waits in the kernel or parks; spinning
	 * happens only where it pays (more than one CPU, a transport whose round trip is short) and only while no other
	 * thread of the process spins.
	 * @return the spin time, zero for none
	 */
	public Duration getSyncSpin() {
		return this.syncSpin;
	}

	/**
	 * Returns the client interceptors, in the order they run.
	 * @return the interceptors
	 */
	public List<ClientInterceptor> getInterceptors() {
		return this.interceptors;
	}

	/**
	 * Returns the methods that may run more than once without harm, so that a retry may go to another endpoint even
	 * after an attempt that may have run.
	 * @return the method names
	 */
	public Set<String> getIdempotentMethods() {
		return this.idempotentMethods;
	}

	/**
	 * Returns where the endpoints come from, named in the error of a call made while there are none.
	 * @return such as {@code configuration} or {@code registry embedded:/run/user/1000/cdmf-ipc/registry, version 1.0}
	 */
	public String getEndpointSource() {
		return this.endpointSource;
	}

	/**
	 * Builds a {@link ChannelConfig}; each setter checks its argument.
	 */
	public static final class Builder {

		private final String serviceName;

		private final List<ChannelEndpoint> endpoints = new ArrayList<>();

		private Duration defaultTimeout = DEFAULT_TIMEOUT;

		private SerializationFormat format = SerializationFormat.BINARY;

		private RetryPolicy retryPolicy = RetryPolicy.DISABLED;

		private @Nullable RetryRegistry retryRegistry;

		private boolean circuitBreakerEnabled = true;

		private @Nullable CircuitBreakerConfig circuitBreakerConfig;

		private @Nullable CircuitBreakerRegistry circuitBreakerRegistry;

		private LoadBalancer.Factory loadBalancer = LoadBalancer.named(LoadBalancer.POWER_OF_TWO_CHOICES);

		private HealthConfig health = HealthConfig.ofDefaults();

		private int maxConnectionsPerEndpoint = DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT;

		private Duration syncSpin = DEFAULT_SYNC_SPIN;

		private final List<ClientInterceptor> interceptors = new ArrayList<>();

		private final Set<String> idempotentMethods = new LinkedHashSet<>();

		private String endpointSource = "configuration";

		private Builder(String serviceName) {
			Objects.requireNonNull(serviceName, "serviceName must not be null");
			if (serviceName.isBlank()) {
				throw new IllegalArgumentException("serviceName must not be blank");
			}
			this.serviceName = serviceName;
		}

		/**
		 * Adds endpoints from a comma-separated list of URIs (see {@link ChannelEndpoint#parseList}).
		 * @param uris the list
		 * @return this builder
		 */
		public Builder endpoints(String uris) {
			this.endpoints.addAll(ChannelEndpoint.parseList(uris));
			return this;
		}

		/**
		 * Adds endpoints.
		 * @param endpoints the endpoints
		 * @return this builder
		 */
		public Builder endpoints(List<ChannelEndpoint> endpoints) {
			Objects.requireNonNull(endpoints, "endpoints must not be null");
			this.endpoints.addAll(endpoints);
			return this;
		}

		/**
		 * Adds one endpoint.
		 * @param endpoint the endpoint
		 * @return this builder
		 */
		public Builder endpoint(ChannelEndpoint endpoint) {
			this.endpoints.add(Objects.requireNonNull(endpoint, "endpoint must not be null"));
			return this;
		}

		/**
		 * Sets how long one attempt waits for its response.
		 * @param defaultTimeout a positive duration
		 * @return this builder
		 */
		public Builder defaultTimeout(Duration defaultTimeout) {
			Objects.requireNonNull(defaultTimeout, "defaultTimeout must not be null");
			if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
				throw new IllegalArgumentException("defaultTimeout must be positive: " + defaultTimeout);
			}
			this.defaultTimeout = defaultTimeout;
			return this;
		}

		/**
		 * Sets the format declared for request payloads.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(SerializationFormat format) {
			this.format = Objects.requireNonNull(format, "format must not be null");
			return this;
		}

		/**
		 * Sets the retry policy.
		 * @param retryPolicy the policy, {@link RetryPolicy#DISABLED} for none
		 * @return this builder
		 */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
			return this;
		}

		/**
		 * Sets the registry the service's retry comes from.
		 * @param retryRegistry the registry
		 * @return this builder
		 */
		public Builder retryRegistry(RetryRegistry retryRegistry) {
			this.retryRegistry = Objects.requireNonNull(retryRegistry, "retryRegistry must not be null");
			return this;
		}

		/**
		 * Sets whether the service has a circuit breaker (on by default).
		 * @param enabled whether calls go through a circuit breaker
		 * @return this builder
		 */
		public Builder circuitBreaker(boolean enabled) {
			this.circuitBreakerEnabled = enabled;
			return this;
		}

		/**
		 * Sets the circuit breaker's configuration.
		 * @param config the configuration
		 * @return this builder
		 */
		public Builder circuitBreakerConfig(CircuitBreakerConfig config) {
			this.circuitBreakerConfig = Objects.requireNonNull(config, "config must not be null");
			return this;
		}

		/**
		 * Sets the registry the service's circuit breaker comes from.
		 * @param registry the registry
		 * @return this builder
		 */
		public Builder circuitBreakerRegistry(CircuitBreakerRegistry registry) {
			this.circuitBreakerRegistry = Objects.requireNonNull(registry, "registry must not be null");
			return this;
		}

		/**
		 * Sets the load-balancing policy.
		 * @param loadBalancer the factory of the channel's balancer, such as {@link LoadBalancer#named(String)}
		 * @return this builder
		 */
		public Builder loadBalancer(LoadBalancer.Factory loadBalancer) {
			this.loadBalancer = Objects.requireNonNull(loadBalancer, "loadBalancer must not be null");
			return this;
		}

		/**
		 * Sets how endpoint health is judged and restored.
		 * @param health the configuration
		 * @return this builder
		 */
		public Builder health(HealthConfig health) {
			this.health = Objects.requireNonNull(health, "health must not be null");
			return this;
		}

		/**
		 * Sets the most connections the channel opens to one endpoint.
		 * @param maxConnections at least 1
		 * @return this builder
		 */
		public Builder maxConnectionsPerEndpoint(int maxConnections) {
			if (maxConnections < 1 || maxConnections > 64) {
				throw new IllegalArgumentException("maxConnectionsPerEndpoint must be between 1 and 64: "
						+ maxConnections);
			}
			this.maxConnectionsPerEndpoint = maxConnections;
			return this;
		}

		/**
		 * Sets how long a synchronous caller may spin for its response.
		 * @param syncSpin zero or a positive duration
		 * @return this builder
		 */
		public Builder syncSpin(Duration syncSpin) {
			Objects.requireNonNull(syncSpin, "syncSpin must not be null");
			if (syncSpin.isNegative()) {
				throw new IllegalArgumentException("syncSpin must not be negative: " + syncSpin);
			}
			this.syncSpin = syncSpin;
			return this;
		}

		/**
		 * Adds an interceptor after those added before.
		 * @param interceptor the interceptor
		 * @return this builder
		 */
		public Builder interceptor(ClientInterceptor interceptor) {
			this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor must not be null"));
			return this;
		}

		/**
		 * Marks methods as idempotent: they may run more than once without harm.
		 * @param methods the method names
		 * @return this builder
		 */
		public Builder idempotentMethods(String... methods) {
			for (String method : methods) {
				if (method == null || method.isBlank()) {
					throw new IllegalArgumentException("idempotent method names must not be blank");
				}
				this.idempotentMethods.add(method);
			}
			return this;
		}

		/**
		 * Says where the endpoints come from, for the error of a call made while there are none (a
		 * {@link io.cdmf.ipc.factory.ServiceProxyFactory} names its registry and the version requirement).
		 * @param endpointSource a short description
		 * @return this builder
		 */
		public Builder endpointSource(String endpointSource) {
			Objects.requireNonNull(endpointSource, "endpointSource must not be null");
			if (endpointSource.isBlank()) {
				throw new IllegalArgumentException("endpointSource must not be blank");
			}
			this.endpointSource = endpointSource;
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 * @throws IllegalArgumentException if an endpoint is listed twice
		 */
		public ChannelConfig build() {
			return new ChannelConfig(this);
		}

	}

}
