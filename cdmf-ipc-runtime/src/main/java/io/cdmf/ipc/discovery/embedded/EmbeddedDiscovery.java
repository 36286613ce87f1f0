package io.cdmf.ipc.discovery.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.discovery.DiscoveryHealth;
import io.cdmf.ipc.discovery.DiscoveryListener;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import org.jspecify.annotations.Nullable;

/**
 * The default registry: no server to run; the processes of one user on one host find each other through a runtime
 * directory, one file per instance (see {@code docs/discovery.md} for the layout). An instance is registered while its
 * process holds an OS lock on its lock file, so one that dies, even by {@code kill -9}, is out of every list at the
 * next scan, with no timeout to tune; an entry from an earlier boot is ignored. Watchers see changes through a file
 * watch, with a scan every {@link Builder#pollInterval poll interval} (50 ms) as the fallback and the liveness check.
 * <p>
 * The directory is, in order: {@link Builder#directory}, the system property {@value #DIRECTORY_PROPERTY},
 * {@code $XDG_RUNTIME_DIR/cdmf-ipc/registry}, or {@code <java.io.tmpdir>/cdmf-ipc-<user>/registry}. It is created with
 * mode {@code 0700}: only the same user's processes share it.
 *
 * <pre>{@code
 * try (EmbeddedDiscovery discovery = EmbeddedDiscovery.create()) {
 *     ServiceDiscovery.Registration registration = discovery.register(ServiceEndpoint.forStub(stub).build());
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EmbeddedDiscovery implements ServiceDiscovery {

	/** System property that sets the registry directory. */
	public static final String DIRECTORY_PROPERTY = "cdmf.ipc.discovery.embedded.directory";

	/** Default time between scans of the directory. */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(50);

	private final RegistryDirectory directory;

	private final Duration pollInterval;

	private final Map<String, ServiceEndpoint> registered = new ConcurrentHashMap<>();

	private final RegistryScanner scanner;

	private volatile boolean closed;

	private EmbeddedDiscovery(Builder builder) {
		Path path = (builder.directory != null) ? builder.directory : defaultDirectory();
		this.directory = new RegistryDirectory(path);
		this.pollInterval = builder.pollInterval;
		this.scanner = new RegistryScanner(this.directory, this.pollInterval);
	}

	/**
	 * Creates a registry on the default directory.
	 * @return the registry
	 */
	public static EmbeddedDiscovery create() {
		return builder().build();
	}

	/**
	 * Starts a registry configuration.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the default registry directory, as described above.
	 * @return the directory
	 */
	public static Path defaultDirectory() {
		String configured = System.getProperty(DIRECTORY_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured.trim());
		}
		String runtime = System.getenv("XDG_RUNTIME_DIR");
		if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))
				&& Files.isWritable(Path.of(runtime))) {
			return Path.of(runtime, "cdmf-ipc", "registry");
		}
		String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
		return Path.of(System.getProperty("java.io.tmpdir"), "cdmf-ipc-" + user, "registry");
	}

	/**
	 * Returns the registry directory.
	 * @return the directory
	 */
	public Path getDirectory() {
		return this.directory.path();
	}

	@Override
	public String getName() {
		return "embedded:" + this.directory.path();
	}

	@Override
	public Registration register(ServiceEndpoint instance) {
		checkOpen();
		if (this.registered.putIfAbsent(instance.instanceId(), instance) != null) {
			throw new IllegalArgumentException("instance " + instance.instanceId() + " is registered already");
		}
		try {
			this.directory.register(instance);
		}
		catch (RuntimeException ex) {
			this.registered.remove(instance.instanceId());
			throw ex;
		}
		return new EmbeddedRegistration(instance);
	}

	@Override
	public List<ServiceEndpoint> find(String serviceName, VersionRange version) {
		checkOpen();
		return select(this.directory.readLive(serviceName), serviceName, version);
	}

	@Override
	public Watch watch(String serviceName, VersionRange version, DiscoveryListener listener) {
		checkOpen();
		return this.scanner.watch(serviceName, version, listener);
	}

	@Override
	public DiscoveryHealth health() {
		Path path = this.directory.path();
		if (this.closed) {
			return DiscoveryHealth.down(getName() + " is closed");
		}
		if (Files.isDirectory(path) && !Files.isWritable(path)) {
			return DiscoveryHealth.down(getName() + " is not writable by this process");
		}
		return DiscoveryHealth.up(getName() + ", " + this.registered.size() + " instance(s) registered here");
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.scanner.close();
		for (String instanceId : new ArrayList<>(this.registered.keySet())) {
			this.directory.deregister(instanceId);
		}
		this.registered.clear();
	}

	@Override
	public String toString() {
		return getName();
	}

	static List<ServiceEndpoint> select(List<ServiceEndpoint> live, String serviceName, VersionRange version) {
		List<ServiceEndpoint> found = new ArrayList<>();
		for (ServiceEndpoint instance : live) {
			if (instance.serviceName().equals(serviceName) && version.matches(instance.version())) {
				found.add(instance);
			}
		}
		found.sort(Comparator.comparing(ServiceEndpoint::instanceId));
		return List.copyOf(found);
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException(getName() + " is closed");
		}
	}

	private final class EmbeddedRegistration implements Registration {

		private volatile ServiceEndpoint instance;

		private volatile boolean removed;

		EmbeddedRegistration(ServiceEndpoint instance) {
			this.instance = instance;
		}

		@Override
		public ServiceEndpoint getInstance() {
			return this.instance;
		}

		@Override
		public synchronized void update(ServiceEndpoint updated) {
			if (!updated.instanceId().equals(this.instance.instanceId())) {
				throw new IllegalArgumentException("an update must keep instance id " + this.instance.instanceId()
						+ ", not " + updated.instanceId());
			}
			if (this.removed) {
				throw new IllegalStateException("instance " + updated.instanceId() + " was deregistered");
			}
			EmbeddedDiscovery.this.directory.write(updated);
			EmbeddedDiscovery.this.registered.put(updated.instanceId(), updated);
			this.instance = updated;
		}

		@Override
		public synchronized void close() {
			if (this.removed) {
				return;
			}
			this.removed = true;
			if (EmbeddedDiscovery.this.registered.remove(this.instance.instanceId()) != null) {
				EmbeddedDiscovery.this.directory.deregister(this.instance.instanceId());
			}
		}

	}

	/**
	 * Builds an {@link EmbeddedDiscovery}.
	 */
	public static final class Builder {

		private @Nullable Path directory;

		private Duration pollInterval = DEFAULT_POLL_INTERVAL;

		private Builder() {
		}

		/**
		 * Sets the registry directory; processes that should find each other use the same one.
		 * @param directory the directory, created if missing
		 * @return this builder
		 */
		public Builder directory(Path directory) {
			this.directory = Objects.requireNonNull(directory, "directory must not be null");
			return this;
		}

		/**
		 * Sets how often watchers scan the directory (and check that registered processes live).
		 * @param pollInterval from 5 ms to 10 s
		 * @return this builder
		 */
		public Builder pollInterval(Duration pollInterval) {
			Objects.requireNonNull(pollInterval, "pollInterval must not be null");
			if (pollInterval.toMillis() < 5 || pollInterval.toMillis() > 10_000) {
				throw new IllegalArgumentException("pollInterval must be between 5 ms and 10 s: " + pollInterval);
			}
			this.pollInterval = pollInterval;
			return this;
		}

		/**
		 * Builds the registry; its directory is created on the first registration.
		 * @return the registry
		 */
		public EmbeddedDiscovery build() {
			return new EmbeddedDiscovery(this);
		}

	}

}
