package io.cdmf.ipc.discovery.zookeeper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.discovery.DiscoveryHealth;
import io.cdmf.ipc.discovery.DiscoveryListener;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry on Apache ZooKeeper, through Apache Curator, for services on many hosts. Each registered instance is an
 * EPHEMERAL node {@code <basePath>/services/<service name>/<instance id>} holding its
 * {@link io.cdmf.ipc.discovery.ServiceEndpointCodec} entry, so it goes when its process's session ends; watchers
 * follow a service through a recursive persistent watch on its node.
 *
 * <pre>{@code
 * try (ZooKeeperDiscovery discovery = ZooKeeperDiscovery.builder("zk1:2181,zk2:2181,zk3:2181")
 *         .sessionTimeout(Duration.ofSeconds(10))
 *         .build()) {
 *     Registration registration = discovery.register(ServiceEndpoint.forStub(stub).build());
 *     ServiceProxy quotes = ServiceProxyFactory.builder(discovery).build().createProxy("Quotes", "1.2");
 * }
 * }</pre>
 *
 * When ZooKeeper cannot be reached (Curator's {@code SUSPENDED} or {@code LOST}), nothing changes for the users of
 * this registry: watchers keep their last lists and are told nothing, {@link #find} answers from the last list it
 * knows, and {@link #health()} is down. Once reached again, instances registered here are registered again if their
 * session expired meanwhile (an earlier session's node is replaced atomically, so no watcher sees the instance
 * missing), then every watched service is read again. A watcher is told an empty list only when connected and the
 * service really has no instance. See {@code docs/discovery-zookeeper.md}.
 * <p>
 * Watchers are told on the registry's own thread, one listener at a time (the first time, on the thread that called
 * {@link #watch}): a listener should not block. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ZooKeeperDiscovery implements ServiceDiscovery {

	/** The default parent of all nodes of a registry. */
	public static final String DEFAULT_BASE_PATH = "/cdmf-ipc";

	/**
	 * The default session timeout, 10 s: how long a process that died without closing (a {@code kill -9}, a host
	 * gone) stays listed, and how long a registry may be cut off from ZooKeeper before its instances are removed.
	 * Curator's own default, 60 s, would keep a dead instance in every client's rotation for a minute; much less
	 * than 10 s would drop live instances on a long GC pause or a short network hiccup. The server bounds it to
	 * between 2 and 20 times its {@code tickTime} (4 s to 40 s with the usual 2 s).
	 */
	public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The default connection timeout, 5 s: how long {@link Builder#build()}, {@link #register} and
	 * {@link Registration#update} wait for a connection before they fail. Half the session timeout, so that a client
	 * cut off from one server can try another one of the ensemble before its session expires; Curator's own default,
	 * 15 s, is longer than the session timeout here.
	 */
	public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(ZooKeeperDiscovery.class);

	private final CuratorFramework client;

	private final boolean ownsClient;

	private final String connectString;

	private final String name;

	private final Duration connectionTimeout;

	private final ZooKeeperPaths paths;

	private final InstanceReader reader;

	private final SessionState session;

	private final RegistryThread thread;

	private final Registrations registrations;

	/** Guarded by itself for changes that must see whether a service is watched. */
	private final Map<String, ServiceWatcher> watchers = new ConcurrentHashMap<>();

	/** The last list {@code find} read of each service not watched, for answers while ZooKeeper cannot be read. */
	private final Map<String, List<ServiceEndpoint>> found = new ConcurrentHashMap<>();

	private final ConnectionStateListener stateListener = (ignored, newState) -> onStateChanged(newState);

	private volatile boolean closed;

	private ZooKeeperDiscovery(CuratorFramework client, boolean ownsClient, String connectString, String basePath,
			Duration connectionTimeout) {
		this.client = client;
		this.ownsClient = ownsClient;
		this.connectString = connectString;
		String namespace = client.getNamespace();
		this.name = "zookeeper:" + connectString + ((namespace == null || namespace.isEmpty()) ? "" : "/" + namespace)
				+ basePath;
		this.connectionTimeout = connectionTimeout;
		this.paths = new ZooKeeperPaths(basePath);
		this.reader = new InstanceReader(client, this.paths);
		this.session = new SessionState(client);
		this.thread = new RegistryThread(this.name);
		this.registrations = new Registrations(client, this.session, this.thread, connectString);
	}

	/**
	 * Starts a registry that connects to a ZooKeeper ensemble with a client of its own, closed with the registry.
	 * @param connectString the servers, {@code host:port[,host:port...]}, optionally with a chroot such as
	 * {@code /apps}
	 * @return a builder
	 */
	public static Builder builder(String connectString) {
		Objects.requireNonNull(connectString, "connectString must not be null");
		if (connectString.isBlank()) {
			throw new IllegalArgumentException("connectString must name at least one ZooKeeper server, such as "
					+ "localhost:2181");
		}
		return new Builder(connectString.trim(), null);
	}

	/**
	 * Starts a registry on an existing, started Curator client, which the registry uses but does not close; its
	 * session timeout, retry policy and namespace are the client's own.
	 * @param client a started client
	 * @return a builder
	 */
	public static Builder builder(CuratorFramework client) {
		Objects.requireNonNull(client, "client must not be null");
		return new Builder(client.getZookeeperClient().getCurrentConnectionString(), client);
	}

	/**
	 * Returns {@code zookeeper:<connect string>[/<namespace>]<base path>}, such as
	 * {@code zookeeper:zk1:2181,zk2:2181/cdmf-ipc}.
	 * @return the description
	 */
	@Override
	public String getName() {
		return this.name;
	}

	/**
	 * Returns the base path under which this registry keeps its nodes.
	 * @return the base path, such as {@code /cdmf-ipc}
	 */
	public String getBasePath() {
		return this.paths.basePath();
	}

	/**
	 * Returns the Curator client this registry uses, for applications that keep other data in the same ensemble.
	 * @return the client
	 */
	public CuratorFramework getClient() {
		return this.client;
	}

	/**
	 * Registers an instance: creates its EPHEMERAL node, waiting up to the connection timeout for a connection. A node
	 * of the same instance id left by another session (an earlier run of the instance whose session has not timed
	 * out yet) is replaced.
	 * @param instance the instance
	 * @return the registration, to update or close
	 * @throws IpcException with {@code UNAVAILABLE} if ZooKeeper cannot be reached or written to
	 * @throws IllegalArgumentException if an instance with the same id is registered by this registry already
	 */
	@Override
	public Registration register(ServiceEndpoint instance) {
		Objects.requireNonNull(instance, "instance must not be null");
		checkOpen();
		String path = this.paths.instance(instance.serviceName(), instance.instanceId());
		ZooKeeperRegistration registration = this.registrations.add(path, instance);
		String what = "Registering instance " + instance.instanceId() + " of " + instance.serviceName() + " at "
				+ path;
		try {
			awaitConnected(what);
			registration.create();
		}
		catch (Exception ex) {
			this.registrations.remove(registration);
			registration.abandon();
			if (ex instanceof IpcException ipc) {
				throw ipc;
			}
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw Registrations.unavailable(what + " in ZooKeeper at " + this.connectString + " failed (" + ex
					+ "); check that ZooKeeper runs and that this process may write under " + this.paths.basePath(), ex);
		}
		logger.info("Registered {} at {} in {}", instance, path, this.name);
		return registration;
	}

	/**
	 * Returns the instances of a service: read from ZooKeeper when connected, else the last list this registry read
	 * of the service (by a watch or an earlier call).
	 * @param serviceName the service name
	 * @param version the versions accepted
	 * @return the instances, sorted by instance id
	 * @throws IpcException with {@code UNAVAILABLE} if ZooKeeper cannot be read and no earlier list of the service is
	 * known here
	 */
	@Override
	public List<ServiceEndpoint> find(String serviceName, VersionRange version) {
		Objects.requireNonNull(serviceName, "serviceName must not be null");
		Objects.requireNonNull(version, "version must not be null");
		checkOpen();
		Exception failure = null;
		if (this.session.isConnected()) {
			try {
				List<ServiceEndpoint> instances = this.reader.read(serviceName, 0);
				if (!this.watchers.containsKey(serviceName)) {
					this.found.put(serviceName, instances); // a watched service's list is kept by its watch
				}
				return InstanceReader.select(instances, version);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = ex;
			}
			catch (Exception ex) {
				failure = ex;
			}
		}
		String why = (failure != null) ? failure.toString() : this.session.describe();
		ServiceWatcher watcher = this.watchers.get(serviceName);
		List<ServiceEndpoint> known = (watcher != null) ? watcher.instances() : null;
		if (known == null) {
			known = this.found.get(serviceName);
		}
		if (known != null) {
			logger.debug("ZooKeeper at {} cannot be read now ({}); answering {} from the last list read",
					this.connectString, why, serviceName);
			return InstanceReader.select(known, version);
		}
		throw Registrations.unavailable("Cannot find the instances of " + serviceName + ": ZooKeeper at "
				+ this.connectString + " cannot be read (" + why + ") and no earlier list of the service is known "
				+ "here. Check that ZooKeeper runs and that the connect string is right", failure);
	}

	/**
	 * Watches the instances of a service. The listener is told the current list before this method returns, unless
	 * ZooKeeper cannot be read now and no list of the service is known here yet: then it is told once one is read.
	 * @param serviceName the service name
	 * @param version the versions accepted
	 * @param listener the listener; told on the registry's thread after the first time
	 * @return the watch; once it is closed the listener is not called again
	 */
	@Override
	public Watch watch(String serviceName, VersionRange version, DiscoveryListener listener) {
		Objects.requireNonNull(serviceName, "serviceName must not be null");
		Objects.requireNonNull(version, "version must not be null");
		Objects.requireNonNull(listener, "listener must not be null");
		checkOpen();
		ServiceWatcher.Entry entry = new ServiceWatcher.Entry(serviceName, version, listener);
		ServiceWatcher watcher;
		synchronized (this.watchers) {
			watcher = this.watchers.get(serviceName);
			if (watcher == null) {
				watcher = new ServiceWatcher(this, this.client, serviceName, this.paths.service(serviceName));
				this.watchers.put(serviceName, watcher);
				watcher.start();
			}
			watcher.add(entry);
		}
		watcher.tellCurrent(entry);
		ServiceWatcher watching = watcher;
		return () -> {
			entry.close();
			synchronized (this.watchers) {
				if (watching.remove(entry) && this.watchers.remove(serviceName, watching)) {
					watching.close();
				}
			}
		};
	}

	/**
	 * Returns up when connected to ZooKeeper, else down with the connection state and the connect string.
	 * @return the health
	 */
	@Override
	public DiscoveryHealth health() {
		if (this.closed) {
			return DiscoveryHealth.down(this.name + " is closed");
		}
		boolean handleConnected = this.client.getZookeeperClient().isConnected();
		if (this.session.isConnected() && handleConnected) {
			return DiscoveryHealth.up(this.name + ": connected, " + this.registrations.size()
					+ " instance(s) registered here, " + this.watchers.size() + " service(s) watched");
		}
		// Curator tells the state a moment after the connection changed: say so rather than a stale state.
		String state = this.session.isConnected() ? "the connection dropped just now"
				: (handleConnected ? "reconnected just now" : this.session.describe());
		return DiscoveryHealth.down("ZooKeeper at " + this.connectString + " is not reachable (" + state
				+ "); watchers keep their last lists and the " + this.registrations.size() + " instance(s) "
				+ "registered here are registered again once it is reached");
	}

	/**
	 * Closes the registry: deletes the nodes of the instances registered here, ends the watches and, if the registry
	 * made its own client, closes it (which ends the session, so the server removes any node left).
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		this.client.getConnectionStateListenable().removeListener(this.stateListener);
		synchronized (this.watchers) {
			this.watchers.values().forEach(ServiceWatcher::close);
			this.watchers.clear();
		}
		this.registrations.close(!this.ownsClient);
		this.thread.close();
		if (this.ownsClient) {
			this.client.close();
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

	String connectString() {
		return this.connectString;
	}

	InstanceReader reader() {
		return this.reader;
	}

	SessionState session() {
		return this.session;
	}

	RegistryThread thread() {
		return this.thread;
	}

	@Nullable List<ServiceEndpoint> lastFound(String serviceName) {
		return this.found.get(serviceName);
	}

	private void start() {
		this.client.getConnectionStateListenable().addListener(this.stateListener);
		if (this.ownsClient) {
			this.client.start();
		}
		boolean connected;
		try {
			connected = this.client.blockUntilConnected((int) this.connectionTimeout.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw Registrations.unavailable("Interrupted while connecting to ZooKeeper at " + this.connectString, ex);
		}
		if (!connected) {
			close();
			throw Registrations.unavailable("ZooKeeper at " + this.connectString + " could not be reached within "
					+ this.connectionTimeout.toMillis() + " ms: check that it runs and that the connect string "
					+ "(host:port[,host:port...][/chroot]) is right", null);
		}
		// The listener may not have been told yet, and is not told at all of a client connected before.
		this.session.connected();
		logger.info("Connected to {}", this.name);
	}

	private void onStateChanged(ConnectionState newState) {
		if (this.closed) {
			return;
		}
		if (this.session.changed(newState)) {
			logger.info("ZooKeeper at {} reached again ({}); registering the {} instance(s) of this process again "
					+ "where needed, then reading the {} watched service(s) again", this.connectString, newState,
					this.registrations.size(), this.watchers.size());
			this.thread.execute(this::restoreAndRefresh);
		}
		else if (newState == ConnectionState.SUSPENDED) {
			logger.warn("Connection to ZooKeeper at {} suspended; watchers keep their last lists, and the {} "
					+ "instance(s) registered here stay registered unless the session times out. If this lasts, "
					+ "check that ZooKeeper runs and can be reached", this.connectString, this.registrations.size());
		}
		else if (newState == ConnectionState.LOST) {
			logger.warn("ZooKeeper session with {} lost (expired, or no connection for the whole session timeout); "
					+ "watchers keep their last lists, and the {} instance(s) registered here are registered again "
					+ "as soon as ZooKeeper is reached", this.connectString, this.registrations.size());
		}
	}

	/**
	 * After a reconnect: registrations first, so that watchers read a registry with them in it. One that fails is
	 * tried again later, and does not keep watchers from reading meanwhile.
	 */
	private void restoreAndRefresh() {
		long restoredIn = this.session.currentOrZero();
		try {
			this.registrations.restoreAll();
		}
		finally {
			this.session.restored(restoredIn);
		}
		for (ServiceWatcher watcher : this.watchers.values()) {
			watcher.requestRefresh();
		}
	}

	private void awaitConnected(String what) throws InterruptedException {
		if (this.session.isConnected()) {
			return;
		}
		if (!this.client.blockUntilConnected((int) this.connectionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw Registrations.unavailable(what + " failed: ZooKeeper at " + this.connectString + " is not reachable ("
					+ this.session.describe() + ") within " + this.connectionTimeout.toMillis() + " ms", null);
		}
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException(this.name + " is closed");
		}
	}

	/**
	 * Builds a {@link ZooKeeperDiscovery}.
	 */
	public static final class Builder {

		private final String connectString;

		private final @Nullable CuratorFramework client;

		private @Nullable Duration sessionTimeout;

		private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;

		private String basePath = DEFAULT_BASE_PATH;

		private Builder(String connectString, @Nullable CuratorFramework client) {
			this.connectString = connectString;
			this.client = client;
		}

		/**
		 * Sets the ZooKeeper session timeout (default {@link #DEFAULT_SESSION_TIMEOUT 10 s}); the server may bound
		 * it. Not for a registry on a given Curator client, whose session is the client's.
		 * @param sessionTimeout from 1 s to 10 min
		 * @return this builder
		 * @throws IllegalStateException if the registry uses a given Curator client
		 */
		public Builder sessionTimeout(Duration sessionTimeout) {
			if (this.client != null) {
				throw new IllegalStateException("the session timeout of a given CuratorFramework is its own: set it "
						+ "where that client is built");
			}
			this.sessionTimeout = checkRange("sessionTimeout", sessionTimeout, Duration.ofSeconds(1),
					Duration.ofMinutes(10));
			return this;
		}

		/**
		 * Sets how long building, registering and updating wait for a connection (default
		 * {@link #DEFAULT_CONNECTION_TIMEOUT 5 s}); it is also Curator's connection timeout.
		 * @param connectionTimeout from 100 ms to 10 min, at most the session timeout
		 * @return this builder
		 */
		public Builder connectionTimeout(Duration connectionTimeout) {
			this.connectionTimeout = checkRange("connectionTimeout", connectionTimeout, Duration.ofMillis(100),
					Duration.ofMinutes(10));
			return this;
		}

		/**
		 * Sets the node under which the registry keeps its nodes (default {@value #DEFAULT_BASE_PATH}); registries
		 * that should find each other use the same one.
		 * @param basePath an absolute ZooKeeper path without a trailing {@code /}
		 * @return this builder
		 */
		public Builder basePath(String basePath) {
			this.basePath = ZooKeeperPaths.checkBasePath(Objects.requireNonNull(basePath, "basePath must not be null"));
			return this;
		}

		/**
		 * Builds the registry: starts its client (unless given one) and waits up to the connection timeout for the
		 * first connection.
		 * @return the connected registry
		 * @throws IpcException with {@code UNAVAILABLE} if ZooKeeper cannot be reached within the connection timeout
		 * @throws IllegalArgumentException if the connection timeout exceeds the session timeout
		 * @throws IllegalStateException if a given Curator client is not started
		 */
		public ZooKeeperDiscovery build() {
			CuratorFramework given = this.client;
			if (given != null) {
				if (given.getState() != org.apache.curator.framework.imps.CuratorFrameworkState.STARTED) {
					throw new IllegalStateException("the CuratorFramework must be started (client.start()) before a "
							+ "ZooKeeperDiscovery uses it; it is " + given.getState());
				}
				ZooKeeperDiscovery discovery = new ZooKeeperDiscovery(given, false, this.connectString, this.basePath,
						this.connectionTimeout);
				discovery.start();
				return discovery;
			}
			Duration session = (this.sessionTimeout != null) ? this.sessionTimeout : DEFAULT_SESSION_TIMEOUT;
			if (this.connectionTimeout.compareTo(session) > 0) {
				throw new IllegalArgumentException("connectionTimeout (" + this.connectionTimeout.toMillis()
						+ " ms) must not exceed sessionTimeout (" + session.toMillis() + " ms)");
			}
			CuratorFramework created = CuratorClients.create(this.connectString, session, this.connectionTimeout);
			ZooKeeperDiscovery discovery = new ZooKeeperDiscovery(created, true, this.connectString, this.basePath,
					this.connectionTimeout);
			discovery.start();
			return discovery;
		}

		private static Duration checkRange(String name, Duration value, Duration min, Duration max) {
			Objects.requireNonNull(value, name + " must not be null");
			if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
				throw new IllegalArgumentException(name + " must be between " + min.toMillis() + " ms and "
						+ max.toMillis() + " ms: " + value.toMillis() + " ms");
			}
			return value;
		}

	}

}
