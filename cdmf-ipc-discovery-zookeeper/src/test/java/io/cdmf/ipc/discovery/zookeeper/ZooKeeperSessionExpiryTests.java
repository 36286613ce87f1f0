package io.cdmf.ipc.discovery.zookeeper;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.testsupport.Await;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry whose ZooKeeper session expires registers its instances again with a new session, within 2 s of the
 * expiry when the client learns of it at once. While the server still holds the old session, its node is replaced in
 * one multi-operation, so that no watcher sees the instance missing ({@link ZooKeeperOutageTests} shows it for an
 * outage longer than the session timeout, where that is always so).
 */
@Timeout(60)
class ZooKeeperSessionExpiryTests {

	private static final Duration REREGISTRATION_GOAL = Duration.ofSeconds(2);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static TestingServer server;

	private static CuratorFramework admin;

	private final String basePath = TestZooKeeper.uniqueBasePath();

	private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

	@BeforeAll
	static void startServer() throws Exception {
		server = TestZooKeeper.start();
		admin = TestZooKeeper.client(server.getConnectString());
	}

	@AfterAll
	static void stopServer() throws Exception {
		admin.close();
		server.close();
	}

	@AfterEach
	void closeAll() throws Exception {
		while (!this.toClose.isEmpty()) {
			this.toClose.pop().close();
		}
	}

	/**
	 * {@link KillSession} expires the session in the client. Whether the server ends the old session at once depends
	 * on a race inside ZooKeeper's {@code injectSessionExpiration} (the closing handle may still send its close): if
	 * it does, the node goes with it and other registries see the instance missing until it is registered again, as
	 * they would after any real expiry; if it does not, the old node is replaced atomically and no registry sees a
	 * gap. This registry's own watchers never see one: they read only once its instances are registered again.
	 */
	@Test
	void injectedSessionExpiryRegistersTheInstanceAgainWithin2Seconds() throws Exception {
		// A short session, so that the server ends the old one within the test.
		ZooKeeperDiscovery service = discovery(Duration.ofSeconds(2));
		ZooKeeperDiscovery client = discovery(ZooKeeperDiscovery.DEFAULT_SESSION_TIMEOUT);
		service.register(instance("q1"));
		ListRecorder sameRegistry = watch(service);
		ListRecorder otherRegistry = watch(client);
		String path = this.basePath + "/services/Quotes/q1";
		long oldSession = TestZooKeeper.session(service);
		// A node of the old session alone: it goes when the server ends that session.
		String marker = this.basePath + "/old-session";
		service.getClient().create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(marker);

		KillSession.kill(service.getClient().getZookeeperClient().getZooKeeper());

		Duration registeredAgain = Await.until("q1 registered by a new session", REREGISTRATION_GOAL,
				() -> ownedByAnotherSession(path, oldSession));
		boolean serverKeptOldSession = TestZooKeeper.owner(admin, marker) != 0;
		System.out.println("Injected session expiry: registered again in " + registeredAgain.toMillis() + " ms; the "
				+ "server " + (serverKeptOldSession ? "kept the old session meanwhile"
						: "ended the old session at once"));
		assertThat(TestZooKeeper.owner(admin, path)).isEqualTo(TestZooKeeper.session(service));
		Await.until("the server ends the old session", WAIT, () -> TestZooKeeper.owner(admin, marker) == 0);
		assertThat(TestZooKeeper.owner(admin, path)).isEqualTo(TestZooKeeper.session(service));
		client.register(instance("q2"));
		sameRegistry.awaitIds(WAIT, "q1", "q2");
		otherRegistry.awaitIds(WAIT, "q1", "q2");
		assertThat(sameRegistry.idLists()).allSatisfy(ids -> assertThat(ids).contains("q1"));
		if (serverKeptOldSession) {
			assertThat(otherRegistry.idLists()).allSatisfy(ids -> assertThat(ids).contains("q1"));
		}
		assertThat(service.health().up()).isTrue();
	}

	/**
	 * A process cut off from ZooKeeper for longer than its session timeout, while the server goes on for the others:
	 * the server ends its session and the others see its instance gone (it may be dead, for all they know); it keeps
	 * its own lists meanwhile; once it is back, it registers again and the others see it again.
	 */
	@Test
	void processCutOffLongerThanItsSessionIsRemovedThenRegisteredAgainOnceBack() throws Exception {
		try (TcpProxy network = new TcpProxy(server.getPort())) {
			ZooKeeperDiscovery cutOff = ZooKeeperDiscovery.builder(network.connectString())
				.sessionTimeout(Duration.ofSeconds(2))
				.connectionTimeout(Duration.ofSeconds(1))
				.basePath(this.basePath)
				.build();
			this.toClose.push(cutOff);
			ZooKeeperDiscovery other = discovery(ZooKeeperDiscovery.DEFAULT_SESSION_TIMEOUT);
			cutOff.register(instance("q1"));
			other.register(instance("q2"));
			ListRecorder cutOffSees = watch(cutOff);
			ListRecorder otherSees = watch(other);
			cutOffSees.awaitIds(WAIT, "q1", "q2");
			otherSees.awaitIds(WAIT, "q1", "q2");

			network.cut();

			Duration removed = otherSees.awaitIds(WAIT, "q2");
			Await.until(() -> "cut-off registry lost its session: " + cutOff.health(), WAIT,
					() -> cutOff.health().detail().contains("LOST"));
			assertThat(cutOffSees.lastIds()).containsExactly("q1", "q2");
			assertThat(ListRecorder.ids(cutOff.find("Quotes", VersionRange.ANY))).containsExactly("q1", "q2");
			network.heal();
			Duration back = otherSees.awaitIds(WAIT, "q1", "q2");
			System.out.println("Cut off for longer than the session: removed for the others after "
					+ removed.toMillis() + " ms, registered again " + back.toMillis() + " ms after the network healed");
			assertThat(back).isLessThan(Duration.ofSeconds(3));
			Await.until(() -> "cut-off registry up: " + cutOff.health(), WAIT, () -> cutOff.health().up());
			assertThat(cutOffSees.idLists()).allSatisfy(ids -> assertThat(ids).contains("q1", "q2"));
		}
	}

