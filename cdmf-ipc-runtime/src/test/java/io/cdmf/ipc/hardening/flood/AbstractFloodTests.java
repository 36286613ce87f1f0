package io.cdmf.ipc.hardening.flood;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Floods a server in another JVM ({@link FloodServerMain}) with bad frames from many connections while well-behaved
 * callers call it, then holds the server to what it promises: it lives; every good call was answered with its own
 * payload; its rejected-frame counter went up by exactly what the {@link FrameOracle} predicts for the bytes sent;
 * its threads and file descriptors come back to their baseline (within {@link #THREAD_SLACK} and
 * {@link #FD_SLACK}; handler threads, made per request running at once, are held to {@link #MAX_HANDLER_THREADS});
 * its resident memory stays under {@link #RSS_BOUND_MIB} (the server runs with {@code -Xmx256m}) and its direct
 * buffers under {@link #DIRECT_BOUND_MIB} once the flood is over. Subclasses pick the transport and how a round of
 * flooding reaches it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractFloodTests {

	/** How long the flood lasts. */
	static final Duration FLOOD = Duration.ofSeconds(5);

	/** Threads that flood at once, each with its own connections. */
	static final int FLOOD_THREADS = 3;

	/** Well-behaved callers during the flood. */
	static final int GOOD_CALLERS = 2;

	/** Threads other than handler threads the server may keep above its baseline after the flood. */
	static final int THREAD_SLACK = 2;

	/** The names of the stub's handler threads, as {@code /proc} keeps them (15 characters). */
	static final String HANDLER_THREADS = "cdmf-stub-";

	/**
	 * Handler threads the server may have after the flood. The stub's pool makes one per request running at once,
	 * up to its concurrency limit, and lets each go after 60 s idle, longer than the test waits; the flood's pipelined
	 * requests took it to 17 to 50 threads here (2 CPUs).
	 */
	static final int MAX_HANDLER_THREADS = 128;

	/** File descriptors the server may keep above its baseline after the flood. */
	static final int FD_SLACK = 4;

	/**
	 * Resident memory the server must stay under: its heap at the {@code -Xmx256m} cap plus 128 MiB for the rest of
	 * the JVM (metaspace, code, thread stacks, direct buffers). Closed connections that kept their direct buffers
	 * until a GC took a {@code unix://} server to 391 MiB in five seconds.
	 */
	static final long RSS_BOUND_MIB = 384;

	/**
	 * Direct buffer memory the server may hold after the flood, connections closed: the read buffers of a burst of
	 * 1,024 connections (its connection limit, 32 KiB each) until a GC, of which 8 MiB are kept for new connections.
	 */
	static final long DIRECT_BOUND_MIB = 48;

	private static final Logger logger = LoggerFactory.getLogger(AbstractFloodTests.class);

	private static final Duration SETTLE = Duration.ofSeconds(20);

	/** Unique socket paths, removed at the end. */
	protected final TestEndpoints endpoints = new TestEndpoints();

	private ForkedJvm server;

	private String endpoint;

	private ProcessProbe probe;

	private ServiceProxy proxy;

	private ServiceProxy control;

	private volatile long rejectedBaseline;

	/**
	 * Returns the endpoint the server binds.
	 * @return a unique socket path, or a loopback address with port 0
	 */
	abstract String serverEndpoint();

	/**
	 * Sends one round of the flood: what one connection (or one sending socket) sends before it closes, added to
	 * the tally.
	 * @param endpoint the server's bound endpoint
	 * @param frames the bad frames of this flooding thread
	 * @param tally what was sent and what the server must count
	 * @throws Exception on I/O failure other than the server closing a connection it rejected
	 */
	abstract void floodRound(String endpoint, FloodFrames frames, FloodTally tally) throws Exception;

	/**
	 * Returns whether each round is exactly one connection the server counts as opened and closed.
	 * @return {@code true} for stream transports
	 */
	boolean roundIsOneConnection() {
		return false;
	}

	/**
	 * Runs before the timed flood; stream transports hold many connections open at once here.
	 * @param endpoint the server's bound endpoint
	 * @param frames bad frames
	 * @param tally what was sent
	 * @throws Exception on I/O failure
	 */
	void burst(String endpoint, FloodFrames frames, FloodTally tally) throws Exception {
	}

	@BeforeAll
	void startServer() {
		this.server = ForkedJvm.start(FloodServerMain.class, serverEndpoint());
		String[] ready = this.server.awaitLine("READY", Duration.ofSeconds(30)).split(" ");
		this.endpoint = ready[2];
		this.probe = new ProcessProbe(Long.parseLong(ready[1]));
		this.proxy = new ServiceProxy(ProxyConfig.custom(this.endpoint).serviceName("FloodService").build());
		this.control = new ServiceProxy(ProxyConfig.custom(this.endpoint).serviceName("FloodService").build());
	}

	@AfterAll
	void stopServer() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.control != null) {
			this.control.close();
		}
		if (this.server != null) {
			this.server.close();
		}
		this.endpoints.close();
	}

	@Test
	@Timeout(60)
	void shouldServeEveryGoodCallAndCountEveryRejectedFrameWhileFlooded() throws Exception {
		warmUp();
		int baseThreads = this.probe.threads();
		int baseOtherThreads = otherThreads();
		int baseFds = this.probe.fds();
		long baseRss = this.probe.rssKib();
		String baseNames = this.probe.threadNames().toString();
		ServerStats before = stats();
		this.rejectedBaseline = before.framesRejected();
		FloodTally tally = new FloodTally();
		Sampler sampler = new Sampler(this.probe);
		long start = System.nanoTime();
		long good;
		List<String> errors;
		try (GoodCallers callers = new GoodCallers(this.proxy, GOOD_CALLERS)) {
			burst(this.endpoint, new FloodFrames(ThreadLocalRandom.current().nextLong()), tally);
			runFlood(tally);
			callers.close();
			good = callers.good();
			errors = callers.errors();
		}
		finally {
			sampler.close();
		}
		long floodMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(this.server.isAlive()).as("server alive after the flood").isTrue();
		assertThat(errors).as("good calls that failed").isEmpty();
		assertThat(good).as("good calls answered").isGreaterThan(100);
		AtomicReference<ServerStats> after = new AtomicReference<>();
		Await.until(() -> "rejections counted: " + after.get() + ", expected " + tally.expectedRejected()
				+ " more than " + before, SETTLE, () -> {
					after.set(stats());
					return after.get().framesRejected() - before.framesRejected() >= tally.expectedRejected()
							&& (!roundIsOneConnection()
									|| after.get().activeConnections() <= before.activeConnections());
				});
		ServerStats counted = stats();
		assertThat(counted.framesRejected() - before.framesRejected()).as("frames rejected, %s", tally)
			.isEqualTo(tally.expectedRejected());
		// The good calls, the valid frames among the flood and the stats calls were all delivered.
		assertThat(counted.messagesReceived() - before.messagesReceived()).as("messages received")
			.isGreaterThanOrEqualTo(good + tally.expectedMessages());
		if (roundIsOneConnection()) {
			assertThat(counted.connectionsOpened() - before.connectionsOpened()).as("connections opened")
				.isEqualTo(tally.connections());
			assertThat(counted.connectionsClosed() - before.connectionsClosed()).as("connections closed")
				.isEqualTo(tally.connections());
		}
		// Handler threads are made per request running at once (the flood pipelines requests) and idle out after
		// 60 s, longer than this test waits: they are held to a bound; every other thread must go.
		Duration settled = Await.until(() -> "threads and descriptors back to baseline " + baseThreads + "/" + baseFds
				+ " (" + baseNames + "): " + this.probe.describe(), SETTLE,
				() -> otherThreads() <= baseOtherThreads + THREAD_SLACK && this.probe.fds() <= baseFds + FD_SLACK);
		logger.info("Flooded {} for {} ms: {} inputs ({} KiB) on {} connections, {} rejected (counted {}), "
				+ "{} valid among them; {} good calls, 0 errors; threads {} -> peak {} -> {} ({} handler threads), "
				+ "fds {} -> peak {} -> {} (back in {} ms); RSS {} -> peak {} MiB", this.endpoint, floodMillis,
				tally.inputs(), tally.bytes() / 1024, tally.connections(), tally.expectedRejected(),
				counted.framesRejected() - before.framesRejected(), tally.expectedMessages(), good, baseThreads,
				sampler.maxThreads(), this.probe.threads(), this.probe.threads(HANDLER_THREADS), baseFds,
				sampler.maxFds(), this.probe.fds(), settled.toMillis(), baseRss / 1024, sampler.maxRssKib() / 1024);
		logger.info("Server memory before the flood: {}; after: {}", before, counted);
		assertThat(this.probe.threads(HANDLER_THREADS)).as("handler threads").isLessThanOrEqualTo(MAX_HANDLER_THREADS);
		assertThat(sampler.maxRssKib()).as("peak resident memory in KiB").isLessThan(RSS_BOUND_MIB * 1024);
		assertThat(counted.directUsed()).as("direct buffer bytes after the flood")
			.isLessThan(DIRECT_BOUND_MIB * 1024 * 1024);
		assertThat(this.server.isAlive()).isTrue();
	}

	private int otherThreads() {
		return this.probe.threads() - this.probe.threads(HANDLER_THREADS);
	}

	/**
	 * Calls the server from as many threads as the flood will, so that threads it makes on demand exist before the
	 * baseline is taken.
	 */
	private void warmUp() {
		try (GoodCallers callers = new GoodCallers(this.proxy, GOOD_CALLERS + FLOOD_THREADS + 2)) {
			Await.until("warm-up calls", Duration.ofSeconds(20), () -> callers.good() >= 2000);
			callers.close();
			assertThat(callers.errors()).isEmpty();
		}
	}

	private void runFlood(FloodTally tally) throws Exception {
		long deadline = System.nanoTime() + FLOOD.toNanos();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < FLOOD_THREADS; t++) {
			long seed = ThreadLocalRandom.current().nextLong();
			Thread thread = new Thread(() -> {
				logger.info("Flood thread seed {}", seed);
				FloodFrames frames = new FloodFrames(seed);
				try {
					while (System.nanoTime() - deadline < 0 && failure.get() == null) {
						floodRound(this.endpoint, frames, tally);
					}
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, new AssertionError("flood thread with seed " + seed + " failed", ex));
				}
			}, "flood-" + t);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (failure.get() != null) {
			throw new AssertionError(failure.get());
		}
	}

	/**
	 * Returns the server's counters, from its {@code stats} method.
	 * @return the counters
	 */
	protected ServerStats stats() {
		CallResult result = this.control.call("stats", new byte[0], Duration.ofSeconds(10));
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		return ServerStats.parse(new String(result.data(), StandardCharsets.UTF_8));
	}

	/**
	 * Waits until the server has counted every rejection the flood's tally expects so far: datagram floods pace
	 * themselves with it, so that no datagram is lost to a full receive buffer and each can be counted.
	 * @param tally the flood's tally
	 */
	protected void awaitCounted(FloodTally tally) {
		long expected = tally.expectedRejected();
		AtomicLong seen = new AtomicLong();
		Await.until(() -> "server counted " + seen.get() + " of " + expected + " rejections", SETTLE, () -> {
			seen.set(stats().framesRejected() - this.rejectedBaseline);
			return seen.get() >= expected;
		});
	}

	/**
	 * Samples the server's resident memory, threads and descriptors every 50 ms on its own thread.
	 */
	private static final class Sampler implements AutoCloseable {

		private final AtomicLong maxRss = new AtomicLong();

		private final AtomicLong maxThreads = new AtomicLong();

		private final AtomicLong maxFds = new AtomicLong();

		private final Thread thread;

		private volatile boolean running = true;

		Sampler(ProcessProbe probe) {
			this.thread = new Thread(() -> {
				while (this.running) {
					this.maxRss.accumulateAndGet(probe.rssKib(), Math::max);
					this.maxThreads.accumulateAndGet(probe.threads(), Math::max);
					this.maxFds.accumulateAndGet(probe.fds(), Math::max);
					LockSupport.parkNanos(50_000_000L);
				}
			}, "flood-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		long maxRssKib() {
			return this.maxRss.get();
		}

		long maxThreads() {
			return this.maxThreads.get();
		}

		long maxFds() {
			return this.maxFds.get();
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join();
		}

	}

}
