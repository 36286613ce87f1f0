package io.cdmf.ipc.discovery.simple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cdmf.ipc.discovery.ChangeNotifier;
import io.cdmf.ipc.discovery.DiscoveryHealth;
import io.cdmf.ipc.discovery.DiscoveryListener;
import io.cdmf.ipc.discovery.HostIdentity;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;

/**
 * A registry that holds a fixed list of instances from configuration, plus whatever is registered in this JVM: for
 * services whose endpoints are known in advance, and for tests. It reaches no other process.
 *
 * <pre>{@code
 * ServiceDiscovery discovery = StaticDiscovery.builder()
 *         .instance("Quotes", "1.2.0", "unix:///run/quotes-a.sock")
 *         .instance("Quotes", "1.2.0", "tcp://10.0.0.7:7070")
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class StaticDiscovery implements ServiceDiscovery {

	private final Map<String, ServiceEndpoint> instances = new ConcurrentHashMap<>();

	private final List<WatchEntry> watches = new CopyOnWriteArrayList<>();

	private StaticDiscovery(List<ServiceEndpoint> configured) {
		for (ServiceEndpoint instance : configured) {
			if (this.instances.putIfAbsent(instance.instanceId(), instance) != null) {
				throw new IllegalArgumentException("instance id " + instance.instanceId() + " is listed twice");
			}
		}
	}

	/**
	 * Starts a static registry.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public String getName() {
		return "static";
	}

	@Override
	public Registration register(ServiceEndpoint instance) {
		if (this.instances.putIfAbsent(instance.instanceId(), instance) != null) {
			throw new IllegalArgumentException("instance " + instance.instanceId() + " is registered already");
		}
		changed(instance.serviceName());
		return new Registration() {

			private volatile ServiceEndpoint current = instance;

			@Override
			public ServiceEndpoint getInstance() {
				return this.current;
			}

			@Override
			public void update(ServiceEndpoint updated) {
				if (!updated.instanceId().equals(instance.instanceId())) {
					throw new IllegalArgumentException("an update must keep instance id " + instance.instanceId()
							+ ", not " + updated.instanceId());
				}
				this.current = updated;
				StaticDiscovery.this.instances.put(updated.instanceId(), updated);
				changed(updated.serviceName());
			}

			@Override
			public void close() {
				if (StaticDiscovery.this.instances.remove(instance.instanceId()) != null) {
					changed(instance.serviceName());
				}
			}

		};
	}

	@Override
	public List<ServiceEndpoint> find(String serviceName, VersionRange version) {
		List<ServiceEndpoint> found = new ArrayList<>();
		for (ServiceEndpoint instance : this.instances.values()) {
			if (instance.serviceName().equals(serviceName) && version.matches(instance.version())) {
				found.add(instance);
			}
		}
		found.sort(Comparator.comparing(ServiceEndpoint::instanceId));
		return List.copyOf(found);
	}

	@Override
	public Watch watch(String serviceName, VersionRange version, DiscoveryListener listener) {
		WatchEntry entry = new WatchEntry(serviceName, version, listener);
		this.watches.add(entry);
		entry.tell(find(serviceName, version));
		return () -> this.watches.remove(entry);
	}

	@Override
	public DiscoveryHealth health() {
		return DiscoveryHealth.up("static: " + this.instances.size() + " instance(s)");
	}

	@Override
	public void close() {
		this.watches.clear();
	}

	private void changed(String serviceName) {
		for (WatchEntry entry : this.watches) {
			if (entry.serviceName.equals(serviceName)) {
				entry.tell(find(serviceName, entry.version));
			}
		}
	}

	private record WatchEntry(String serviceName, VersionRange version, ChangeNotifier notifier) {

		WatchEntry(String serviceName, VersionRange version, DiscoveryListener listener) {
			this(serviceName, version, new ChangeNotifier(serviceName, listener));
		}

		void tell(List<ServiceEndpoint> found) {
			this.notifier.tellIfChanged(found);
		}

	}

	/**
	 * Builds a {@link StaticDiscovery}.
	 */
	public static final class Builder {

		private final List<ServiceEndpoint> instances = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Adds an instance listening on the given endpoints; its id is made of the service name and its first
		 * endpoint, and its host is {@link HostIdentity#unknown() unknown}, so its locality comes from the endpoint
		 * addresses.
		 * @param serviceName the service name
		 * @param version its version, or {@code ""}
		 * @param endpoints its endpoint URIs
		 * @return this builder
		 */
		public Builder instance(String serviceName, String version, String... endpoints) {
			Objects.requireNonNull(endpoints, "endpoints must not be null");
			if (endpoints.length == 0) {
				throw new IllegalArgumentException("instance of " + serviceName + " needs at least one endpoint");
			}
			ServiceEndpoint.Builder builder = ServiceEndpoint.builder(serviceName)
				.instanceId(serviceName + "@" + endpoints[0])
				.host(HostIdentity.unknown())
				.version(version);
			for (String endpoint : endpoints) {
				builder.endpoint(endpoint);
			}
			return instance(builder.build());
		}

		/**
		 * Adds an instance.
		 * @param instance the instance
		 * @return this builder
		 */
		public Builder instance(ServiceEndpoint instance) {
			this.instances.add(Objects.requireNonNull(instance, "instance must not be null"));
			return this;
		}

		/**
		 * Builds the registry.
		 * @return the registry
		 * @throws IllegalArgumentException if an instance id is listed twice
		 */
		public StaticDiscovery build() {
			return new StaticDiscovery(this.instances);
		}

	}

}
