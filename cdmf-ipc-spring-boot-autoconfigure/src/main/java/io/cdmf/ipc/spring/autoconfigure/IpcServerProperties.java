package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.StubConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;

/**
 * Properties of the services an application serves ({@code cdmf.ipc.server.*}). Per-service settings under
 * {@code services.<name>} override the service's {@code @IpcService} annotation.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("cdmf.ipc.server")
public class IpcServerProperties {

	/**
	 * Whether @IpcService beans are served.
	 */
	private boolean enabled = true;

	private final Shutdown shutdown = new Shutdown();

	private final Grpc grpc = new Grpc();

	/**
	 * TLS of the services' tcp:// and grpc(s):// endpoints from an SSL bundle, unless a service names its own.
	 */
	@NestedConfigurationProperty
	private final IpcSslSettings ssl = new IpcSslSettings();

	/**
	 * Settings per service, keyed by service name (@IpcService(name), else the contract's simple name); they
	 * override the @IpcService annotation. Keys of each: endpoints (URIs to listen on), serialization (format the
	 * contract is checked against), max-concurrent-requests (default 100), request-timeout (default 30s),
	 * inline-handlers (true: handlers always run on the receiving thread; false: always on a pool thread; unset:
	 * adaptively, on the receiving thread over shm:// with blocked ones handed off, else on the pool) and ssl.bundle
	 * (default
	 * cdmf.ipc.server.ssl.bundle).
	 */
	private final Map<String, Service> services = new LinkedHashMap<>();

	/**
	 * Returns whether services are served.
	 * @return whether enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether services are served.
	 * @param enabled whether enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the shutdown settings.
	 * @return the shutdown settings
	 */
	public Shutdown getShutdown() {
		return this.shutdown;
	}

	/**
	 * Returns the gRPC settings.
	 * @return the gRPC settings
	 */
	public Grpc getGrpc() {
		return this.grpc;
	}

	/**
	 * Returns the TLS settings of every service.
	 * @return the TLS settings
	 */
	public IpcSslSettings getSsl() {
		return this.ssl;
	}

	/**
	 * Returns the per-service settings.
	 * @return the settings by service name
	 */
	public Map<String, Service> getServices() {
		return this.services;
	}

	/**
	 * Shutdown settings.
	 */
	public static class Shutdown {

		/**
		 * Time running calls may take to finish once shutdown has begun; new calls are refused at once. In seconds
		 * unless a unit is given.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration gracePeriod = StubConfig.DEFAULT_SHUTDOWN_GRACE_PERIOD;

		/**
		 * Returns the grace period.
		 * @return the grace period
		 */
		public Duration getGracePeriod() {
			return this.gracePeriod;
		}

		/**
		 * Sets the grace period.
		 * @param gracePeriod the grace period
		 */
		public void setGracePeriod(Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
		}

	}

	/**
	 * Settings of the grpc:// endpoints.
	 */
	public static class Grpc {

		/**
		 * Whether grpc:// endpoints of services are served on the application's Spring gRPC server (its port,
		 * spring.grpc.server.port) instead of on a port of their own. Needs spring-grpc-spring-boot-starter on Boot 4.0,
		 * spring-boot-starter-grpc-server on Boot 4.1.
		 */
		private boolean useSpringGrpcServer;

		/**
		 * Returns whether grpc:// endpoints are served on the Spring gRPC server.
		 * @return whether they are
		 */
		public boolean isUseSpringGrpcServer() {
			return this.useSpringGrpcServer;
		}

		/**
		 * Sets whether grpc:// endpoints are served on the Spring gRPC server.
		 * @param useSpringGrpcServer whether they are
		 */
		public void setUseSpringGrpcServer(boolean useSpringGrpcServer) {
			this.useSpringGrpcServer = useSpringGrpcServer;
		}

	}

	/**
	 * Settings of one service; each one unset keeps the annotation's value.
	 */
	public static class Service {

		/**
		 * Endpoint URIs to listen on, such as unix:///tmp/calc.sock; they replace the annotation's endpoints.
		 */
		private @Nullable List<String> endpoints;

		/**
		 * Format the contract is checked against; requests are answered in the format they declare.
		 */
		private @Nullable SerializationFormat serialization;

		/**
		 * Maximum number of requests running at once; more are answered RESOURCE_EXHAUSTED.
		 */
		private @Nullable Integer maxConcurrentRequests;

		/**
		 * Longest time a request may run before its caller is answered DEADLINE_EXCEEDED.
		 */
		private @Nullable Duration requestTimeout;

		/**
		 * Whether handlers always run on the transport's receiving thread (true) or always on a pool thread (false).
		 * Unset, they run adaptively: over shm:// on the receiving thread, which is handed to a new thread when a
		 * handler blocks; elsewhere on the pool. True over shm:// is the zero-copy path: a handler reads the request in
		 * place in shared memory, valid until it returns.
		 */
		private @Nullable Boolean inlineHandlers;

		/**
		 * TLS of this service's tcp:// and grpc(s):// endpoints from an SSL bundle; overrides cdmf.ipc.server.ssl.
		 */
		@NestedConfigurationProperty
		private final IpcSslSettings ssl = new IpcSslSettings();

		/**
		 * Returns this service's TLS settings.
		 * @return the TLS settings
		 */
		public IpcSslSettings getSsl() {
			return this.ssl;
		}

		/**
		 * Returns the endpoints.
		 * @return the endpoints, or {@code null} if unset
		 */
		public @Nullable List<String> getEndpoints() {
			return this.endpoints;
		}

		/**
		 * Sets the endpoints.
		 * @param endpoints the endpoints
		 */
		public void setEndpoints(@Nullable List<String> endpoints) {
			this.endpoints = endpoints;
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
		 * Returns the concurrency limit.
		 * @return the limit, or {@code null} if unset
		 */
		public @Nullable Integer getMaxConcurrentRequests() {
			return this.maxConcurrentRequests;
		}

		/**
		 * Sets the concurrency limit.
		 * @param maxConcurrentRequests the limit
		 */
		public void setMaxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
			this.maxConcurrentRequests = maxConcurrentRequests;
		}

		/**
		 * Returns the request timeout.
		 * @return the timeout, or {@code null} if unset
		 */
		public @Nullable Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		/**
		 * Sets the request timeout.
		 * @param requestTimeout the timeout
		 */
		public void setRequestTimeout(@Nullable Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		/**
		 * Returns whether handlers run inline.
		 * @return whether handlers run inline, or {@code null} if unset
		 */
		public @Nullable Boolean getInlineHandlers() {
			return this.inlineHandlers;
		}

		/**
		 * Sets whether handlers run inline.
		 * @param inlineHandlers whether handlers run inline
		 */
		public void setInlineHandlers(@Nullable Boolean inlineHandlers) {
			this.inlineHandlers = inlineHandlers;
		}

	}

}
