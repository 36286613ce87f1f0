package io.cdmf.ipc.rpc;

import java.time.Duration;
import java.util.Objects;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.transport.TransportConfig;

/**
 * Immutable configuration of a {@link ServiceProxy}. Build with {@link #custom(String)}.
 *
 * @since 0.1.0
 */
public final class ProxyConfig {

	/** Default time one attempt waits for its response. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	/** Default time a synchronous caller spins before it parks, when more than one CPU is available. */
	public static final Duration DEFAULT_SYNC_SPIN = Duration.ofNanos(50_000);

	/** Default quiet time, with calls waiting, after which the proxy checks the server with a heartbeat. */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

	private final TransportConfig transport;

	private final String serviceName;

	private final Duration defaultTimeout;

	private final RetryPolicy retryPolicy;

	private final SerializationFormat format;

	private final Duration syncSpin;

	private final Duration heartbeatInterval;

	private ProxyConfig(Builder builder) {
		this.transport = builder.transport;
		this.serviceName = (builder.serviceName != null) ? builder.serviceName : builder.transport.endpoint().uri();
		this.defaultTimeout = builder.defaultTimeout;
		this.retryPolicy = builder.retryPolicy;
		this.format = builder.format;
		this.syncSpin = builder.syncSpin;
		this.heartbeatInterval = builder.heartbeatInterval;
	}

	/**
	 * Returns a configuration with defaults for an endpoint.
	 * @param endpoint the server's endpoint URI
	 * @return the configuration
	 */
	public static ProxyConfig of(String endpoint) {
		return custom(endpoint).build();
	}

	/**
	 * Returns a builder for an endpoint.
	 * @param endpoint the server's endpoint URI
	 * @return the builder
	 */
	public static Builder custom(String endpoint) {
		return new Builder(TransportConfig.of(endpoint));
	}

	/**
	 * Returns a builder for a transport configuration.
	 * @param transport the transport configuration
	 * @return the builder
	 */
	public static Builder custom(TransportConfig transport) {
		return new Builder(transport);
	}

	/**
	 * Returns the transport configuration.
	 * @return the transport configuration
	 */
	public TransportConfig getTransport() {
		return this.transport;
	}

	/**
	 * Returns the name of the called service, used in logs and statistics.
	 * @return the service name
	 */
	public String getServiceName() {
		return this.serviceName;
	}

	/**
	 * Returns how long one attempt waits for its response unless the call says otherwise.
	 * @return the default timeout
	 */
	public Duration getDefaultTimeout() {
		return this.defaultTimeout;
	}

	/**
	 * Returns the retry policy.
	 * @return the policy
	 */
	public RetryPolicy getRetryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * Returns the format declared for request payloads unless the call says otherwise.
	 * @return the format
	 */
	public SerializationFormat getFormat() {
		return this.format;
	}

	/**
	 * Returns how long a synchronous caller spins for its response before parking.
	 * @return the spin time, zero for none
	 */
	public Duration getSyncSpin() {
		return this.syncSpin;
	}

	/**
	 * Returns how long the proxy waits, while calls are waiting and nothing arrives, before it sends a heartbeat;
	 * a heartbeat that fails or is not answered within three intervals fails the waiting calls with
	 * {@code UNAVAILABLE}. This is how a caller learns that a server died on transports without connections
	 * (datagrams).
	 * @return the interval, zero when heartbeats are off
	 */
	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	static Duration positive(String name, Duration value) {
		Objects.requireNonNull(value, name + " must not be null");
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive: " + value);
		}
		return value;
	}

	/**
	 * Builds a {@link ProxyConfig}; each setter checks its argument.
	 */
	public static final class Builder {

		private final TransportConfig transport;

		private String serviceName;

		private Duration defaultTimeout = DEFAULT_TIMEOUT;

		private RetryPolicy retryPolicy = RetryPolicy.DISABLED;

		private SerializationFormat format = SerializationFormat.BINARY;

		private Duration syncSpin = DEFAULT_SYNC_SPIN;

		private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

		private Builder(TransportConfig transport) {
			this.transport = Objects.requireNonNull(transport, "transport must not be null");
		}

		/**
		 * Sets the name of the called service.
		 * @param serviceName the name
		 * @return this builder
		 */
		public Builder serviceName(String serviceName) {
			this.serviceName = Objects.requireNonNull(serviceName, "serviceName must not be null");
			return this;
		}

		/**
		 * Sets how long one attempt waits for its response.
		 * @param defaultTimeout a positive duration
		 * @return this builder
		 */
		public Builder defaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = positive("defaultTimeout", defaultTimeout);
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
		 * Sets the format declared for request payloads.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(SerializationFormat format) {
			this.format = Objects.requireNonNull(format, "format must not be null");
			return this;
		}

		/**
		 * Sets how long a synchronous caller spins before parking. Spinning saves the wake-up of a parked thread
		 * (several microseconds, tens on a virtual machine whose idle CPUs halt) at the cost of a busy CPU; it is
		 * skipped on a single CPU and on transports whose round trip is longer than any useful spin ({@code grpc://},
		 * see {@link io.cdmf.ipc.transport.Transport#isWorthSpinningFor()}). On stream transports ({@code unix://},
		 * {@code tcp://}) the caller spins on non-blocking reads of its own connection.
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
		 * Sets how long the proxy waits, with calls waiting and nothing arriving, before it checks the server with
		 * a heartbeat.
		 * @param heartbeatInterval zero to turn heartbeats off, or a positive duration
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			Objects.requireNonNull(heartbeatInterval, "heartbeatInterval must not be null");
			if (heartbeatInterval.isNegative()) {
				throw new IllegalArgumentException("heartbeatInterval must not be negative: " + heartbeatInterval);
			}
			this.heartbeatInterval = heartbeatInterval;
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 */
		public ProxyConfig build() {
			return new ProxyConfig(this);
		}

	}

}
