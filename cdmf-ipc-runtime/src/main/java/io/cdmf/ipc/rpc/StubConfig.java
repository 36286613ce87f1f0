package io.cdmf.ipc.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import io.cdmf.ipc.transport.TransportConfig;
import org.jspecify.annotations.Nullable;

/**
 * Immutable configuration of a {@link ServiceStub}. Build with {@link #custom(String)}.
 *
 * @since 0.1.0
 */
public final class StubConfig {

	/** Default limit of requests running at once. */
	public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 100;

	/** Default longest time a handler may take before its caller is answered {@code DEADLINE_EXCEEDED}. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** Default time a retried request is answered from the cache of recent responses. */
	public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofSeconds(60);

	/** Default number of recent responses kept for retried requests. */
	public static final int DEFAULT_DUPLICATE_CACHE_SIZE = 10_000;

	/**
	 * Default time a handler may run on a receiving thread under {@link HandlerDispatch#ADAPTIVE} before that thread's
	 * place is handed to a new one.
	 */
	public static final Duration DEFAULT_INLINE_HANDLER_BUDGET = Duration.ofMillis(1);

	/** Default time {@link ServiceStub#stop()} waits for running requests. */
	public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(10);

	private final String serviceName;

	private final String version;

	private final List<TransportConfig> endpoints;

	private final int maxConcurrentRequests;

	private final Duration requestTimeout;

	private final HandlerDispatch handlerDispatch;

	private final Duration inlineHandlerBudget;

	private final boolean virtualThreads;

	private final @Nullable Executor executor;

	private final Duration duplicateWindow;

	private final int duplicateCacheSize;

	private final Duration shutdownGracePeriod;

	private final List<ServerInterceptor> interceptors;

	private StubConfig(Builder builder) {
		this.serviceName = builder.serviceName;
		this.version = builder.version;
		this.endpoints = List.copyOf(builder.endpoints);
		this.maxConcurrentRequests = builder.maxConcurrentRequests;
		this.requestTimeout = builder.requestTimeout;
		this.handlerDispatch = builder.handlerDispatch;
		this.inlineHandlerBudget = builder.inlineHandlerBudget;
		this.virtualThreads = builder.virtualThreads;
		this.executor = builder.executor;
		this.duplicateWindow = builder.duplicateWindow;
		this.duplicateCacheSize = builder.duplicateCacheSize;
		this.shutdownGracePeriod = builder.shutdownGracePeriod;
		this.interceptors = List.copyOf(builder.interceptors);
	}

	/**
	 * Returns a builder for a service.
	 * @param serviceName the service's name
	 * @return the builder
	 */
	public static Builder custom(String serviceName) {
		return new Builder(serviceName);
	}

	/**
	 * Returns the service's name.
	 * @return the name
	 */
	public String getServiceName() {
		return this.serviceName;
	}

	/**
	 * Returns the service's version.
	 * @return the version, empty if none
	 */
	public String getVersion() {
		return this.version;
	}

	/**
	 * Returns the endpoints the service listens on.
	 * @return the transport configurations
	 */
	public List<TransportConfig> getEndpoints() {
		return this.endpoints;
	}

	/**
	 * Returns how many requests may run at once; more are answered {@code RESOURCE_EXHAUSTED} at once.
	 * @return the limit
	 */
	public int getMaxConcurrentRequests() {
		return this.maxConcurrentRequests;
	}

