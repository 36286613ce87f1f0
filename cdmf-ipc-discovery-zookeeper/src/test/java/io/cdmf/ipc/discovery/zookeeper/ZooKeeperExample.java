package io.cdmf.ipc.discovery.zookeeper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.cdmf.ipc.discovery.ServiceDiscovery.Registration;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import org.apache.curator.test.TestingServer;

/**
 * The example of {@code docs/discovery-zookeeper.md}: a service registers itself in ZooKeeper, a client finds it by
 * name and version and calls it. With a connect string as argument it uses that ensemble; without, it starts a
 * ZooKeeper server of its own in this JVM (Curator's {@code TestingServer}).
 */
public final class ZooKeeperExample {

	private ZooKeeperExample() {
	}

	public static void main(String[] args) throws Exception {
		TestingServer ownServer = (args.length == 0) ? TestZooKeeper.start() : null;
		String connectString = (ownServer != null) ? ownServer.getConnectString() : args[0];
		Path socket = Files.createTempDirectory(Path.of("/tmp"), "zk-example-").resolve("greeter.sock");
		try {
			run(connectString, "unix://" + socket);
		}
		finally {
			Files.deleteIfExists(socket);
			Files.deleteIfExists(socket.getParent());
			if (ownServer != null) {
				ownServer.close();
			}
		}
	}

	static void run(String connectString, String endpoint) throws Exception {
		// The service: listens on a Unix socket and registers itself.
		ServiceStub stub = new ServiceStub(StubConfig.custom("Greeter").version("1.2.0").endpoint(endpoint).build());
		stub.registerMethod("greet", name -> ("hello, " + new String(name, StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8));
		stub.start();
		try (ZooKeeperDiscovery serviceSide = ZooKeeperDiscovery.builder(connectString)
				.sessionTimeout(Duration.ofSeconds(10))
				.basePath("/cdmf-ipc-example")
				.build()) {
			Registration registration = serviceSide.register(ServiceEndpoint.forStub(stub).build());
			System.out.println("registered " + registration.getInstance());

			// The client: knows the service's name and version, nothing else.
			try (ZooKeeperDiscovery clientSide = ZooKeeperDiscovery.builder(connectString)
					.basePath("/cdmf-ipc-example")
					.build();
					ServiceProxyFactory factory = ServiceProxyFactory.builder(clientSide).build()) {
				System.out.println("found " + clientSide.find("Greeter", VersionRange.parse("1.2")));
				ServiceProxy greeter = factory.createProxy("Greeter", "1.2");
				CallResult result = greeter.call("greet", "ZooKeeper".getBytes(StandardCharsets.UTF_8),
						Duration.ofSeconds(5));
				System.out.println("greet: " + (result.isSuccess() ? new String(result.data(), StandardCharsets.UTF_8)
						: result.errorCode() + " " + result.errorMessage()));
				System.out.println("health: " + clientSide.health());
			}
			registration.close();
		}
		finally {
			stub.stop();
		}
	}

}
