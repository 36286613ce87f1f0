package io.cdmf.ipc.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server of the soak ({@link SoakMain}), in its own JVM: a {@link ServiceStub} with default settings serving
 * {@code echo}, and {@code heap}, which collects garbage and answers the heap bytes still in use, so that the soak
 * can tell growth from garbage. Argument: the endpoint. Prints {@code READY <pid> <bound endpoint>}; ends when its
 * stdin closes (its soak JVM is gone) or on SIGTERM.
 *
 * @since 0.1.0
 */
public final class SoakServer {

	private static final Logger logger = LoggerFactory.getLogger(SoakServer.class);

	private SoakServer() {
	}

	/**
	 * Runs the server.
	 * @param args the endpoint
	 * @throws Exception if it cannot start
	 */
	public static void main(String[] args) throws Exception {
		ServiceStub stub = new ServiceStub(StubConfig.custom("soak")
			.endpoint(args[0])
			.shutdownGracePeriod(Duration.ofSeconds(2))
			.build());
		stub.registerMethod("echo", request -> request);
		stub.registerMethod("heap", request -> Long.toString(liveHeapBytes()).getBytes(StandardCharsets.UTF_8));
		stub.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stub.stop();
			stopped.countDown();
		}, "soak-server-stop"));
		Thread parentWatch = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// Nothing is sent; the read ends when the soak JVM closes the pipe or dies.
				}
			}
			catch (java.io.IOException ex) {
				logger.debug("stdin failed: the soak JVM is gone", ex);
			}
			System.exit(0);
		}, "soak-server-parent-watch");
		parentWatch.setDaemon(true);
		parentWatch.start();
		System.out.println("READY " + ProcessHandle.current().pid() + " " + stub.getBoundEndpoints().get(0));
		stopped.await();
	}

	/**
	 * Collects garbage and returns the heap bytes in use: the live heap, what a leak would grow.
	 * @return bytes
	 */
	static long liveHeapBytes() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
