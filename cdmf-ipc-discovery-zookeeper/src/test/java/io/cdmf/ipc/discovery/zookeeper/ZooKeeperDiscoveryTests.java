package io.cdmf.ipc.discovery.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.cdmf.ipc.discovery.ServiceDiscovery.Registration;
import io.cdmf.ipc.discovery.ServiceDiscovery.Watch;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.ServiceEndpointCodec;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.testsupport.Await;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZooKeeperDiscovery} against a real ZooKeeper server: registering, finding, watching, updating and
 * deregistering; version ranges; unreadable nodes; several registries on one ensemble.
 */
@Timeout(60)
class ZooKeeperDiscoveryTests {

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

	@Test
	void registeredInstanceIsAnEphemeralNodeHoldingItsEntry() throws Exception {
		ZooKeeperDiscovery discovery = discovery();
		ServiceEndpoint instance = instance("Quotes", "q1", "1.2.0");

		Registration registration = discovery.register(instance);

		String path = this.basePath + "/services/Quotes/q1";
		Stat stat = admin.checkExists().forPath(path);
		assertThat(stat).isNotNull();
		assertThat(stat.getEphemeralOwner()).isEqualTo(TestZooKeeper.session(discovery));
		assertThat(admin.getData().forPath(path)).isEqualTo(ServiceEndpointCodec.encode(instance));
		assertThat(registration.getInstance()).isEqualTo(instance);
		assertThat(discovery.find("Quotes", "1.2")).containsExactly(instance);
		assertThat(discovery.find("Other", VersionRange.ANY)).isEmpty();
		assertThat(discovery.getName()).isEqualTo("zookeeper:" + server.getConnectString() + this.basePath);
		assertThat(discovery.health().up()).isTrue();
		assertThat(discovery.health().detail()).contains("connected", "1 instance(s) registered here");

		registration.close();
		registration.close();
		assertThat(admin.checkExists().forPath(path)).isNull();
		assertThat(discovery.find("Quotes", VersionRange.ANY)).isEmpty();
	}

	@Test
	void watcherIsToldTheWholeListAtOnceAndAfterEachChange() {
		ZooKeeperDiscovery services = discovery();
		ZooKeeperDiscovery clients = discovery();
		Registration q1 = services.register(instance("Quotes", "q1", "1.0.0"));
		ListRecorder recorder = new ListRecorder();

		closeLater(clients.watch("Quotes", VersionRange.ANY, recorder));

		assertThat(recorder.idLists()).containsExactly(List.of("q1"));
		Registration q2 = services.register(instance("Quotes", "q2", "1.0.0"));
		recorder.awaitIds(WAIT, "q1", "q2");
		q2.update(q2.getInstance().withHealthy(false));
		recorder.awaitLast("q2 unhealthy", WAIT, list -> list.size() == 2 && !list.get(1).healthy());
		q1.close();
		recorder.awaitIds(WAIT, "q2");
		q2.close();
		recorder.awaitIds(WAIT);
		assertThat(recorder.idLists()).containsExactly(List.of("q1"), List.of("q1", "q2"), List.of("q1", "q2"),
				List.of("q2"), List.of());
	}

	@Test
	void versionRangesSelectInstancesAndWatchersAreToldOnlyOfTheirOwn() {
		ZooKeeperDiscovery discovery = discovery();
		for (String version : List.of("1.0.0", "1.0.7", "1.1.0", "2.0.0", "beta")) {
			discovery.register(instance("Calc", "calc-" + version, version));
		}
		ListRecorder onePointOne = new ListRecorder();
		closeLater(discovery.watch("Calc", VersionRange.parse("1.1"), onePointOne));

		assertThat(ids(discovery.find("Calc", "1.0"))).containsExactly("calc-1.0.0", "calc-1.0.7");
		assertThat(ids(discovery.find("Calc", "[1.0,2.0)"))).containsExactly("calc-1.0.0", "calc-1.0.7", "calc-1.1.0");
		assertThat(discovery.find("Calc", "*")).hasSize(5);
		assertThat(discovery.find("Calc", "3")).isEmpty();
		assertThat(onePointOne.idLists()).containsExactly(List.of("calc-1.1.0"));

		ListRecorder all = new ListRecorder();
		closeLater(discovery.watch("Calc", VersionRange.ANY, all));
		discovery.register(instance("Calc", "calc-2.1.0", "2.1.0"));
		all.awaitLast("six instances", WAIT, list -> list.size() == 6);
		assertThat(onePointOne.idLists()).containsExactly(List.of("calc-1.1.0"));
	}

