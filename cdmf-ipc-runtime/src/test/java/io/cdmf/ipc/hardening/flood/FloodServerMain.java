package io.cdmf.ipc.hardening.flood;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.rpc.StubStats;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportStats;

/**
 * The server a flood test attacks, run in a forked JVM. Argument: the endpoint. Prints
 * {@code READY <pid> <bound endpoint>} once listening and stops on SIGTERM.
 * <p>
 * Methods: {@code echo} returns the request; {@code stats} returns the counters of the stub's transport and of the
 * stub as {@link ServerStats#parse parseable} text, so that a test can check that every rejected frame was counted.
 */
public final class FloodServerMain {

	private FloodServerMain() {
	}

	/**
	 * Starts the server.
	 * @param args the endpoint
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		ServiceStub stub = new ServiceStub(StubConfig.custom("FloodService")
			.endpoint(args[0])
			.maxConcurrentRequests(10_000)
			.shutdownGracePeriod(Duration.ofSeconds(2))
			.build());
		stub.registerMethod("echo", request -> request);
		stub.registerMethod("stats", request -> stats(stub).getBytes(StandardCharsets.UTF_8));
		stub.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stub.stop();
			stopped.countDown();
		}));
		System.out.println("READY " + ProcessHandle.current().pid() + " " + String.join(",", stub.getBoundEndpoints()));
		stopped.await();
	}

	private static String stats(ServiceStub stub) {
		long rejected = 0;
		long received = 0;
		long opened = 0;
		long closed = 0;
		long active = 0;
		for (Transport transport : stub.getTransports()) {
			TransportStats stats = transport.getStats();
			rejected += stats.framesRejected();
			received += stats.messagesReceived();
			opened += stats.connectionsOpened();
			closed += stats.connectionsClosed();
			active += stats.activeConnections();
		}
		StubStats stubStats = stub.getStats();
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.findFirst()
			.orElseThrow();
		return "framesRejected=" + rejected + " messagesReceived=" + received + " connectionsOpened=" + opened
				+ " connectionsClosed=" + closed + " activeConnections=" + active + " requests=" + stubStats.requests()
				+ " requestsRejected=" + stubStats.rejected() + " heapCommitted=" + heap.getCommitted() + " heapUsed="
				+ heap.getUsed() + " directUsed=" + direct.getMemoryUsed() + " directBuffers=" + direct.getCount();
	}

}
