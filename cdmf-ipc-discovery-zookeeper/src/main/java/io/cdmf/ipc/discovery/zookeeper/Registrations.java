package io.cdmf.ipc.discovery.zookeeper;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances a {@link ZooKeeperDiscovery} registered, and the nodes of closed ones still to delete: what is
 * registered again after a reconnect, checked again when a node changes, and removed when the registry closes.
 */
final class Registrations {

	private static final Logger logger = LoggerFactory.getLogger(ZooKeeperDiscovery.class);

	private final CuratorFramework client;

	private final SessionState session;

	private final RegistryThread thread;

	private final String connectString;

	private final Map<String, ZooKeeperRegistration> byInstanceId = new ConcurrentHashMap<>();

	/** Nodes of closed registrations to delete once connected, if still one of this registry's sessions'. */
	private final Set<String> staleNodes = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	Registrations(CuratorFramework client, SessionState session, RegistryThread thread, String connectString) {
		this.client = client;
		this.session = session;
		this.thread = thread;
		this.connectString = connectString;
	}

	/**
	 * Makes a registration, not yet created.
	 * @param path its node
	 * @param instance the instance
	 * @return the registration
	 * @throws IllegalArgumentException if an instance with the same id is registered here already
	 */
	ZooKeeperRegistration add(String path, ServiceEndpoint instance) {
		ZooKeeperRegistration registration = new ZooKeeperRegistration(this, this.client, path, instance);
		if (this.byInstanceId.putIfAbsent(instance.instanceId(), registration) != null) {
			throw new IllegalArgumentException("instance " + instance.instanceId() + " is registered already");
		}
		return registration;
	}

	void remove(ZooKeeperRegistration registration) {
		this.byInstanceId.remove(registration.getInstance().instanceId(), registration);
	}

	int size() {
		return this.byInstanceId.size();
	}

	SessionState session() {
		return this.session;
	}

	String connectString() {
		return this.connectString;
	}

	/**
	 * After a (re)connect, on the registry's thread: deletes the stale nodes that are still this registry's, and
	 * checks every registration's node (created again if gone, replaced if an earlier session of this registry holds
	 * it). A registration that fails is tried again later.
	 */
	void restoreAll() {
		for (String path : this.staleNodes) {
			if (deleteIfOwn(path)) {
				this.staleNodes.remove(path);
			}
		}
		for (ZooKeeperRegistration registration : this.byInstanceId.values()) {
			if (!registration.restore()) {
				this.thread.schedule(() -> restoreLater(registration), RegistryThread.RETRY_DELAY);
			}
		}
	}

	/**
	 * Has the registry's thread check a registration's node again, and again later while that fails.
	 * @param registration the registration
	 */
	void restoreLater(ZooKeeperRegistration registration) {
		this.thread.execute(() -> {
			if (this.session.isConnected() && !registration.restore()) {
				this.thread.schedule(() -> restoreLater(registration), RegistryThread.RETRY_DELAY);
			}
		});
	}

	/**
	 * Deletes a node if one of this registry's sessions owns it.
	 * @param path the node
	 * @return whether that was settled now (deleted, gone, or another's); false if ZooKeeper could not be asked
	 */
	boolean deleteIfOwn(String path) {
		if (!this.session.isConnected()) {
			return false;
		}
		try {
			Stat stat = this.client.checkExists().forPath(path);
			if (stat != null && this.session.isOwn(stat.getEphemeralOwner())) {
				this.client.delete().guaranteed().forPath(path);
			}
			return true;
		}
		catch (KeeperException.NoNodeException ex) {
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			logger.info("Could not delete node {} now ({}); it is deleted once ZooKeeper is reached again", path,
					ex.toString());
			return false;
		}
	}

	/**
	 * Remembers a node to delete once connected (if still this registry's), for a registration closed or abandoned
	 * while ZooKeeper could not be asked.
	 * @param path the node
	 */
	void deleteLater(String path) {
		if (!this.closed) {
			this.staleNodes.add(path);
		}
	}

	/**
	 * Closes every registration, deleting the nodes it can now.
	 * @param clientStaysOpen whether the client outlives the registry (its session would keep nodes left behind, so
	 * those are handed to Curator's guaranteed delete)
	 */
	void close(boolean clientStaysOpen) {
		for (ZooKeeperRegistration registration : new ArrayList<>(this.byInstanceId.values())) {
			registration.close();
		}
		this.closed = true;
		if (clientStaysOpen) {
			for (String path : this.staleNodes) {
				try {
					this.client.delete().guaranteed().inBackground().forPath(path);
				}
				catch (Exception ex) {
					logger.warn("Could not delete node {} of a closed registration ({}); it goes when the session of "
							+ "the Curator client ends", path, ex.toString());
				}
			}
		}
		this.staleNodes.clear();
	}

	static IpcException unavailable(String message, @Nullable Throwable cause) {
		return new IpcException(ErrorCode.UNAVAILABLE, message, cause);
	}

}
