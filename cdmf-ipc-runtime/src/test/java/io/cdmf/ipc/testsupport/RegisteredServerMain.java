package io.cdmf.ipc.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.embedded.EmbeddedDiscovery;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;

/**
 * A service in a second JVM that registers itself in an embedded registry. Arguments: registry directory, service
 * name, version, comma-separated endpoints. Methods: {@code echo} and {@code pid}. Prints
 * {@code READY <pid> <instance id>} once registered; on SIGTERM it deregisters, then stops (drains) the stub.
 */
public final class RegisteredServerMain {

	private RegisteredServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedDiscovery discovery = EmbeddedDiscovery.builder().directory(Path.of(args[0])).build();
		StubConfig.Builder config = StubConfig.custom(args[1])
			.version(args[2])
			.shutdownGracePeriod(Duration.ofSeconds(2));
		for (String endpoint : args[3].split(",")) {
			config.endpoint(endpoint);
		}
		ServiceStub stub = new ServiceStub(config.build());
		stub.registerMethod("echo", request -> request);
		stub.registerMethod("pid",
				request -> Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
		stub.start();
		ServiceDiscovery.Registration registration = discovery.register(ServiceEndpoint.forStub(stub).build());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			registration.close();
			stub.stop();
			discovery.close();
			stopped.countDown();
		}));
		System.out.println("READY " + ProcessHandle.current().pid() + " " + registration.getInstance().instanceId());
		stopped.await();
	}

}
