package io.cdmf.ipc.discovery.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.discovery.ServiceDiscovery.Watch;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server JVMs register service {@code Echo} in ZooKeeper ({@link DiscoveredEchoServerMain}); this JVM is the
 * client, calling it through {@link ServiceProxyFactory#createProxy} with nothing but the name and version. A session
 * expiry in a server JVM registers it again within 2 s, and ZooKeeper stopped under a continuous load makes no call
 * fail.
 */
@Timeout(120)
class ZooKeeperCrossProcessTests {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration WAIT = Duration.ofSeconds(15);

	/** Two callers pausing 2 ms between calls: several hundred calls a second. */
	private static final Duration PAUSE = Duration.ofMillis(2);

	private static TestingServer zooKeeper;

	private static CuratorFramework admin;

	private static TestEndpoints sockets;

	private static final String basePath = TestZooKeeper.uniqueBasePath();

	private static final List<Server> servers = new ArrayList<>();

	private static ZooKeeperDiscovery discovery;

	private static ServiceProxyFactory factory;

	private static ServiceProxy echo;

	@BeforeAll
	static void start() throws Exception {
		zooKeeper = TestZooKeeper.start();
		admin = TestZooKeeper.client(zooKeeper.getConnectString());
		sockets = new TestEndpoints();
		List<ForkedJvm> jvms = new ArrayList<>();
		for (String name : List.of("echo-a", "echo-b")) {
			jvms.add(ForkedJvm.start(DiscoveredEchoServerMain.class, zooKeeper.getConnectString(), basePath,
					sockets.path(name).toString()));
		}
		for (ForkedJvm jvm : jvms) {
			String[] ready = jvm.awaitLine("READY", STARTUP).split(" ");
			servers.add(new Server(jvm, ready[2], ready[3]));
		}
		discovery = ZooKeeperDiscovery.builder(zooKeeper.getConnectString()).basePath(basePath).build();
		factory = ServiceProxyFactory.builder(discovery)
			.channelConfig(service -> ChannelConfig.custom(service)
				.retryPolicy(RetryPolicy.ofDefaults())
				.idempotentMethods("echo"))
			.build();
		echo = factory.createProxy("Echo", "1.0");
		Await.until(() -> "both servers in the channel: " + echo.getChannel().getEndpoints(), WAIT,
				() -> echo.getChannel().getEndpoints().size() == 2);
	}

	@AfterAll
	static void stop() throws Exception {
		if (factory != null) {
			factory.close();
		}
		if (discovery != null) {
			discovery.close();
		}
		for (Server server : servers) {
			server.close();
		}
		if (admin != null) {
			admin.close();
		}
		if (sockets != null) {
			sockets.close();
		}
		if (zooKeeper != null) {
			zooKeeper.close();
		}
	}

	@Test
	void sessionExpiryInAServerJvmRegistersItAgainWithin2SecondsAndNoCallFails() throws Exception {
		Server server = servers.get(0);
		long oldSession = TestZooKeeper.owner(admin, server.path());
		assertThat(oldSession).isNotZero();
		try (CallLoad load = CallLoad.start(echo, 2, PAUSE)) {
			load.awaitMore(200, WAIT);

			assertThat(server.call("expire-session")).isEqualTo(Long.toHexString(oldSession));

			Duration registeredAgain = Await.until("registered by a new session", Duration.ofSeconds(2), () -> {
				long owner = TestZooKeeper.owner(admin, server.path());
				return owner != 0 && owner != oldSession;
			});
			System.out.println("Session expiry in server " + server.jvm.pid() + ": registered again in "
					+ registeredAgain.toMillis() + " ms");
			Await.until(() -> "both servers in the channel: " + echo.getChannel().getEndpoints(), WAIT,
					() -> echo.getChannel().getEndpoints().size() == 2);
			load.awaitMore(200, WAIT);
			assertThat(load.failed()).as("failed calls: %s", load.failures()).isZero();
		}
	}

	@Test
	void zooKeeperStoppedUnderLoadMakesNoCallFail() throws Exception {
		ListRecorder instances = new ListRecorder();
		Watch watch = discovery.watch("Echo", VersionRange.parse("1.0"), instances);
		long[] servedBefore = served();
		try (CallLoad load = CallLoad.start(echo, 2, PAUSE)) {
			load.awaitMore(200, WAIT);

			zooKeeper.stop();
			Await.until(() -> "registry down: " + discovery.health(), WAIT, () -> !discovery.health().up());
			long downStart = System.nanoTime();
			long callsAtStop = load.succeeded();
			load.awaitMore(2000, WAIT);
			long callsWhileDown = load.succeeded() - callsAtStop;
			Duration down = Duration.ofNanos(System.nanoTime() - downStart);
			assertThat(discovery.health().up()).isFalse();
			long[] servedWhileDown = served();
			zooKeeper.restart();

			Await.until(() -> "registry up: " + discovery.health(), WAIT, () -> discovery.health().up());
			for (Server server : servers) {
				Await.until("registered: " + server, WAIT, () -> TestZooKeeper.owner(admin, server.path()) != 0);
			}
			load.awaitMore(500, WAIT);
			System.out.println("ZooKeeper down for " + down.toMillis() + " ms under load: " + callsWhileDown
					+ " calls succeeded while it was down, " + load.succeeded() + " in all, " + load.failed()
					+ " failed");
			assertThat(load.failed()).as("failed calls: %s", load.failures()).isZero();
			for (int i = 0; i < servers.size(); i++) {
				assertThat(servedWhileDown[i]).as("calls served by %s while ZooKeeper was down", servers.get(i))
					.isGreaterThan(servedBefore[i]);
			}
		}
		finally {
			watch.close();
		}
		assertThat(instances.lists()).allSatisfy(list -> assertThat(list).hasSize(2));
		assertThat(echo.getChannel().getEndpoints()).hasSize(2);
	}

	private static long[] served() {
		long[] served = new long[servers.size()];
		for (int i = 0; i < served.length; i++) {
			served[i] = Long.parseLong(servers.get(i).call("served"));
		}
		return served;
	}

	/** A server JVM, its instance id, its endpoint and a proxy of the test's own to reach it directly. */
	private static final class Server implements AutoCloseable {

		final ForkedJvm jvm;

		final String instanceId;

		final String endpoint;

		private final ServiceProxy direct;

		Server(ForkedJvm jvm, String instanceId, String endpoint) {
			this.jvm = jvm;
			this.instanceId = instanceId;
			this.endpoint = endpoint;
			this.direct = new ServiceProxy(ProxyConfig.custom(endpoint).serviceName("control").build());
		}

		String path() {
			return basePath + "/services/Echo/" + ZooKeeperPaths.nodeName(this.instanceId);
		}

		String call(String method) {
			CallResult result = this.direct.call(method, new byte[0], Duration.ofSeconds(10));
			assertThat(result.isSuccess()).as("%s on %s: %s", method, this, result).isTrue();
			return new String(result.data(), StandardCharsets.UTF_8);
		}

		@Override
		public void close() {
			this.direct.close();
			this.jvm.close();
		}

		@Override
		public String toString() {
			return "server " + this.jvm.pid() + " (" + this.instanceId + ") on " + this.endpoint;
		}

	}

}