	@Test
	void unreadableNodesAreSkippedLoggedOnceAndTheOthersListed() throws Exception {
		ZooKeeperDiscovery discovery = discovery();
		discovery.register(instance("Quotes", "good-1", "1.0.0"));
		String service = this.basePath + "/services/Quotes/";
		byte[] oversized = new byte[ServiceEndpointCodec.MAX_ENTRY_BYTES + 1];
		java.util.Arrays.fill(oversized, (byte) 'x');
		createNode(service + "garbage", new byte[] { (byte) 0xC3, 0x28, 0x00, (byte) 0xFF, '=', '\\' });
		createNode(service + "empty", new byte[0]);
		createNode(service + "oversized", oversized);
		createNode(service + "future", text("format=2\ninstance-id=future\nservice=Quotes\n"));
		createNode(service + "elsewhere", ServiceEndpointCodec.encode(instance("Other", "elsewhere", "1.0.0")));
		createNode(service + "misnamed", ServiceEndpointCodec.encode(instance("Quotes", "good-9", "1.0.0")));
		LogCapture log = LogCapture.start();
		try {
			ListRecorder recorder = new ListRecorder();
			closeLater(discovery.watch("Quotes", VersionRange.ANY, recorder));
			assertThat(recorder.lastIds()).containsExactly("good-1");
			assertThat(ids(discovery.find("Quotes", "1"))).containsExactly("good-1");

			discovery.register(instance("Quotes", "good-2", "1.0.0"));

			recorder.awaitIds(WAIT, "good-1", "good-2");
			assertThat(ids(discovery.find("Quotes", VersionRange.ANY))).containsExactly("good-1", "good-2");
			for (String node : List.of("garbage", "empty", "oversized", "future", "elsewhere", "misnamed")) {
				assertThat(log.warnings(service + node + " ")).as(node).hasSize(1);
			}
			assertThat(log.warnings(service + "future ").get(0)).contains("format 2");
			assertThat(log.warnings(service + "oversized ").get(0)).contains("more than the 65536 allowed");
		}
		finally {
			log.stop();
		}
	}

	@Test
	void twoRegistriesOnTwoClientsSeeEachOther() {
		ZooKeeperDiscovery first = discovery();
		ZooKeeperDiscovery second = discovery();
		ListRecorder firstSees = new ListRecorder();
		ListRecorder secondSees = new ListRecorder();
		closeLater(first.watch("Echo", VersionRange.ANY, firstSees));
		closeLater(second.watch("Echo", VersionRange.ANY, secondSees));
		assertThat(firstSees.idLists()).containsExactly(List.of());

		first.register(instance("Echo", "echo-a", "1.0.0"));
		second.register(instance("Echo", "echo-b", "1.0.0"));

		firstSees.awaitIds(WAIT, "echo-a", "echo-b");
		secondSees.awaitIds(WAIT, "echo-a", "echo-b");
		assertThat(ids(second.find("Echo", VersionRange.ANY))).containsExactly("echo-a", "echo-b");
		second.close();
		firstSees.awaitIds(WAIT, "echo-a");
	}

	@Test
	void namesThatAreNotNodeNamesAreEscaped() throws Exception {
		ZooKeeperDiscovery discovery = discovery();
		ServiceEndpoint odd = instance("billing/eu", "..", "1.0.0");
		ServiceEndpoint slashed = instance("billing/eu", "b@unix:///run/b.sock", "1.0.0");

		discovery.register(odd);
		discovery.register(slashed);

		assertThat(admin.getChildren().forPath(this.basePath + "/services/billing%2Feu"))
			.containsExactlyInAnyOrder("%2E%2E", "b@unix:%2F%2F%2Frun%2Fb.sock");
		assertThat(discovery.find("billing/eu", VersionRange.ANY)).containsExactly(odd, slashed);
	}

	@Test
	void nodeDeletedByAnotherClientIsCreatedAgain() throws Exception {
		ZooKeeperDiscovery discovery = discovery();
		discovery.register(instance("Quotes", "q1", "1.0.0"));
		String path = this.basePath + "/services/Quotes/q1";

		admin.delete().forPath(path);

		Await.until("node created again", WAIT, () -> TestZooKeeper.owner(admin, path) != 0);
		assertThat(TestZooKeeper.owner(admin, path)).isEqualTo(TestZooKeeper.session(discovery));
	}

