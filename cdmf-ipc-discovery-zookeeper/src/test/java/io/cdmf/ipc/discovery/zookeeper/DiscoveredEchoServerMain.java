package io.cdmf.ipc.discovery.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.discovery.ServiceDiscovery.Registration;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import org.apache.curator.test.KillSession;

/**
 * A service run in its own JVM by {@link ZooKeeperCrossProcessTests}: service {@code Echo} 1.0.0 on a Unix socket,
 * registered in ZooKeeper. Arguments: connect string, base path, socket path. Prints
 * {@code READY <pid> <instance id> <endpoint>} once registered, and stops on SIGTERM (deregistering first).
 * <p>
 * Methods: {@code echo} returns the request (idempotent); {@code served} returns how many {@code echo} calls it
 * answered; {@code expire-session} expires its registry's ZooKeeper session in the client, as
 * {@link KillSession} does, and returns the old session id in hex.
 */
public final class DiscoveredEchoServerMain {

	private DiscoveredEchoServerMain() {
	}

	public static void main(String[] args) throws Exception {
		String connectString = args[0];
		String basePath = args[1];
		String socket = args[2];
		ServiceStub stub = new ServiceStub(StubConfig.custom("Echo")
			.version("1.0.0")
			.endpoint("unix://" + socket)
			.shutdownGracePeriod(Duration.ofSeconds(2))
			.build());
		AtomicLong served = new AtomicLong();
		stub.registerMethod("echo", request -> {
			served.incrementAndGet();
			return request;
		});
		stub.registerMethod("served", request -> bytes(Long.toString(served.get())));
		ZooKeeperDiscovery discovery = ZooKeeperDiscovery.builder(connectString).basePath(basePath).build();
		stub.registerMethod("expire-session", request -> {
			long session = discovery.getClient().getZookeeperClient().getZooKeeper().getSessionId();
			KillSession.kill(discovery.getClient().getZookeeperClient().getZooKeeper());
			return bytes(Long.toHexString(session));
		});
		stub.start();
		Registration registration = discovery.register(ServiceEndpoint.forStub(stub).build());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			registration.close();
			discovery.close();
			stub.stop();
			stopped.countDown();
		}));
		System.out.println("READY " + ProcessHandle.current().pid() + " " + registration.getInstance().instanceId()
				+ " " + stub.getBoundEndpoints().get(0));
		stopped.await();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
