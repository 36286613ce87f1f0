package io.cdmf.ipc.factory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelStats;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates proxies by service name and version: it finds the instances in a {@link ServiceDiscovery}, chooses for
 * each the nearest transport this process can reach ({@link TransportSelector}: shared memory or a Unix socket on
 * this host, gRPC or TCP for another), and keeps one cached proxy per service and version whose channel follows the
 * registry: instances that register are called within the registry's notice time, instances that deregister or die
 * leave the rotation, with load balancing, health checks, retries and a circuit breaker on the channel.
 *
 * <pre>{@code
 * try (ServiceDiscovery discovery = EmbeddedDiscovery.create();
 *         ServiceProxyFactory factory = ServiceProxyFactory.builder(discovery).build()) {
 *     ServiceProxy proxy = factory.createProxy("DataProcessor", "1.0");      // any 1.0.x
 *     CallResult result = proxy.call("process", request);
 *     Calculator calculator = factory.create(Calculator.class, "Calculator", "[1.0,2.0)");
 * }
 * }</pre>
 *
 * Closing the factory closes its proxies; the discovery stays open (it is the caller's). Thread-safe.
 *
 * @since 0.1.0
 */
public final class ServiceProxyFactory implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ServiceProxyFactory.class);

	private static final long CHECK_INTERVAL_MILLIS = 500;

	private final ServiceDiscovery discovery;

	private final Function<String, ChannelConfig.Builder> channelConfig;

	private final TransportSelector selector;

	private final SerializerRegistry serializers;

	private final EndpointConfigurer endpointConfig;

	private final Map<Key, DiscoveredService> proxies = new ConcurrentHashMap<>();

	private final Map<TypedKey, Object> clients = new ConcurrentHashMap<>();

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong misses = new AtomicLong();

	private final AtomicLong discoveries = new AtomicLong();

	private final AtomicLong lastLatencyNanos = new AtomicLong();

	private final AtomicLong maxLatencyNanos = new AtomicLong();

	private final ScheduledExecutorService checker;

	private volatile boolean closed;

	private ServiceProxyFactory(Builder builder) {
		this.discovery = builder.discovery;
		this.channelConfig = builder.channelConfig;
		this.selector = builder.selector;
		this.serializers = builder.serializers;
		this.endpointConfig = builder.endpointConfig;
		this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "cdmf-proxy-factory");
			thread.setDaemon(true);
			return thread;
		});
		this.checker.scheduleWithFixedDelay(this::checkConnections, CHECK_INTERVAL_MILLIS, CHECK_INTERVAL_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Starts a factory over a registry.
	 * @param discovery the registry to find services in
	 * @return a builder
	 */
	public static Builder builder(ServiceDiscovery discovery) {
		return new Builder(discovery);
	}

	/**
	 * Returns the proxy for a service and version, creating it on the first request: the same instance for the same
	 * name and version requirement until {@link #clearCache()}. A proxy created before any instance registers fails
	 * calls with {@code UNAVAILABLE} until one does.
	 * @param serviceName the service name
	 * @param version a version requirement ({@link VersionRange#parse}: {@code 1.0} is any 1.0.x)
	 * @return the proxy
	 * @throws IllegalArgumentException if the version requirement cannot be parsed
	 */
	public ServiceProxy createProxy(String serviceName, String version) {
		return service(serviceName, version).proxy();
	}

	/**
	 * Returns a typed client for a service and version, over the cached proxy. Requests use the serialization format
	 * the instances advertise ({@link ServiceEndpoint#METADATA_SERIALIZATION}), else the channel configuration's.
	 * @param <T> the contract type
	 * @param contract the service interface
	 * @param serviceName the service name
	 * @param version a version requirement
	 * @return the client, the same instance for the same arguments
	 */
	public <T> T create(Class<T> contract, String serviceName, String version) {
		return create(contract, serviceName, version, null);
	}

	/**
	 * Returns a typed client for a service and version in a given serialization format.
	 * @param <T> the contract type
	 * @param contract the service interface
	 * @param serviceName the service name
	 * @param version a version requirement
	 * @param format the request format, or {@code null} for the advertised one
	 * @return the client, the same instance for the same arguments
	 */
	public <T> T create(Class<T> contract, String serviceName, String version, @Nullable SerializationFormat format) {
		DiscoveredService service = service(serviceName, version);
		SerializationFormat chosen = (format != null) ? format : advertisedFormat(service);
		TypedKey key = new TypedKey(contract, new Key(serviceName, VersionRange.parse(version)), chosen);
		Object client = this.clients.computeIfAbsent(key,
				ignored -> IpcBinding.createClient(contract, service.proxy(), chosen, this.serializers));
		return contract.cast(client);
	}

	/**
	 * Returns the cached proxy for a service and version, without creating one.
	 * @param serviceName the service name
	 * @param version the version requirement
	 * @return the proxy, if one is cached
	 */
	public Optional<ServiceProxy> getCachedProxy(String serviceName, String version) {
		DiscoveredService service = this.proxies.get(new Key(serviceName, VersionRange.parse(version)));
		return Optional.ofNullable(service).map(DiscoveredService::proxy);
	}

	/**
	 * Closes and forgets every cached proxy and typed client; the next request creates new ones.
	 */
	public void clearCache() {
		this.clients.clear();
		List<DiscoveredService> removed = new ArrayList<>(this.proxies.values());
		this.proxies.clear();
		removed.forEach(DiscoveredService::close);
	}

	/**
	 * Looks up the instances of a service in the registry now.
	 * @param serviceName the service name
	 * @param version a version requirement
	 * @return the instances, healthy or not
	 */
	public List<ServiceEndpoint> discoverService(String serviceName, String version) {
		long start = System.nanoTime();
		try {
			return this.discovery.find(serviceName, VersionRange.parse(version));
		}
		finally {
			recordDiscovery(start);
		}
	}

	/**
	 * Returns the transport chosen for each instance of a cached service, with the reasons.
	 * @param serviceName the service name
	 * @param version the version requirement
	 * @return the choices, empty if no proxy is cached
	 */
	public List<TransportChoice> getTransportChoices(String serviceName, String version) {
		DiscoveredService service = this.proxies.get(new Key(serviceName, VersionRange.parse(version)));
		return (service != null) ? service.choices() : List.of();
	}

	/**
	 * Checks a service: its instances in the registry now and, if a proxy is cached, whether its channel reaches one.
	 * @param serviceName the service name
	 * @param version a version requirement
	 * @return the health
	 */
	public ServiceHealth checkHealth(String serviceName, String version) {
		List<ServiceEndpoint> instances = discoverService(serviceName, version);
		int healthy = 0;
		boolean usable = false;
		for (ServiceEndpoint instance : instances) {
			if (instance.healthy()) {
				healthy++;
				usable |= this.selector.select(instance).isUsable();
			}
		}
		DiscoveredService service = this.proxies.get(new Key(serviceName, VersionRange.parse(version)));
		if (service == null) {
			return new ServiceHealth(serviceName, version, instances, healthy, -1, null, usable);
		}
		ChannelStats stats = service.proxy().getChannelStats();
		String breaker = (stats.circuitBreaker() != null) ? stats.circuitBreaker().state() : null;
		boolean used = stats.calls().calls() > 0;
		boolean reachable = !used || stats.readyEndpoints() > 0;
		return new ServiceHealth(serviceName, version, instances, healthy, stats.readyEndpoints(), breaker,
				usable && reachable && !"OPEN".equals(breaker));
	}

	/**
	 * Returns the factory's statistics.
	 * @return a snapshot
	 */
	public FactoryStats getStats() {
		Map<String, Integer> endpoints = new LinkedHashMap<>();
		this.proxies.forEach((key, service) -> endpoints.put(key.toString(),
				service.proxy().getChannel().getEndpoints().size()));
		return new FactoryStats(this.hits.get(), this.misses.get(), this.discoveries.get(),
				Duration.ofNanos(this.lastLatencyNanos.get()), Duration.ofNanos(this.maxLatencyNanos.get()), endpoints);
	}

	/**
	 * Returns the registry this factory finds services in.
	 * @return the registry
	 */
	public ServiceDiscovery getDiscovery() {
		return this.discovery;
	}

	/**
	 * Closes every cached proxy; the registry stays open.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.checker.shutdownNow();
		clearCache();
	}

	private DiscoveredService service(String serviceName, String version) {
		if (this.closed) {
			throw new IllegalStateException("this ServiceProxyFactory is closed");
		}
		Key key = new Key(Objects.requireNonNull(serviceName, "serviceName must not be null"),
				VersionRange.parse(version));
		DiscoveredService existing = this.proxies.get(key);
		if (existing != null) {
			this.hits.incrementAndGet();
			return existing;
		}
		return this.proxies.computeIfAbsent(key, this::open);
	}

	private DiscoveredService open(Key key) {
		this.misses.incrementAndGet();
		ChannelConfig config = this.channelConfig.apply(key.serviceName)
			.endpointSource("registry " + this.discovery.getName() + ", version " + key.version
					+ ": no healthy instance registered, or none this process can reach")
			.build();
		if (!config.getServiceName().equals(key.serviceName)) {
			throw new IllegalArgumentException("the channel configuration for " + key.serviceName + " names service "
					+ config.getServiceName());
		}
		DiscoveredService service = new DiscoveredService(key.serviceName, key.version, new ServiceProxy(config),
				this.selector, this.endpointConfig);
		long start = System.nanoTime();
		try {
			service.start(this.discovery);
		}
		catch (RuntimeException ex) {
			service.close();
			throw ex;
		}
		finally {
			recordDiscovery(start);
		}
		return service;
	}

	private SerializationFormat advertisedFormat(DiscoveredService service) {
		for (ServiceEndpoint instance : service.instances()) {
			String advertised = instance.metadata(ServiceEndpoint.METADATA_SERIALIZATION);
			if (advertised != null) {
				try {
					return SerializationFormat.valueOf(advertised.trim().toUpperCase(java.util.Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					logger.warn("Instance {} advertises serialization '{}', which this version does not know; using "
							+ "the configured format", instance.instanceId(), advertised);
				}
			}
		}
		return service.proxy().getChannel().getConfig().getFormat();
	}

	private void recordDiscovery(long startNanos) {
		long elapsed = System.nanoTime() - startNanos;
		this.discoveries.incrementAndGet();
		this.lastLatencyNanos.set(elapsed);
		this.maxLatencyNanos.accumulateAndGet(elapsed, Math::max);
	}

	private void checkConnections() {
		for (DiscoveredService service : this.proxies.values()) {
			try {
				service.checkConnections();
			}
			catch (RuntimeException ex) {
				logger.warn("Checking the connections of a discovered service failed; checked again in {} ms",
						CHECK_INTERVAL_MILLIS, ex);
			}
		}
	}

	private record Key(String serviceName, VersionRange version) {

		@Override
		public String toString() {
			return this.serviceName + (this.version.isAny() ? "" : " " + this.version);
		}

	}

	private record TypedKey(Class<?> contract, Key key, SerializationFormat format) {

	}

	/**
	 * Builds a {@link ServiceProxyFactory}.
	 */
	public static final class Builder {

		private final ServiceDiscovery discovery;

		private Function<String, ChannelConfig.Builder> channelConfig = Builder::defaultChannelConfig;

		private TransportSelector selector = TransportSelector.ofDefaults();

		private SerializerRegistry serializers = SerializerRegistry.ofDefaults();

		private EndpointConfigurer endpointConfig = (service, endpoint, builder) -> {
		};

		private Builder(ServiceDiscovery discovery) {
			this.discovery = Objects.requireNonNull(discovery, "discovery must not be null");
		}

		/**
		 * Sets how the channel of each service is configured (timeouts, retries, breaker, balancing, interceptors);
		 * its endpoints come from the registry and replace any set here. By default: the channel defaults with
		 * {@link RetryPolicy#ofDefaults()}, so that a call refused by a stopping instance goes to another one.
		 * @param channelConfig from a service name to a builder for its channel
		 * @return this builder
		 */
		public Builder channelConfig(Function<String, ChannelConfig.Builder> channelConfig) {
			this.channelConfig = Objects.requireNonNull(channelConfig, "channelConfig must not be null");
			return this;
		}

		/**
		 * Sets how an instance's transport is chosen.
		 * @param selector the selector
		 * @return this builder
		 */
		public Builder transportSelector(TransportSelector selector) {
			this.selector = Objects.requireNonNull(selector, "selector must not be null");
			return this;
		}

		/**
		 * Sets how the connections to a discovered endpoint are configured: timeouts, frame limits, and the client's
		 * own TLS options (a registry never publishes a server's TLS material, so a client that trusts a private CA
		 * adds {@code trust-certs} here).
		 * <pre>{@code
		 * .endpointConfig((endpoint, transport) -> {
		 *     if (endpoint.type() == TransportType.GRPC_TLS) {
		 *         transport.option("trust-certs", "/etc/cdmf/ca.pem");
		 *     }
		 * })
		 * }</pre>
		 * @param endpointConfig called for each endpoint the channel is given, with the builder of its configuration
		 * @return this builder
		 */
		public Builder endpointConfig(BiConsumer<EndpointUri, TransportConfig.Builder> endpointConfig) {
			Objects.requireNonNull(endpointConfig, "endpointConfig must not be null");
			this.endpointConfig = (service, endpoint, builder) -> endpointConfig.accept(endpoint, builder);
			return this;
		}

		/**
		 * Sets how the connections to a discovered endpoint are configured, per service: as
		 * {@link #endpointConfig(BiConsumer)}, with the service's name, so that each service's clients can bring
		 * their own TLS material ({@link TransportConfig.Builder#tls}).
		 * @param endpointConfig called for each endpoint a service's channel is given
		 * @return this builder
		 */
		public Builder endpointConfig(EndpointConfigurer endpointConfig) {
			this.endpointConfig = Objects.requireNonNull(endpointConfig, "endpointConfig must not be null");
			return this;
		}

		/**
		 * Sets the serializers of typed clients.
		 * @param serializers the registry
		 * @return this builder
		 */
		public Builder serializers(SerializerRegistry serializers) {
			this.serializers = Objects.requireNonNull(serializers, "serializers must not be null");
			return this;
		}

		/**
		 * Builds the factory.
		 * @return the factory
		 */
		public ServiceProxyFactory build() {
			return new ServiceProxyFactory(this);
		}

		private static ChannelConfig.Builder defaultChannelConfig(String serviceName) {
			return ChannelConfig.custom(serviceName).retryPolicy(RetryPolicy.ofDefaults());
		}

	}

}
