package io.cdmf.ipc.transport;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.cdmf.ipc.message.frame.FrameDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Immutable configuration of one transport: the endpoint and the limits that apply to it. Build with
 * {@link #custom(String)} or {@link #of(String)}.
 * <p>
 * Settings that only one kind of transport understands (a ring size, TLS files) are {@link #options() options}:
 * string pairs from the endpoint URI's query, overridden by {@link Builder#option(String, String)}.
 *
 * @since 0.1.0
 */
public final class TransportConfig {

	/** Default maximum frame length: 16 MiB. */
	public static final int DEFAULT_MAX_FRAME_LENGTH = FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH;

	/** Default time to establish a connection. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** Default time a sender waits for room in a full outbound buffer before failing. */
	public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(5);

	/** Default permissions of socket files: owner read and write only. */
	public static final Set<PosixFilePermission> DEFAULT_SOCKET_PERMISSIONS = PosixFilePermissions
		.fromString("rw-------");

	/** Default bytes a connection may hold for sending before senders wait: 64 MiB. */
	public static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 64 * 1024 * 1024;

	/** Default capacity of the queue that {@link Transport#receive} reads from. */
	public static final int DEFAULT_RECEIVE_QUEUE_CAPACITY = 4096;

	/** Default maximum number of connections a server accepts at once. */
	public static final int DEFAULT_MAX_CONNECTIONS = 1024;

	private final EndpointUri endpoint;

	private final int maxFrameLength;

	private final Duration connectTimeout;

	private final Duration sendTimeout;

	private final Set<PosixFilePermission> socketPermissions;

	private final int maxPendingWriteBytes;

	private final int receiveQueueCapacity;

	private final int maxConnections;

	private final Map<String, String> options;

	private final @Nullable TlsMaterial tls;

	private TransportConfig(Builder builder) {
		this.endpoint = builder.endpoint;
		this.maxFrameLength = builder.maxFrameLength;
		this.connectTimeout = builder.connectTimeout;
		this.sendTimeout = builder.sendTimeout;
		this.socketPermissions = Set.copyOf(builder.socketPermissions);
		this.maxPendingWriteBytes = builder.maxPendingWriteBytes;
		this.receiveQueueCapacity = builder.receiveQueueCapacity;
		this.maxConnections = builder.maxConnections;
		Map<String, String> merged = new LinkedHashMap<>(builder.endpoint.options());
		merged.putAll(builder.options);
		this.options = Map.copyOf(merged);
		this.tls = builder.tls;
	}

	/**
	 * Returns a configuration with defaults for an endpoint.
	 * @param endpoint the endpoint URI
	 * @return the configuration
	 */
	public static TransportConfig of(String endpoint) {
		return custom(endpoint).build();
	}

	/**
	 * Returns a builder for an endpoint.
	 * @param endpoint the endpoint URI
	 * @return the builder
	 */
	public static Builder custom(String endpoint) {
		return new Builder(EndpointUri.parse(endpoint));
	}

	/**
	 * Returns a builder for an endpoint.
	 * @param endpoint the parsed endpoint
	 * @return the builder
	 */
	public static Builder custom(EndpointUri endpoint) {
		return new Builder(endpoint);
	}

	/**
	 * Returns a builder starting from another configuration.
	 * @param base the configuration to copy
	 * @return the builder
	 */
	public static Builder from(TransportConfig base) {
		Builder builder = new Builder(base.endpoint);
		builder.maxFrameLength = base.maxFrameLength;
		builder.connectTimeout = base.connectTimeout;
		builder.sendTimeout = base.sendTimeout;
		builder.socketPermissions = EnumSet.copyOf(base.socketPermissions.isEmpty()
				? EnumSet.noneOf(PosixFilePermission.class) : base.socketPermissions);
		builder.maxPendingWriteBytes = base.maxPendingWriteBytes;
		builder.receiveQueueCapacity = base.receiveQueueCapacity;
		builder.maxConnections = base.maxConnections;
		builder.options.putAll(base.options);
		builder.tls = base.tls;
		return builder;
	}

	/**
	 * Returns the endpoint.
	 * @return the endpoint
	 */
	public EndpointUri endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the transport type the endpoint selects.
	 * @return the type
	 */
	public TransportType type() {
		return this.endpoint.type();
	}

	/**
	 * Returns the largest frame sent or accepted, in bytes. Both sides must use the same value.
	 * @return the maximum frame length
	 */
	public int maxFrameLength() {
		return this.maxFrameLength;
	}

	/**
	 * Returns how long a client waits to establish a connection.
	 * @return the connect timeout
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Returns how long a sender waits for room in a full outbound buffer before the send fails with
	 * {@code RESOURCE_EXHAUSTED}.
	 * @return the send timeout
	 */
	public Duration sendTimeout() {
		return this.sendTimeout;
	}

	/**
	 * Returns the permissions a server gives its socket file.
	 * @return the permissions
	 */
	public Set<PosixFilePermission> socketPermissions() {
		return this.socketPermissions;
	}

	/**
	 * Returns how many bytes one connection may hold for sending before senders wait.
	 * @return the limit in bytes
	 */
	public int maxPendingWriteBytes() {
		return this.maxPendingWriteBytes;
	}

	/**
	 * Returns the capacity of the queue read by {@link Transport#receive} when no message callback is set.
	 * @return the capacity
	 */
	public int receiveQueueCapacity() {
		return this.receiveQueueCapacity;
	}

	/**
	 * Returns how many connections a server accepts at once; further ones are closed at once.
	 * @return the maximum
	 */
	public int maxConnections() {
		return this.maxConnections;
	}

	/**
	 * Returns the transport-specific options.
	 * @return the options
	 */
	public Map<String, String> options() {
		return this.options;
	}

	/**
	 * Returns a transport-specific option.
	 * @param key the option name
	 * @return the value, or {@code null}
	 */
	public @Nullable String option(String key) {
		return this.options.get(key);
	}

	/**
	 * Returns the TLS material given in code.
	 * @return the material, or {@code null} when TLS (if any) comes from the endpoint's options alone
	 */
	public @Nullable TlsMaterial tls() {
		return this.tls;
	}

	/**
	 * Returns a transport-specific option as a long.
	 * @param key the option name
	 * @param defaultValue the value if absent
	 * @return the value
	 * @throws IllegalArgumentException if the value is not a number
	 */
	public long longOption(String key, long defaultValue) {
		String value = this.options.get(key);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"option '" + key + "' of " + this.endpoint + " must be a number: '" + value + "'", ex);
		}
	}

	/**
	 * Returns a transport-specific option as a boolean.
	 * @param key the option name
	 * @param defaultValue the value if absent
	 * @return the value
	 */
	public boolean booleanOption(String key, boolean defaultValue) {
		String value = this.options.get(key);
		return (value != null) ? Boolean.parseBoolean(value.trim()) : defaultValue;
	}

	@Override
	public String toString() {
		return "TransportConfig[endpoint=" + this.endpoint + ", maxFrameLength=" + this.maxFrameLength
				+ ", options=" + this.options + ((this.tls != null) ? ", tls=" + this.tls : "") + "]";
	}

	/**
	 * Builds a {@link TransportConfig}; each setter checks its argument.
	 */
	public static final class Builder {

		private final EndpointUri endpoint;

		private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;

		private Set<PosixFilePermission> socketPermissions = EnumSet.copyOf(DEFAULT_SOCKET_PERMISSIONS);

		private int maxPendingWriteBytes = DEFAULT_MAX_PENDING_WRITE_BYTES;

		private int receiveQueueCapacity = DEFAULT_RECEIVE_QUEUE_CAPACITY;

		private int maxConnections = DEFAULT_MAX_CONNECTIONS;

		private final Map<String, String> options = new LinkedHashMap<>();

		private @Nullable TlsMaterial tls;

		private Builder(EndpointUri endpoint) {
			this.endpoint = Objects.requireNonNull(endpoint, "endpoint must not be null");
		}

		/**
		 * Sets the largest frame sent or accepted.
		 * @param maxFrameLength bytes, at least 1024
		 * @return this builder
		 */
		public Builder maxFrameLength(int maxFrameLength) {
			this.maxFrameLength = FrameDescriptor.checkMaxFrameLength(maxFrameLength);
			return this;
		}

		/**
		 * Sets how long a client waits to connect.
		 * @param connectTimeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive("connectTimeout", connectTimeout);
			return this;
		}

		/**
		 * Sets how long a sender waits for room in a full outbound buffer.
		 * @param sendTimeout a positive duration
		 * @return this builder
		 */
		public Builder sendTimeout(Duration sendTimeout) {
			this.sendTimeout = positive("sendTimeout", sendTimeout);
			return this;
		}

		/**
		 * Sets the permissions of a server's socket file.
		 * @param permissions the permissions
		 * @return this builder
		 */
		public Builder socketPermissions(Set<PosixFilePermission> permissions) {
			Objects.requireNonNull(permissions, "socketPermissions must not be null");
			this.socketPermissions = permissions.isEmpty() ? EnumSet.noneOf(PosixFilePermission.class)
					: EnumSet.copyOf(permissions);
			return this;
		}

		/**
		 * Sets the permissions of a server's socket file from a string such as {@code rw-rw----}.
		 * @param permissions the permissions in {@code ls -l} form
		 * @return this builder
		 */
		public Builder socketPermissions(String permissions) {
			return socketPermissions(PosixFilePermissions.fromString(permissions));
		}

		/**
		 * Sets how many bytes one connection may hold for sending before senders wait.
		 * @param maxPendingWriteBytes bytes, at least the maximum frame length
		 * @return this builder
		 */
		public Builder maxPendingWriteBytes(int maxPendingWriteBytes) {
			if (maxPendingWriteBytes <= 0) {
				throw new IllegalArgumentException("maxPendingWriteBytes must be positive: " + maxPendingWriteBytes);
			}
			this.maxPendingWriteBytes = maxPendingWriteBytes;
			return this;
		}

		/**
		 * Sets the capacity of the queue that {@link Transport#receive} reads.
		 * @param receiveQueueCapacity a positive capacity
		 * @return this builder
		 */
		public Builder receiveQueueCapacity(int receiveQueueCapacity) {
			if (receiveQueueCapacity <= 0) {
				throw new IllegalArgumentException("receiveQueueCapacity must be positive: " + receiveQueueCapacity);
			}
			this.receiveQueueCapacity = receiveQueueCapacity;
			return this;
		}

		/**
		 * Sets how many connections a server accepts at once.
		 * @param maxConnections a positive number
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections <= 0) {
				throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
			}
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Sets a transport-specific option, overriding one given in the endpoint URI.
		 * @param key the option name
		 * @param value the value
		 * @return this builder
		 */
		public Builder option(String key, String value) {
			this.options.put(Objects.requireNonNull(key, "key must not be null"),
					Objects.requireNonNull(value, "value must not be null"));
			return this;
		}

		/**
		 * Sets TLS key and trust material in code, for keys that must not appear in an endpoint URI (a key store, a
		 * vault, a Spring Boot SSL bundle). {@code tcp://} and {@code grpc://} endpoints then use TLS unless their
		 * URI says {@code tls=false}; transports without TLS ignore it.
		 * @param tls the material, or {@code null} to use the endpoint's options alone
		 * @return this builder
		 */
		public Builder tls(@Nullable TlsMaterial tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 */
		public TransportConfig build() {
			if (this.maxPendingWriteBytes < this.maxFrameLength) {
				this.maxPendingWriteBytes = this.maxFrameLength;
			}
			return new TransportConfig(this);
		}

		private static Duration positive(String name, Duration value) {
			Objects.requireNonNull(value, name + " must not be null");
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive: " + value);
			}
			return value;
		}

	}

}
