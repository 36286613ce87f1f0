package io.cdmf.ipc.testsupport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;

/**
 * One service listening on many endpoints, run in a second JVM: the server side of tests that open many channels.
 * Argument: the endpoints, comma-separated. Method {@code echo} returns the request, inline. Prints
 * {@code READY <pid>} once listening and stops on SIGTERM.
 */
public final class ManyEndpointsServerMain {

	private ManyEndpointsServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		StubConfig.Builder config = StubConfig.custom("ManyEndpoints")
			.inlineHandlers(true)
			.shutdownGracePeriod(Duration.ofSeconds(1));
		for (String endpoint : args[0].split(",")) {
			config.endpoint(endpoint);
		}
		ServiceStub stub = new ServiceStub(config.build());
		stub.registerMethod("echo", request -> request);
		stub.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stub.stop();
			stopped.countDown();
		}));
		System.out.println("READY " + ProcessHandle.current().pid());
		stopped.await();
	}

}
