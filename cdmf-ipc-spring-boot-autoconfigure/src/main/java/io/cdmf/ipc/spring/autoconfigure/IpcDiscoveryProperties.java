package io.cdmf.ipc.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdmf.ipc.discovery.embedded.EmbeddedDiscovery;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of service discovery ({@code cdmf.ipc.discovery.*}): which registry the application's
 * {@code @IpcService}s register in and its {@code @IpcClient}s without endpoints find their service in, and how a
 * client chooses among the transports an instance advertises.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(IpcDiscoveryProperties.PREFIX)
public class IpcDiscoveryProperties {

	/** Prefix of the discovery properties. */
	public static final String PREFIX = "cdmf.ipc.discovery";

	/** The default registry. */
	public static final String TYPE_EMBEDDED = "embedded";

	/** Apache ZooKeeper, through module {@code cdmf-ipc-discovery-zookeeper}. */
	public static final String TYPE_ZOOKEEPER = "zookeeper";

	/** A fixed list from {@code cdmf.ipc.discovery.static.services}. */
	public static final String TYPE_STATIC = "static";

	/** Spring Cloud's {@code DiscoveryClient} (Consul, Eureka, Kubernetes, ...). */
	public static final String TYPE_SPRING_CLOUD = "spring-cloud";

	/** No registry: clients need endpoints, services register nowhere. */
	public static final String TYPE_NONE = "none";

	/**
	 * Registry to register services in and find them in: embedded (processes of one user on one host find each
	 * other, no server), zookeeper (needs io.cdmf:cdmf-ipc-discovery-zookeeper), static (the list under
	 * cdmf.ipc.discovery.static.services), spring-cloud (Spring Cloud's DiscoveryClient, read only) or none.
	 */
	private String type = TYPE_EMBEDDED;

	/**
	 * Whether @IpcService beans register in the registry once they listen (and deregister before they drain).
	 */
	private boolean register = true;

	/**
	 * Transports a client takes first among those an instance advertises, in order, by scheme (such as unix,
	 * shm, grpc); by default the nearest one: shm, then unix, then the network ones on the same host, grpc or tcp
	 * for another host.
	 */
	private List<String> preferTransport = new ArrayList<>();

	/**
	 * Host name or address that registered endpoints listening on a wildcard address (0.0.0.0, ::) are advertised
	 * with; by default the system property or environment variable of the same name, else the first non-loopback
	 * IPv4 address.
	 */
	private @Nullable String advertisedHost;

	/**
	 * Time between deregistering the services at shutdown and starting to drain them, so that clients see the
	 * instance leave before it refuses calls (those refused calls are retried elsewhere either way).
	 */
	private Duration deregistrationDelay = Duration.ZERO;

	private final Embedded embedded = new Embedded();

	private final Zookeeper zookeeper = new Zookeeper();

	private final Static staticRegistry = new Static();

	private final SpringCloud springCloud = new SpringCloud();

	/**
	 * Returns the registry type.
	 * @return the type
	 */
	public String getType() {
		return this.type;
	}

	/**
	 * Sets the registry type.
	 * @param type the type
	 */
	public void setType(String type) {
		this.type = type;
	}

	/**
	 * Returns whether services register.
	 * @return whether they do
	 */
	public boolean isRegister() {
		return this.register;
	}

	/**
	 * Sets whether services register.
	 * @param register whether they do
	 */
	public void setRegister(boolean register) {
		this.register = register;
	}

	/**
	 * Returns the preferred transports' schemes.
	 * @return the schemes, in order
	 */
	public List<String> getPreferTransport() {
		return this.preferTransport;
	}

	/**
	 * Sets the preferred transports' schemes.
	 * @param preferTransport the schemes, in order
	 */
	public void setPreferTransport(List<String> preferTransport) {
		this.preferTransport = preferTransport;
	}

	/**
	 * Returns the advertised host.
	 * @return the host, or {@code null} if unset
	 */
	public @Nullable String getAdvertisedHost() {
		return this.advertisedHost;
	}

	/**
	 * Sets the advertised host.
	 * @param advertisedHost the host
	 */
	public void setAdvertisedHost(@Nullable String advertisedHost) {
		this.advertisedHost = advertisedHost;
	}

	/**
	 * Returns the time between deregistration and draining.
	 * @return the delay
	 */
	public Duration getDeregistrationDelay() {
		return this.deregistrationDelay;
	}

	/**
	 * Sets the time between deregistration and draining.
	 * @param deregistrationDelay the delay
	 */
	public void setDeregistrationDelay(Duration deregistrationDelay) {
		this.deregistrationDelay = deregistrationDelay;
	}

	/**
	 * Returns the embedded registry's settings.
	 * @return the settings
	 */
	public Embedded getEmbedded() {
		return this.embedded;
	}

	/**
	 * Returns the ZooKeeper settings.
	 * @return the settings
	 */
	public Zookeeper getZookeeper() {
		return this.zookeeper;
	}

	/**
	 * Returns the static registry's settings ({@code cdmf.ipc.discovery.static.*}).
	 * @return the settings
	 */
	public Static getStatic() {
		return this.staticRegistry;
	}

	/**
	 * Returns the Spring Cloud settings.
	 * @return the settings
	 */
	public SpringCloud getSpringCloud() {
		return this.springCloud;
	}

	/**
	 * Settings of the embedded registry.
	 */
	public static class Embedded {

