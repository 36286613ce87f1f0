package io.cdmf.ipc.discovery.zookeeper;

import java.util.Arrays;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.ServiceEndpointCodec;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance registered by a {@link ZooKeeperDiscovery}: an EPHEMERAL node holding its entry, owned by the
 * registry's current ZooKeeper session. An exists watch on the node and every reconnect make the registry check it
 * again ({@link #restore}): a node that is gone is created again, one still owned by an earlier session of this
 * registry (after a session expiry the server may keep it until that session times out) is replaced in one atomic
 * multi-operation (delete and create), so that watchers never see the instance missing in between.
 * <p>
 * A node of the same instance id held by a session that was never this registry's is taken over when the instance
 * is first registered (it is most likely left by an earlier run of the same instance, whose session has not timed
 * out yet), but not later: two live processes with the same instance id would otherwise take it from each other for
 * ever. Then this instance waits, with a warning, until that node goes.
 */
final class ZooKeeperRegistration implements ServiceDiscovery.Registration {

	private static final Logger logger = LoggerFactory.getLogger(ZooKeeperDiscovery.class);

	/** Times the node may change under a check before the check gives up (and is retried later). */
	private static final int MAX_ATTEMPTS = 5;

	private final Registrations registry;

	private final CuratorFramework client;

	private final String path;

	private final Watcher nodeWatcher;

	private volatile ServiceEndpoint instance;

	/** The foreign session this instance waits for, to warn once; 0 when it waits for none. Guarded by this. */
	private long waitingFor;

	/** Guarded by this. */
	private boolean closed;

	ZooKeeperRegistration(Registrations registry, CuratorFramework client, String path,
			ServiceEndpoint instance) {
		this.registry = registry;
		this.client = client;
		this.path = path;
		this.instance = instance;
		this.nodeWatcher = event -> {
			if (event.getType() != Watcher.Event.EventType.None) {
				registry.restoreLater(this);
			}
		};
	}

	@Override
	public ServiceEndpoint getInstance() {
		return this.instance;
	}

	/**
	 * Creates the node when the instance is registered, taking it over from any other session.
	 * @throws Exception if ZooKeeper cannot be written to
	 */
	synchronized void create() throws Exception {
		ensure(true);
	}

	/**
	 * Makes sure the node exists, is this registry's and holds the current entry; on the registry's thread after a
	 * reconnect or a change of the node.
	 * @return false if that failed and should be tried again
	 */
	synchronized boolean restore() {
		if (this.closed) {
			return true;
		}
		long start = System.nanoTime();
		try {
			ensure(false);
			logger.debug("Checked the node of instance {} at {} in {} ms", this.instance.instanceId(), this.path,
					(System.nanoTime() - start) / 1_000_000);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			logger.warn("Could not register instance {} again at {} in ZooKeeper at {} ({}); trying again when "
					+ "connected", this.instance.instanceId(), this.path, this.registry.connectString(), ex.toString());
			return false;
		}
	}

	/**
	 * Marks a registration whose first creation failed as closed, and has its node removed if it was created all
	 * the same (a create can succeed on the server while the client sees a connection loss).
	 */
	synchronized void abandon() {
		this.closed = true;
		this.registry.deleteLater(this.path);
	}

	@Override
	public synchronized void update(ServiceEndpoint updated) {
		ServiceEndpoint current = this.instance;
		if (!updated.instanceId().equals(current.instanceId())
				|| !updated.serviceName().equals(current.serviceName())) {
			throw new IllegalArgumentException("an update must keep instance id " + current.instanceId()
					+ " and service " + current.serviceName() + ", not " + updated.instanceId() + " of "
					+ updated.serviceName());
		}
		if (this.closed) {
			throw new IllegalStateException("instance " + updated.instanceId() + " was deregistered");
		}
		this.instance = updated;
		String what = "Updating instance " + updated.instanceId() + " in ZooKeeper";
		String later = "; the registry keeps the new entry and writes it once ZooKeeper is reached again";
		if (!this.registry.session().isConnected()) {
			throw Registrations.unavailable(what + " failed: not connected" + later, null);
		}
		try {
			ensure(false);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw Registrations.unavailable(what + " was interrupted" + later, ex);
		}
		catch (Exception ex) {
			throw Registrations.unavailable(what + " failed (" + ex + ")" + later, ex);
		}
	}

	/**
	 * Deletes the node if this registry's session owns it; when ZooKeeper cannot be reached now, the registry deletes
	 * it once it can (or the server does, when the session ends).
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		this.registry.remove(this);
		logger.info("Deregistered {} from ZooKeeper at {}", this.instance, this.registry.connectString());
		if (!this.registry.deleteIfOwn(this.path)) {
			this.registry.deleteLater(this.path);
		}
	}

	private void ensure(boolean takeOver) throws Exception {
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			byte[] data = ServiceEndpointCodec.encode(this.instance);
			Stat stat = this.client.checkExists().usingWatcher(this.nodeWatcher).forPath(this.path);
			long session = this.registry.session().current();
			if (stat == null) {
				if (tryCreate(data)) {
					return;
				}
			}
			else if (stat.getEphemeralOwner() == session) {
				if (writeIfChanged(stat, data)) {
					return;
				}
			}
			else if (takeOver || this.registry.session().isOwn(stat.getEphemeralOwner())) {
				if (tryReplace(stat, data, session)) {
					return;
				}
			}
			else {
				waitFor(stat.getEphemeralOwner());
				return;
			}
		}
		throw new IllegalStateException("node " + this.path + " changed " + MAX_ATTEMPTS + " times while instance "
				+ this.instance.instanceId() + " was being registered; is another process writing it?");
	}

	private boolean tryCreate(byte[] data) throws Exception {
		Stat created = new Stat();
		try {
			this.client.create()
				.storingStatIn(created)
				.creatingParentContainersIfNeeded()
				.withMode(CreateMode.EPHEMERAL)
				.forPath(this.path, data);
		}
		catch (KeeperException.NodeExistsException ex) {
			return false;
		}
		this.registry.session().own(created.getEphemeralOwner());
		clearWaiting("registered");
		return true;
	}

	private boolean writeIfChanged(Stat stat, byte[] data) throws Exception {
		try {
			if (stat.getDataLength() != data.length || !Arrays.equals(this.client.getData().forPath(this.path), data)) {
				this.client.setData().withVersion(stat.getVersion()).forPath(this.path, data);
			}
		}
		catch (KeeperException.NoNodeException | KeeperException.BadVersionException ex) {
			return false;
		}
		return true;
	}

	private boolean tryReplace(Stat stat, byte[] data, long session) throws Exception {
		long owner = stat.getEphemeralOwner();
		if (!this.registry.session().isOwn(owner)) {
			logger.warn("Instance id {} was registered at {} by another ZooKeeper session ({}), most likely by an "
					+ "earlier run of this instance; replacing that node. If another live process uses the same "
					+ "instance id, give each its own", this.instance.instanceId(), this.path, owner(owner));
		}
		try {
			this.client.transaction()
				.forOperations(this.client.transactionOp().delete().withVersion(stat.getVersion()).forPath(this.path),
						this.client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(this.path, data));
		}
		catch (KeeperException.NoNodeException | KeeperException.BadVersionException
				| KeeperException.NodeExistsException ex) {
			return false;
		}
		this.registry.session().own(session);
		logger.info("Registered instance {} again at {}, replacing the node of an earlier session ({})",
				this.instance.instanceId(), this.path, owner(owner));
		clearWaiting("replaced");
		return true;
	}

	private void waitFor(long owner) {
		if (this.waitingFor != owner) {
			this.waitingFor = owner;
			logger.warn("Instance {} is not registered again: its node {} is held by another ZooKeeper session ({}). "
					+ "It is registered as soon as that node goes (the node of a dead process goes when its session "
					+ "times out). If another live process uses the same instance id, give each its own",
					this.instance.instanceId(), this.path, owner(owner));
		}
	}

	private void clearWaiting(String how) {
		if (this.waitingFor != 0) {
			logger.info("Instance {} {} at {} now that the other session's node is gone", this.instance.instanceId(),
					how, this.path);
			this.waitingFor = 0;
		}
	}

	private static String owner(long session) {
		return (session == 0) ? "a persistent node" : "session 0x" + Long.toHexString(session);
	}

}
