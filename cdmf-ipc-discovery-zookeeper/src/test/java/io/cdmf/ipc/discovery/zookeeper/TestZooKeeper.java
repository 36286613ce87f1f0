package io.cdmf.ipc.discovery.zookeeper;

import java.util.UUID;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * A real ZooKeeper server in the test JVM (Curator's {@link TestingServer}), and what the tests need around it.
 */
final class TestZooKeeper {

	/**
	 * The server's tick: sessions may last from one tick to 20 (10 s), and the server notices an expired session
	 * within about a tick.
	 */
	static final int TICK_MILLIS = 500;

	private TestZooKeeper() {
	}

	/**
	 * Starts a server on a free port with a fresh data directory, removed when it is closed.
	 * @return the running server
	 * @throws Exception if it cannot start
	 */
	static TestingServer start() throws Exception {
		// No fsync of the server's transaction log: on a busy CI disk it can take hundreds of milliseconds per write,
		// which would measure the disk rather than how fast a registry registers again. Read once, when ZooKeeper's
		// FileTxnLog class loads.
		System.setProperty("zookeeper.forceSync", "no");
		return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MILLIS, -1), true);
	}

	/**
	 * Returns a base path no other test uses.
	 * @return the path
	 */
	static String uniqueBasePath() {
		return "/test-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Starts a plain Curator client, for tests that look at or write nodes as someone else would.
	 * @param connectString the server
	 * @return the started, connected client
	 * @throws Exception if it cannot connect
	 */
	static CuratorFramework client(String connectString) throws Exception {
		CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, 10_000, 5_000,
				new RetryOneTime(100));
		client.start();
		if (!client.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)) {
			client.close();
			throw new IllegalStateException("no connection to " + connectString);
		}
		return client;
	}

	/**
	 * Returns the session that owns a node, or 0 if it is missing.
	 * @param client a client
	 * @param path the node
	 * @return the owner session
	 */
	static long owner(CuratorFramework client, String path) {
		try {
			@Nullable Stat stat = client.checkExists().forPath(path);
			return (stat != null) ? stat.getEphemeralOwner() : 0;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read " + path, ex);
		}
	}

	/**
	 * Returns the current session of a registry's client.
	 * @param discovery the registry
	 * @return its session id
	 */
	static long session(ZooKeeperDiscovery discovery) {
		try {
			return discovery.getClient().getZookeeperClient().getZooKeeper().getSessionId();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
