package io.cdmf.ipc.discovery.zookeeper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.ServiceEndpointCodec;
import io.cdmf.ipc.discovery.VersionRange;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the instances of a service from its node's children. A child that cannot be read as an instance of that
 * service (not a {@link ServiceEndpointCodec} entry, too large, of another format, of another service, or named for
 * another instance id) is skipped, and logged once per version of its data; the other instances are listed.
 */
final class InstanceReader {

	private static final Logger logger = LoggerFactory.getLogger(ZooKeeperDiscovery.class);

	/** Bounds the memory of which bad nodes were logged already; past it, the set starts again. */
	private static final int MAX_REMEMBERED_BAD_NODES = 1024;

	private final CuratorFramework client;

	private final ZooKeeperPaths paths;

	private final Set<String> loggedBadNodes = ConcurrentHashMap.newKeySet();

	InstanceReader(CuratorFramework client, ZooKeeperPaths paths) {
		this.client = client;
		this.paths = paths;
	}

	/**
	 * Reads every instance of a service, of every version, in one ZooKeeper session: with the client's current
	 * handle, without Curator's retries (which would wait for a connection), so that it fails at once when ZooKeeper
	 * cannot be reached and a list read is never a mix of two sessions' views.
	 * @param serviceName the service name
	 * @param session the session the read must be made in, or 0 for the current one
	 * @return the instances, sorted by instance id; empty if the service has no node
	 * @throws KeeperException if ZooKeeper cannot be read, or the current session is not the one required
	 * @throws Exception if the client is closed or the thread interrupted
	 */
	List<ServiceEndpoint> read(String serviceName, long session) throws Exception {
		ZooKeeper zooKeeper = this.client.getZookeeperClient().getZooKeeper();
		if (!zooKeeper.getState().isConnected() || (session != 0 && zooKeeper.getSessionId() != session)) {
			throw new KeeperException.ConnectionLossException();
		}
		String servicePath = this.paths.service(serviceName);
		String absolutePath = ZKPaths.fixForNamespace(this.client.getNamespace(), servicePath);
		List<String> children;
		try {
			children = zooKeeper.getChildren(absolutePath, false);
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
		List<ServiceEndpoint> found = new ArrayList<>(children.size());
		for (String child : children) {
			Stat stat = new Stat();
			byte[] data;
			try {
				data = zooKeeper.getData(ZKPaths.makePath(absolutePath, child), false, stat);
			}
			catch (KeeperException.NoNodeException ex) {
				continue; // removed since the listing: not an instance any more
			}
			ServiceEndpoint instance = decode(serviceName, child, ZKPaths.makePath(servicePath, child), data, stat);
			if (instance != null) {
				found.add(instance);
			}
		}
		found.sort(Comparator.comparing(ServiceEndpoint::instanceId));
		return List.copyOf(found);
	}

	/**
	 * Returns the instances a version requirement accepts, in the same order.
	 * @param instances the instances of a service
	 * @param version the requirement
	 * @return those it accepts
	 */
	static List<ServiceEndpoint> select(List<ServiceEndpoint> instances, VersionRange version) {
		if (version.isAny()) {
			return instances;
		}
		List<ServiceEndpoint> selected = new ArrayList<>(instances.size());
		for (ServiceEndpoint instance : instances) {
			if (version.matches(instance.version())) {
				selected.add(instance);
			}
		}
		return List.copyOf(selected);
	}

	private @Nullable ServiceEndpoint decode(String serviceName, String child, String path, byte @Nullable [] data,
			Stat stat) {
		String problem;
		try {
			if (data == null || data.length == 0) {
				problem = "it has no data";
			}
			else {
				ServiceEndpoint instance = ServiceEndpointCodec.decode(data, "zookeeper:" + path);
				if (!instance.serviceName().equals(serviceName)) {
					problem = "it holds an instance of service '" + instance.serviceName() + "'";
				}
				else if (!ZooKeeperPaths.nodeName(instance.instanceId()).equals(child)) {
					problem = "it holds instance id '" + instance.instanceId() + "', whose node is named '"
							+ ZooKeeperPaths.nodeName(instance.instanceId()) + "', not '" + child + "'";
				}
				else {
					return instance;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			problem = ex.getMessage();
		}
		logBadNode(serviceName, path, stat, problem);
		return null;
	}

	private void logBadNode(String serviceName, String path, Stat stat, @Nullable String problem) {
		// The modification zxid changes with every write, so a node fixed and broken again is logged again.
		String key = path + "@" + Long.toHexString(stat.getMzxid());
		if (this.loggedBadNodes.size() >= MAX_REMEMBERED_BAD_NODES) {
			this.loggedBadNodes.clear();
		}
		if (this.loggedBadNodes.add(key)) {
			logger.warn("Skipping ZooKeeper node {} ({} bytes): it is not an instance of {} that this version can "
					+ "read, because {}. The other instances are listed; this node is not, until it is rewritten by a "
					+ "registry of a matching version or deleted (zkCli.sh: delete {})", path, stat.getDataLength(),
					serviceName, problem, path);
		}
		else {
			logger.debug("Skipping ZooKeeper node {} again: {}", path, problem);
		}
	}

}