	@Test
	void updateMadeBeforeAnExpiryIsWhatIsRegisteredAgain() throws Exception {
		ZooKeeperDiscovery service = discovery(Duration.ofSeconds(2));
		ZooKeeperDiscovery client = discovery(ZooKeeperDiscovery.DEFAULT_SESSION_TIMEOUT);
		var registration = service.register(instance("q1"));
		ListRecorder recorder = watch(client);
		registration.update(registration.getInstance().withHealthy(false));
		recorder.awaitLast("q1 unhealthy", WAIT, list -> list.size() == 1 && !list.get(0).healthy());
		long oldSession = TestZooKeeper.session(service);

		KillSession.kill(service.getClient().getZookeeperClient().getZooKeeper());

		String path = this.basePath + "/services/Quotes/q1";
		Await.until("q1 registered by a new session", REREGISTRATION_GOAL,
				() -> ownedByAnotherSession(path, oldSession));
		assertThat(client.find("Quotes", VersionRange.ANY)).containsExactly(registration.getInstance());
	}

	/**
	 * A session the server ends (as when a process was cut off for longer than its session timeout) takes the node
	 * with it at once, so other registries see the instance gone until its process reconnects; the client learns of
	 * the expiry only on that reconnect, which the ZooKeeper client spaces by up to 1 s, hence the looser bound.
	 */
	@Test
	void sessionEndedByTheServerRegistersTheInstanceAgain() throws Exception {
		ZooKeeperDiscovery service = discovery(ZooKeeperDiscovery.DEFAULT_SESSION_TIMEOUT);
		ZooKeeperDiscovery client = discovery(ZooKeeperDiscovery.DEFAULT_SESSION_TIMEOUT);
		service.register(instance("q1"));
		ListRecorder recorder = watch(client);
		String path = this.basePath + "/services/Quotes/q1";
		ZooKeeper zooKeeper = service.getClient().getZookeeperClient().getZooKeeper();
		long oldSession = zooKeeper.getSessionId();
		byte[] password = zooKeeper.getSessionPasswd();

		long start = 0;
		for (int attempt = 1; attempt <= 3 && TestZooKeeper.owner(admin, path) == oldSession; attempt++) {
			start = System.nanoTime();
			endSessionOnTheServer(oldSession, password);
			awaitAtMost(Duration.ofSeconds(3), () -> TestZooKeeper.owner(admin, path) != oldSession);
		}

		Await.until("q1 registered by a new session", Duration.ofSeconds(5),
				() -> ownedByAnotherSession(path, oldSession));
		System.out.println("Session ended by the server: registered again in "
				+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
		recorder.awaitIds(WAIT, "q1");
		assertThat(TestZooKeeper.owner(admin, path)).isEqualTo(TestZooKeeper.session(service));
	}

	/**
	 * Opens a second handle on a session, then closes it: the server ends the session and deletes its nodes. (If the
	 * session's own client reconnects in the few milliseconds between the two, it takes the session back and the
	 * session goes on; the caller tries again.)
	 */
	private static void endSessionOnTheServer(long session, byte[] password) throws Exception {
		CountDownLatch connected = new CountDownLatch(1);
		ZooKeeper twin = new ZooKeeper(server.getConnectString(), 10_000, event -> {
			if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
				connected.countDown();
			}
		}, session, password);
		try {
			assertThat(connected.await(10, TimeUnit.SECONDS)).as("second handle on the session connected").isTrue();
		}
		finally {
			twin.close();
		}
	}

	/** Waits until a condition holds or the time is up, whichever comes first. */
	private static void awaitAtMost(Duration timeout, java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
			java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	private static boolean ownedByAnotherSession(String path, long oldSession) {
		long owner = TestZooKeeper.owner(admin, path);
		return owner != 0 && owner != oldSession;
	}

	private ListRecorder watch(ZooKeeperDiscovery discovery) {
		ListRecorder recorder = new ListRecorder();
		this.toClose.push(discovery.watch("Quotes", VersionRange.ANY, recorder));
		return recorder;
	}

	private ZooKeeperDiscovery discovery(Duration sessionTimeout) {
		ZooKeeperDiscovery discovery = ZooKeeperDiscovery.builder(server.getConnectString())
			.sessionTimeout(sessionTimeout)
			.connectionTimeout(Duration.ofSeconds(1))
			.basePath(this.basePath)
			.build();
		this.toClose.push(discovery);
		return discovery;
	}

	private static ServiceEndpoint instance(String instanceId) {
		return ZooKeeperDiscoveryTests.instance("Quotes", instanceId, "1.0.0");
	}

}