	@Test
	void nodeLeftByAnotherSessionIsReplacedAtomicallyWhenTheInstanceRegisters() throws Exception {
		ZooKeeperDiscovery watching = discovery();
		String path = this.basePath + "/services/Quotes/q1";
		ServiceEndpoint earlier = instance("Quotes", "q1", "1.0.0");
		try (CuratorFramework earlierRun = TestZooKeeper.client(server.getConnectString())) {
			earlierRun.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
				.forPath(path, ServiceEndpointCodec.encode(earlier));
			ListRecorder recorder = new ListRecorder();
			closeLater(watching.watch("Quotes", VersionRange.ANY, recorder));
			assertThat(recorder.idLists()).containsExactly(List.of("q1"));
			ZooKeeperDiscovery restarted = discovery();
			ServiceEndpoint now = ServiceEndpoint.builder("Quotes").instanceId("q1").version("1.0.1")
				.endpoint("unix:///tmp/q1-restarted.sock").build();

			restarted.register(now);

			assertThat(TestZooKeeper.owner(admin, path)).isEqualTo(TestZooKeeper.session(restarted));
			recorder.awaitLast("the new entry", WAIT, list -> list.equals(List.of(now)));
			assertThat(recorder.lists()).allSatisfy(list -> assertThat(ids(list)).containsExactly("q1"));
		}
		// The earlier session's end takes nothing with it.
		assertThat(TestZooKeeper.owner(admin, path)).isNotZero();
	}

	@Test
	void sameInstanceIdTwiceInOneRegistryIsRefusedAndUpdatesKeepTheId() {
		ZooKeeperDiscovery discovery = discovery();
		Registration registration = discovery.register(instance("Quotes", "q1", "1.0.0"));

		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> discovery.register(instance("Quotes", "q1", "1.0.0")))
			.withMessageContaining("q1 is registered already");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> registration.update(instance("Quotes", "q2", "1.0.0")))
			.withMessageContaining("keep instance id q1");
		registration.close();
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> registration.update(instance("Quotes", "q1", "1.0.0")))
			.withMessageContaining("deregistered");
		discovery.register(instance("Quotes", "q1", "1.0.0"));
	}

	@Test
	void closedWatchIsNotToldAgainAndClosedRegistryRefusesUse() {
		ZooKeeperDiscovery services = discovery();
		ZooKeeperDiscovery clients = discovery();
		ListRecorder closedOne = new ListRecorder();
		ListRecorder open = new ListRecorder();
		Watch watch = clients.watch("Quotes", VersionRange.ANY, closedOne);
		closeLater(clients.watch("Quotes", VersionRange.ANY, open));

		watch.close();
		watch.close();
		services.register(instance("Quotes", "q1", "1.0.0"));

		open.awaitIds(WAIT, "q1");
		assertThat(closedOne.idLists()).containsExactly(List.of());
		clients.close();
		assertThat(clients.health().up()).isFalse();
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> clients.find("Quotes", VersionRange.ANY))
			.withMessageContaining("is closed");
	}

	@Test
	void registryOnAGivenClientLeavesTheClientOpen() throws Exception {
		try (CuratorFramework client = TestZooKeeper.client(server.getConnectString())) {
			ZooKeeperDiscovery discovery = ZooKeeperDiscovery.builder(client).basePath(this.basePath).build();
			discovery.register(instance("Quotes", "q1", "1.0.0"));
			assertThat(TestZooKeeper.owner(admin, this.basePath + "/services/Quotes/q1"))
				.isEqualTo(client.getZookeeperClient().getZooKeeper().getSessionId());

			discovery.close();

			assertThat(client.getState()).isEqualTo(org.apache.curator.framework.imps.CuratorFrameworkState.STARTED);
			assertThat(admin.checkExists().forPath(this.basePath + "/services/Quotes/q1")).isNull();
		}
	}

	private ZooKeeperDiscovery discovery() {
		ZooKeeperDiscovery discovery = ZooKeeperDiscovery.builder(server.getConnectString())
			.basePath(this.basePath)
			.build();
		return closeLater(discovery);
	}

	private <T extends AutoCloseable> T closeLater(T closeable) {
		this.toClose.push(closeable);
		return closeable;
	}

	private static void createNode(String path, byte[] data) throws Exception {
		admin.create().creatingParentContainersIfNeeded().forPath(path, data);
	}

	static ServiceEndpoint instance(String service, String instanceId, String version) {
		return ServiceEndpoint.builder(service)
			.instanceId(instanceId)
			.version(version)
			.endpoint("unix:///tmp/" + instanceId.replaceAll("[^A-Za-z0-9.-]", "_") + ".sock")
			.build();
	}

	private static List<String> ids(List<ServiceEndpoint> instances) {
		return ListRecorder.ids(instances);
	}

	private static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
