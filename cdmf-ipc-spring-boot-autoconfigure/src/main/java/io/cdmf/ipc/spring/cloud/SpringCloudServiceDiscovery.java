package io.cdmf.ipc.spring.cloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.discovery.DiscoveryHealth;
import io.cdmf.ipc.discovery.DiscoveryListener;
import io.cdmf.ipc.discovery.HostIdentity;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * A {@link ServiceDiscovery} over Spring Cloud's {@link DiscoveryClient}, so that applications on Consul, Eureka,
 * Kubernetes or another Spring Cloud registry find IPC services there. An IPC service {@code S} is looked up as the
 * Spring Cloud service id {@code S} (or the id mapped to it); each of its instances that carries the metadata
 * {@value #METADATA_ENDPOINTS} (comma-separated endpoint URIs; {@code cdmf-ipc.S.endpoints} for an application that
 * serves several IPC services) is an IPC instance, of version {@value #METADATA_VERSION} and format
 * {@value #METADATA_SERIALIZATION} when given. Instances without that metadata are not IPC servers and are left out.
 * <p>
 * A {@code DiscoveryClient} only reads. {@link #register} therefore keeps the instance in this application (where
 * its own clients find it) and logs the metadata to publish through the application's Spring Cloud registration,
 * such as {@code eureka.instance.metadata-map.cdmf-ipc.endpoints} or
 * {@code spring.cloud.consul.discovery.metadata.cdmf-ipc.endpoints}. Watches look the service up again every poll
 * interval; a lookup that fails keeps the last list.
 *
 * @since 0.1.0
 */
public class SpringCloudServiceDiscovery implements ServiceDiscovery {

	/** Metadata key of the endpoint URIs an instance listens on, comma-separated. */
	public static final String METADATA_ENDPOINTS = "cdmf-ipc.endpoints";

	/** Metadata key of the version an instance serves. */
	public static final String METADATA_VERSION = "cdmf-ipc.version";

	/** Metadata key of the serialization format an instance's contract uses. */
	public static final String METADATA_SERIALIZATION = "cdmf-ipc.serialization";

	private static final Logger logger = LoggerFactory.getLogger(SpringCloudServiceDiscovery.class);

	private final DiscoveryClient client;

	private final Duration pollInterval;

	private final Map<String, String> serviceIds;

	private final Map<String, ServiceEndpoint> local = new ConcurrentHashMap<>();

	private final List<PollingWatch> watches = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService poller;

	private volatile boolean closed;

	/**
	 * Creates a registry.
	 * @param client the Spring Cloud discovery client
	 * @param pollInterval time between lookups of a watched service, at least 10 ms
	 * @param serviceIds Spring Cloud service ids by IPC service name, for services not looked up under their own name
	 */
	public SpringCloudServiceDiscovery(DiscoveryClient client, Duration pollInterval, Map<String, String> serviceIds) {
		this.client = Objects.requireNonNull(client, "client must not be null");
		Objects.requireNonNull(pollInterval, "pollInterval must not be null");
		if (pollInterval.toMillis() < 10) {
			throw new IllegalArgumentException("pollInterval must be at least 10 ms: " + pollInterval);
		}
		this.pollInterval = pollInterval;
		this.serviceIds = Map.copyOf(serviceIds);
		this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "cdmf-spring-cloud-discovery");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public String getName() {
		return "spring-cloud:" + this.client.description();
	}

	@Override
	public Registration register(ServiceEndpoint instance) {
		checkOpen();
		if (this.local.putIfAbsent(instance.instanceId(), instance) != null) {
			throw new IllegalArgumentException("instance " + instance.instanceId() + " is registered already");
		}
		logger.info("IPC service {} is known to this application only: Spring Cloud's DiscoveryClient cannot "
				+ "publish it. For other applications to find it, give this application's Spring Cloud registration "
				+ "(service id {}) the metadata {}={}{}", instance.serviceName(), serviceId(instance.serviceName()),
				METADATA_ENDPOINTS, String.join(",", instance.endpoints()),
				instance.version().isEmpty() ? "" : " and " + METADATA_VERSION + "=" + instance.version());
		changed(instance.serviceName());
		return new LocalRegistration(instance);
	}

	@Override
	public List<ServiceEndpoint> find(String serviceName, VersionRange version) {
		checkOpen();
		return select(serviceName, version, lookUp(serviceName));
	}

	@Override
	public Watch watch(String serviceName, VersionRange version, DiscoveryListener listener) {
		checkOpen();
		PollingWatch watch = new PollingWatch(serviceName, version, listener);
		this.watches.add(watch);
		watch.poll();
		long millis = this.pollInterval.toMillis();
		watch.future = this.poller.scheduleWithFixedDelay(watch::poll, millis, millis, TimeUnit.MILLISECONDS);
		return watch;
	}

	@Override
	public DiscoveryHealth health() {
		if (this.closed) {
			return DiscoveryHealth.down(getName() + " is closed");
		}
		try {
			int services = this.client.getServices().size();
			return DiscoveryHealth.up(getName() + ", " + services + " service(s) listed");
		}
		catch (RuntimeException ex) {
			return DiscoveryHealth.down(getName() + " cannot list services: " + ex);
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.poller.shutdownNow();
		this.watches.clear();
		this.local.clear();
	}

	@Override
	public String toString() {
		return getName();
	}

	private String serviceId(String serviceName) {
		return this.serviceIds.getOrDefault(serviceName, serviceName);
	}

	/** The instances of a service: those of the DiscoveryClient with IPC metadata, and those registered here. */
	private List<ServiceEndpoint> lookUp(String serviceName) {
		List<ServiceEndpoint> found = new ArrayList<>();
		for (ServiceInstance instance : this.client.getInstances(serviceId(serviceName))) {
			ServiceEndpoint endpoint = toEndpoint(serviceName, instance);
			if (endpoint != null) {
				found.add(endpoint);
			}
		}
		for (ServiceEndpoint instance : this.local.values()) {
			if (instance.serviceName().equals(serviceName)) {
				found.add(instance);
			}
		}
		return found;
	}

	private static List<ServiceEndpoint> select(String serviceName, VersionRange version,
			List<ServiceEndpoint> instances) {
		List<ServiceEndpoint> selected = new ArrayList<>();
		for (ServiceEndpoint instance : instances) {
			if (instance.serviceName().equals(serviceName) && version.matches(instance.version())) {
				selected.add(instance);
			}
		}
		selected.sort(Comparator.comparing(ServiceEndpoint::instanceId));
		return List.copyOf(selected);
	}

	private static @Nullable ServiceEndpoint toEndpoint(String serviceName, ServiceInstance instance) {
		Map<String, String> metadata = (instance.getMetadata() != null) ? instance.getMetadata() : Map.of();
		String endpoints = metadata(metadata, serviceName, "endpoints");
		if (endpoints == null || endpoints.isBlank()) {
			return null;
		}
		String id = (instance.getInstanceId() != null) ? instance.getInstanceId()
				: instance.getServiceId() + "@" + instance.getHost() + ":" + instance.getPort();
		try {
			String version = metadata(metadata, serviceName, "version");
			String serialization = metadata(metadata, serviceName, "serialization");
			Map<String, String> ipcMetadata = (serialization != null)
					? Map.of(ServiceEndpoint.METADATA_SERIALIZATION, serialization.trim()) : Map.of();
			List<String> uris = Arrays.stream(endpoints.split(",")).map(String::trim).filter(uri -> !uri.isEmpty())
				.toList();
			// Its host is not known here, so its locality comes from its endpoint addresses.
			return new ServiceEndpoint("spring-cloud:" + id, serviceName, (version != null) ? version.trim() : "", uris,
					HostIdentity.unknown(), ipcMetadata, true);
		}
		catch (RuntimeException ex) {
			logger.warn("Spring Cloud instance {} of {} has IPC metadata that cannot be used ({}); it is left out "
					+ "until its {} lists valid endpoint URIs", id, instance.getServiceId(), ex.getMessage(),
					METADATA_ENDPOINTS);
			return null;
		}
	}

	/** Reads {@code cdmf-ipc.<service>.<key>}, else {@code cdmf-ipc.<key>}. */
	private static @Nullable String metadata(Map<String, String> metadata, String serviceName, String key) {
		String own = metadata.get("cdmf-ipc." + serviceName + "." + key);
		return (own != null) ? own : metadata.get("cdmf-ipc." + key);
	}

	private void changed(String serviceName) {
		for (PollingWatch watch : this.watches) {
			if (watch.serviceName.equals(serviceName)) {
				this.poller.execute(watch::poll);
			}
		}
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException(getName() + " is closed");
		}
	}

	private final class LocalRegistration implements Registration {

		private volatile ServiceEndpoint instance;

		LocalRegistration(ServiceEndpoint instance) {
			this.instance = instance;
		}

		@Override
		public ServiceEndpoint getInstance() {
			return this.instance;
		}

		@Override
		public void update(ServiceEndpoint updated) {
			if (!updated.instanceId().equals(this.instance.instanceId())) {
				throw new IllegalArgumentException("an update must keep instance id " + this.instance.instanceId()
						+ ", not " + updated.instanceId());
			}
			this.instance = updated;
			SpringCloudServiceDiscovery.this.local.put(updated.instanceId(), updated);
			changed(updated.serviceName());
		}

		@Override
		public void close() {
			if (SpringCloudServiceDiscovery.this.local.remove(this.instance.instanceId()) != null) {
				changed(this.instance.serviceName());
			}
		}

	}

	private final class PollingWatch implements Watch {

		private final String serviceName;

		private final VersionRange version;

		private final DiscoveryListener listener;

		private volatile @Nullable ScheduledFuture<?> future;

		private @Nullable List<ServiceEndpoint> last;

		private boolean failing;

		PollingWatch(String serviceName, VersionRange version, DiscoveryListener listener) {
			this.serviceName = serviceName;
			this.version = version;
			this.listener = listener;
		}

		synchronized void poll() {
			if (SpringCloudServiceDiscovery.this.closed) {
				return;
			}
			List<ServiceEndpoint> found;
			try {
				found = select(this.serviceName, this.version, lookUp(this.serviceName));
			}
			catch (RuntimeException ex) {
				// The contract: an unreachable registry is never reported as "no instances".
				if (!this.failing) {
					logger.warn("Cannot look up {} in {}; the last list of {} instance(s) stays in use and the lookup "
							+ "is tried again every {} ms", this.serviceName, getName(),
							(this.last != null) ? this.last.size() : 0, SpringCloudServiceDiscovery.this.pollInterval
								.toMillis(), ex);
					this.failing = true;
				}
				// Before any good lookup nothing is told: the channel starts without endpoints either way.
				return;
			}
			this.failing = false;
			if (!found.equals(this.last)) {
				this.last = found;
				tell(found);
			}
		}

		private void tell(List<ServiceEndpoint> found) {
			try {
				this.listener.onInstances(found);
			}
			catch (RuntimeException ex) {
				logger.error("Discovery listener for {} failed on {} instance(s); it is told again on the next change",
						this.serviceName, found.size(), ex);
			}
		}

		@Override
		public void close() {
			ScheduledFuture<?> current = this.future;
			if (current != null) {
				current.cancel(false);
			}
			SpringCloudServiceDiscovery.this.watches.remove(this);
		}

	}

}