		/**
		 * Registry directory; processes that should find each other use the same one. By default
		 * $XDG_RUNTIME_DIR/cdmf-ipc/registry, else <java.io.tmpdir>/cdmf-ipc-<user>/registry.
		 */
		private @Nullable Path directory;

		/**
		 * Time between scans of the registry directory, which also checks that registered processes live; 5 ms to
		 * 10 s.
		 */
		private Duration pollInterval = EmbeddedDiscovery.DEFAULT_POLL_INTERVAL;

		/**
		 * Returns the directory.
		 * @return the directory, or {@code null} for the default
		 */
		public @Nullable Path getDirectory() {
			return this.directory;
		}

		/**
		 * Sets the directory.
		 * @param directory the directory
		 */
		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

		/**
		 * Returns the poll interval.
		 * @return the interval
		 */
		public Duration getPollInterval() {
			return this.pollInterval;
		}

		/**
		 * Sets the poll interval.
		 * @param pollInterval the interval
		 */
		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

	}

	/**
	 * Settings of the ZooKeeper registry; unset ones keep the module's defaults.
	 */
	public static class Zookeeper {

		/**
		 * ZooKeeper connect string: comma-separated host:port pairs, optionally followed by a chroot path.
		 */
		private String connectString = "localhost:2181";

		/**
		 * ZooKeeper session timeout: how long a registration of a process that stopped answering (such as one
		 * killed with kill -9) stays.
		 */
		private @Nullable Duration sessionTimeout;

		/**
		 * Time to wait for the connection to ZooKeeper.
		 */
		private @Nullable Duration connectionTimeout;

		/**
		 * ZooKeeper path under which services are registered.
		 */
		private @Nullable String basePath;

		/**
		 * Returns the connect string.
		 * @return the connect string
		 */
		public String getConnectString() {
			return this.connectString;
		}

		/**
		 * Sets the connect string.
		 * @param connectString the connect string
		 */
		public void setConnectString(String connectString) {
			this.connectString = connectString;
		}

		/**
		 * Returns the session timeout.
		 * @return the timeout, or {@code null} for the module's default
		 */
		public @Nullable Duration getSessionTimeout() {
			return this.sessionTimeout;
		}

		/**
		 * Sets the session timeout.
		 * @param sessionTimeout the timeout
		 */
		public void setSessionTimeout(@Nullable Duration sessionTimeout) {
			this.sessionTimeout = sessionTimeout;
		}

		/**
		 * Returns the connection timeout.
		 * @return the timeout, or {@code null} for the module's default
		 */
		public @Nullable Duration getConnectionTimeout() {
			return this.connectionTimeout;
		}

		/**
		 * Sets the connection timeout.
		 * @param connectionTimeout the timeout
		 */
		public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
			this.connectionTimeout = connectionTimeout;
		}

		/**
		 * Returns the base path.
		 * @return the path, or {@code null} for the module's default
		 */
		public @Nullable String getBasePath() {
			return this.basePath;
		}

		/**
		 * Sets the base path.
		 * @param basePath the path
		 */
		public void setBasePath(@Nullable String basePath) {
			this.basePath = basePath;
		}

	}

	/**
	 * Settings of the static registry.
	 */
	public static class Static {

		/**
		 * Instances per service name, each with its version and endpoints.
		 */
		private final Map<String, List<Instance>> services = new LinkedHashMap<>();

		/**
		 * Returns the instances by service name.
		 * @return the instances
		 */
		public Map<String, List<Instance>> getServices() {
			return this.services;
		}

	}

	/**
	 * One instance in the static registry.
	 */
	public static class Instance {

		/**
		 * Version the instance serves, such as 1.0.0; empty for none.
		 */
		private String version = "";

		/**
		 * Endpoint URIs the instance listens on; a client takes the nearest one it can reach.
		 */
		private List<String> endpoints = new ArrayList<>();

		/**
		 * Returns the version.
		 * @return the version
		 */
		public String getVersion() {
			return this.version;
		}

		/**
		 * Sets the version.
		 * @param version the version
		 */
		public void setVersion(String version) {
			this.version = version;
		}

		/**
		 * Returns the endpoints.
		 * @return the endpoint URIs
		 */
		public List<String> getEndpoints() {
			return this.endpoints;
		}

		/**
		 * Sets the endpoints.
		 * @param endpoints the endpoint URIs
		 */
		public void setEndpoints(List<String> endpoints) {
			this.endpoints = endpoints;
		}

	}

	/**
	 * Settings of the Spring Cloud DiscoveryClient adapter.
	 */
	public static class SpringCloud {

		/**
		 * Time between two lookups of a watched service in the DiscoveryClient.
		 */
		private Duration pollInterval = Duration.ofSeconds(5);

		/**
		 * Spring Cloud service id to look an IPC service up under, keyed by IPC service name; by default the IPC
		 * service name itself.
		 */
		private final Map<String, String> serviceIds = new LinkedHashMap<>();

		/**
		 * Returns the Spring Cloud service ids by IPC service name.
		 * @return the service ids
		 */
		public Map<String, String> getServiceIds() {
			return this.serviceIds;
		}

		/**
		 * Returns the poll interval.
		 * @return the interval
		 */
		public Duration getPollInterval() {
			return this.pollInterval;
		}

		/**
		 * Sets the poll interval.
		 * @param pollInterval the interval
		 */
		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

	}

}