	/**
	 * Returns how long a handler may take before its caller is answered {@code DEADLINE_EXCEEDED}.
	 * @return the request timeout
	 */
	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Returns whether handlers always run on the transport's I/O thread instead of the executor.
	 * @return whether {@link #getHandlerDispatch()} is {@link HandlerDispatch#INLINE}
	 */
	public boolean isInlineHandlers() {
		return this.handlerDispatch == HandlerDispatch.INLINE;
	}

	/**
	 * Returns where handlers run.
	 * @return the dispatch, {@link HandlerDispatch#ADAPTIVE} unless set
	 */
	public HandlerDispatch getHandlerDispatch() {
		return this.handlerDispatch;
	}

	/**
	 * Returns how long a handler may run on a receiving thread under {@link HandlerDispatch#ADAPTIVE} before the
	 * thread's place is handed to a new one.
	 * @return the budget
	 */
	public Duration getInlineHandlerBudget() {
		return this.inlineHandlerBudget;
	}

	/**
	 * Returns whether the stub's own executor starts a virtual thread per request (Java 21+) instead of keeping a
	 * pool of platform threads; ignored when an {@link #getExecutor() executor} is set.
	 * @return whether handlers run on virtual threads
	 */
	public boolean isVirtualThreads() {
		return this.virtualThreads;
	}

	/**
	 * Returns the executor for handlers.
	 * @return the executor, or {@code null} for the stub's own bounded pool
	 */
	public @Nullable Executor getExecutor() {
		return this.executor;
	}

	/**
	 * Returns how long a response is kept to answer a retried request.
	 * @return the window
	 */
	public Duration getDuplicateWindow() {
		return this.duplicateWindow;
	}

	/**
	 * Returns how many responses are kept to answer retried requests.
	 * @return the cache size
	 */
	public int getDuplicateCacheSize() {
		return this.duplicateCacheSize;
	}

	/**
	 * Returns how long {@link ServiceStub#stop()} waits for running requests.
	 * @return the grace period
	 */
	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	/**
	 * Returns the server interceptors, in the order they run (after the stub's built-in ones: call listener,
	 * authentication handler, request validator).
	 * @return the interceptors
	 */
	public List<ServerInterceptor> getInterceptors() {
		return this.interceptors;
	}

	/**
	 * Builds a {@link StubConfig}; each setter checks its argument.
	 */
	public static final class Builder {

		private final String serviceName;

		private String version = "";

		private final List<TransportConfig> endpoints = new ArrayList<>();

		private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private HandlerDispatch handlerDispatch = HandlerDispatch.ADAPTIVE;

		private Duration inlineHandlerBudget = DEFAULT_INLINE_HANDLER_BUDGET;

		private boolean virtualThreads;

		private @Nullable Executor executor;

		private Duration duplicateWindow = DEFAULT_DUPLICATE_WINDOW;

		private int duplicateCacheSize = DEFAULT_DUPLICATE_CACHE_SIZE;

		private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;

		private final List<ServerInterceptor> interceptors = new ArrayList<>();

		private Builder(String serviceName) {
			if (serviceName == null || serviceName.isBlank()) {
				throw new IllegalArgumentException("serviceName must not be empty: '" + serviceName + "'");
			}
			this.serviceName = serviceName;
		}

		/**
		 * Sets the version.
		 * @param version the version
		 * @return this builder
		 */
		public Builder version(String version) {
			this.version = Objects.requireNonNull(version, "version must not be null");
			return this;
		}

		/**
		 * Adds an endpoint with default transport settings.
		 * @param endpoint the endpoint URI
		 * @return this builder
		 */
		public Builder endpoint(String endpoint) {
			return endpoint(TransportConfig.of(endpoint));
		}

		/**
		 * Adds an endpoint.
		 * @param endpoint the transport configuration
		 * @return this builder
		 */
		public Builder endpoint(TransportConfig endpoint) {
			this.endpoints.add(Objects.requireNonNull(endpoint, "endpoint must not be null"));
			return this;
		}

		/**
		 * Sets how many requests may run at once.
		 * @param maxConcurrentRequests a positive number
		 * @return this builder
		 */
		public Builder maxConcurrentRequests(int maxConcurrentRequests) {
			if (maxConcurrentRequests <= 0) {
				throw new IllegalArgumentException(
						"maxConcurrentRequests must be positive: " + maxConcurrentRequests);
			}
			this.maxConcurrentRequests = maxConcurrentRequests;
			return this;
		}

		/**
		 * Sets how long a handler may take.
		 * @param requestTimeout a positive duration
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = ProxyConfig.positive("requestTimeout", requestTimeout);
			return this;
		}

		/**
		 * Sets whether handlers always run on the I/O thread ({@link HandlerDispatch#INLINE}) or always on the
		 * executor ({@link HandlerDispatch#EXECUTOR}); unset, they run {@link HandlerDispatch#ADAPTIVE adaptively}.
		 * Inline is fastest for short, non-blocking handlers, while a slow one delays every other request of its
		 * connection. It is also the zero-copy path: over {@code shm://} a handler then reads the payload in place
		 * in shared memory (valid until it returns), while other handlers get a copy.
		 * @param inlineHandlers whether to run handlers inline
		 * @return this builder
		 */
		public Builder inlineHandlers(boolean inlineHandlers) {
			return handlerDispatch(inlineHandlers ? HandlerDispatch.INLINE : HandlerDispatch.EXECUTOR);
		}

		/**
		 * Sets where handlers run.
		 * @param handlerDispatch the dispatch
		 * @return this builder
		 */
		public Builder handlerDispatch(HandlerDispatch handlerDispatch) {
			this.handlerDispatch = Objects.requireNonNull(handlerDispatch, "handlerDispatch must not be null");
			return this;
		}

		/**
		 * Sets how long a handler may run on a receiving thread under {@link HandlerDispatch#ADAPTIVE} before the
		 * thread's place is handed to a new one. Overruns are noticed by the stub's deadline sweep, every few
		 * milliseconds, so a blocked receiving thread is relieved within about the budget plus 5 ms.
		 * @param inlineHandlerBudget a positive duration
		 * @return this builder
		 */
		public Builder inlineHandlerBudget(Duration inlineHandlerBudget) {
			this.inlineHandlerBudget = ProxyConfig.positive("inlineHandlerBudget", inlineHandlerBudget);
			return this;
		}

		/**
		 * Sets whether the stub's own executor starts a virtual thread per request instead of keeping a pool of
		 * platform threads; the concurrency limit still bounds them. Needs Java 21 or later; ignored when an
		 * {@link #executor(Executor) executor} is set.
		 * @param virtualThreads whether handlers run on virtual threads
		 * @return this builder
		 * @throws IllegalArgumentException if {@code true} on a JVM without virtual threads
		 */
		public Builder virtualThreads(boolean virtualThreads) {
			if (virtualThreads && !VirtualThreads.isAvailable()) {
				throw new IllegalArgumentException("virtualThreads needs Java 21 or later; this JVM is Java "
						+ Runtime.version().feature());
			}
			this.virtualThreads = virtualThreads;
			return this;
		}

		/**
		 * Sets the executor for handlers. It must not queue without bound; the stub never gives it more than
		 * {@code maxConcurrentRequests} tasks at once.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			this.executor = Objects.requireNonNull(executor, "executor must not be null");
			return this;
		}

		/**
		 * Sets how long a response is kept to answer a retried request.
		 * @param duplicateWindow a positive duration
		 * @return this builder
		 */
		public Builder duplicateWindow(Duration duplicateWindow) {
			this.duplicateWindow = ProxyConfig.positive("duplicateWindow", duplicateWindow);
			return this;
		}

		/**
		 * Sets how many responses are kept to answer retried requests.
		 * @param duplicateCacheSize a positive number
		 * @return this builder
		 */
		public Builder duplicateCacheSize(int duplicateCacheSize) {
			if (duplicateCacheSize <= 0) {
				throw new IllegalArgumentException("duplicateCacheSize must be positive: " + duplicateCacheSize);
			}
			this.duplicateCacheSize = duplicateCacheSize;
			return this;
		}

		/**
		 * Sets how long {@link ServiceStub#stop()} waits for running requests.
		 * @param shutdownGracePeriod zero or a positive duration
		 * @return this builder
		 */
		public Builder shutdownGracePeriod(Duration shutdownGracePeriod) {
			Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod must not be null");
			if (shutdownGracePeriod.isNegative()) {
				throw new IllegalArgumentException("shutdownGracePeriod must not be negative: " + shutdownGracePeriod);
			}
			this.shutdownGracePeriod = shutdownGracePeriod;
			return this;
		}

		/**
		 * Adds a server interceptor after those added before.
		 * @param interceptor the interceptor
		 * @return this builder
		 */
		public Builder interceptor(ServerInterceptor interceptor) {
			this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor must not be null"));
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 */
		public StubConfig build() {
			return new StubConfig(this);
		}

	}

}
