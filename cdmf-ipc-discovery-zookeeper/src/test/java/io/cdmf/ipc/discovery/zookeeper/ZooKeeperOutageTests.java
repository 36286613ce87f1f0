package io.cdmf.ipc.discovery.zookeeper;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.discovery.ServiceDiscovery.Registration;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.testsupport.Await;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * ZooKeeper stopped and started again under running registries: watchers keep their lists and are told nothing
 * while it is down (above all no empty list), {@code find} answers from the last list, writes fail with
 * {@code UNAVAILABLE}, health is down; once it is back, health is up, registrations are there (registered again if
 * their session expired meanwhile) and the lists follow the registry again.
 */
@Timeout(90)
class ZooKeeperOutageTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final String basePath = TestZooKeeper.uniqueBasePath();

	private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

	private TestingServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = TestZooKeeper.start();
	}

	@AfterEach
	void closeAll() throws Exception {
		while (!this.toClose.isEmpty()) {
			this.toClose.pop().close();
		}
		this.server.close();
	}

	@Test
	void watchersKeepTheirListsWhileZooKeeperIsDownAndFollowItOnceItIsBack() throws Exception {
		ZooKeeperDiscovery first = discovery(ZooKeeperDiscovery.DEFAULT_SESSION_TIMEOUT);
		ZooKeeperDiscovery second = discovery(ZooKeeperDiscovery.DEFAULT_SESSION_TIMEOUT);
		ZooKeeperDiscovery client = discovery(ZooKeeperDiscovery.DEFAULT_SESSION_TIMEOUT);
		first.register(instance("q-a"));
		Registration secondInstance = second.register(instance("q-b"));
		ListRecorder recorder = watch(client, "Quotes");
		recorder.awaitIds(WAIT, "q-a", "q-b");
		int toldBefore = recorder.count();
		String connectString = this.server.getConnectString();

		this.server.stop();

		for (ZooKeeperDiscovery discovery : List.of(first, second, client)) {
			Await.until(() -> "health down, suspended; " + discovery.health(), WAIT,
					() -> discovery.health().detail().contains("SUSPENDED"));
		}
		assertThat(client.health().up()).isFalse();
		assertThat(client.health().detail()).contains(connectString);
		assertThat(ListRecorder.ids(client.find("Quotes", VersionRange.ANY))).containsExactly("q-a", "q-b");
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> client.find("Unknown", VersionRange.ANY))
			.satisfies(ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE))
			.withMessageContaining(connectString);
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> first.register(instance("q-c")))
			.satisfies(ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE))
			.withMessageContaining(connectString);
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> secondInstance.update(secondInstance.getInstance().withHealthy(false)))
			.withMessageContaining("writes it once ZooKeeper is reached again");
		ListRecorder lateWatch = watch(client, "Quotes");
		ListRecorder unknownWatch = watch(client, "Unknown");
		assertThat(lateWatch.idLists()).containsExactly(List.of("q-a", "q-b"));
		assertThat(unknownWatch.count()).isZero();
		assertThat(recorder.count()).isEqualTo(toldBefore);

		this.server.restart();

		for (ZooKeeperDiscovery discovery : List.of(first, second, client)) {
			Await.until(() -> "health up; " + discovery.health(), WAIT, () -> discovery.health().up());
		}
		recorder.awaitLast("q-b's update written after the outage", WAIT,
				list -> ListRecorder.ids(list).equals(List.of("q-a", "q-b")) && !list.get(1).healthy());
		unknownWatch.awaitIds(WAIT);
		first.register(instance("q-c"));
		recorder.awaitIds(WAIT, "q-a", "q-b", "q-c");
		lateWatch.awaitIds(WAIT, "q-a", "q-b", "q-c");
		assertThat(recorder.idLists()).allSatisfy(ids -> assertThat(ids).contains("q-a", "q-b"));
	}

	@Test
	void outageLongerThanTheSessionTimeoutRegistersEveryInstanceAgain() throws Exception {
		Duration session = Duration.ofSeconds(2);
		ZooKeeperDiscovery service = discovery(session);
		ZooKeeperDiscovery client = discovery(session);
		service.register(instance("q-a"));
		ListRecorder recorder = watch(client, "Quotes");
		recorder.awaitIds(WAIT, "q-a");
		long oldSession = TestZooKeeper.session(service);
		// A node of the old session alone: it goes when the restarted server ends that session.
		String marker = this.basePath + "/old-session";
		service.getClient().create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(marker);

		this.server.stop();
		for (ZooKeeperDiscovery discovery : List.of(service, client)) {
			Await.until(() -> "session lost; " + discovery.health(), WAIT,
					() -> discovery.health().detail().contains("LOST"));
		}
		this.server.restart();

		try (CuratorFramework admin = TestZooKeeper.client(this.server.getConnectString())) {
			String path = this.basePath + "/services/Quotes/q-a";
			Duration registeredAgain = Await.until("q-a registered by a new session", WAIT, () -> {
				long owner = TestZooKeeper.owner(admin, path);
				return owner != 0 && owner != oldSession;
			});
			System.out.println("Outage past the session timeout: registered again " + registeredAgain.toMillis()
					+ " ms after the restart");
			Await.until("the restarted server ends the old session", WAIT,
					() -> TestZooKeeper.owner(admin, marker) == 0);
			assertThat(TestZooKeeper.owner(admin, path)).isEqualTo(TestZooKeeper.session(service));
		}
		assertThat(service.health().up()).isTrue();
		service.register(instance("q-b"));
		recorder.awaitIds(WAIT, "q-a", "q-b");
		assertThat(recorder.idLists()).allSatisfy(ids -> assertThat(ids).contains("q-a"));
	}

	private ListRecorder watch(ZooKeeperDiscovery discovery, String service) {
		ListRecorder recorder = new ListRecorder();
		this.toClose.push(discovery.watch(service, VersionRange.ANY, recorder));
		return recorder;
	}

	private ZooKeeperDiscovery discovery(Duration sessionTimeout) {
		ZooKeeperDiscovery discovery = ZooKeeperDiscovery.builder(this.server.getConnectString())
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
