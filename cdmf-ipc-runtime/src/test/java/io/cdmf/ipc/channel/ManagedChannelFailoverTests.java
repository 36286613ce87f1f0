package io.cdmf.ipc.channel;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.cdmf.ipc.channel.ChannelCalls.awaitAllReady;
import static io.cdmf.ipc.channel.ChannelCalls.bytes;
import static io.cdmf.ipc.channel.ChannelCalls.pid;
import static io.cdmf.ipc.channel.ChannelCalls.stats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@link ManagedChannel} does when a server dies, hangs or cannot be reached, across processes: two servers
 * that stay, and for each test a server of its own to kill or stop, each in its own JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagedChannelFailoverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HealthConfig FAST_RECONNECT = HealthConfig.custom()
		.reconnectInitialBackoff(Duration.ofMillis(20))
		.reconnectMaxBackoff(Duration.ofMillis(50))
		.build();

	private static final RetryPolicy RETRY = RetryPolicy.custom()
		.maxAttempts(4)
		.initialBackoff(Duration.ofMillis(10))
		.maxBackoff(Duration.ofMillis(50))
		.build();

	private final TestEndpoints endpoints = new TestEndpoints();

	private final ShmTestDirectory shm = new ShmTestDirectory();

	private final List<ForkedServer> servers = new ArrayList<>();

	private ForkedServer s1;

	private ForkedServer s2;

	private ForkedServer killedUnix;

	private ForkedServer killedShm;

	private ForkedServer killedMidCall;

	private ForkedServer hung;

	private ForkedServer killedBreaker;

	@BeforeAll
	void startServers() {
		this.servers.addAll(ForkedServer.start(this.endpoints.endpoint("unix", "s1"),
				this.endpoints.endpoint("unix", "s2"), this.endpoints.endpoint("unix", "killed"),
				this.shm.endpoint("killed"), this.endpoints.endpoint("unix", "mid-call"),
				this.endpoints.endpoint("unix", "hung"), this.endpoints.endpoint("unix", "killed-breaker")));
		this.s1 = this.servers.get(0);
		this.s2 = this.servers.get(1);
		this.killedUnix = this.servers.get(2);
		this.killedShm = this.servers.get(3);
		this.killedMidCall = this.servers.get(4);
		this.hung = this.servers.get(5);
		this.killedBreaker = this.servers.get(6);
	}

	@AfterAll
	void stopServers() {
		this.servers.forEach(ForkedServer::close);
		this.endpoints.close();
		this.shm.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix", "shm" })
	void whenAServerIsKilledUnderLoadThenNoIdempotentCallFailsAndItLeavesRotationWithinASecond(String scheme)
			throws Exception {
		ForkedServer victim = scheme.equals("shm") ? this.killedShm : this.killedUnix;
		CallOptions idempotent = CallOptions.custom().idempotent(true).timeout(Duration.ofSeconds(2)).build();
		try (ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("TestService")
			.endpoint(this.s1.channelEndpoint())
			.endpoint(this.s2.channelEndpoint())
			.endpoint(victim.channelEndpoint())
			.loadBalancer(LoadBalancer.named(LoadBalancer.ROUND_ROBIN))
			.retryPolicy(RETRY)
			// The service's breaker counts failed attempts, even those a retry recovers: the burst a kill fails
			// could open it although every call succeeds. Failover alone is under test here.
			.circuitBreaker(false)
			.health(FAST_RECONNECT)
			.build()); Load load = new Load(6, () -> channel.call("serve", ByteBuffer.allocate(0), idempotent))) {
			awaitAllReady(channel);
			load.start();
			Await.until("the victim serves calls", TIMEOUT, () -> load.answeredBy(victim) >= 100);

			long killed = System.nanoTime();
			victim.jvm().kill();
			Await.until("the killed endpoint out of rotation", TIMEOUT,
					() -> stats(channel, victim).state() != SubchannelState.READY);
			long outMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
			long afterOut = load.calls();
			Await.until("100 more calls", TIMEOUT, () -> load.calls() >= afterOut + 100);
			long picksOnceOut = stats(channel, victim).picks();
			Await.until("300 more calls", TIMEOUT, () -> load.calls() >= afterOut + 400);
			load.stop();

			assertThat(load.failures()).as("failed calls").isEmpty();
			assertThat(outMillis).as("ms from kill -9 to out of rotation").isLessThan(1_000);
			assertThat(stats(channel, victim).state()).isNotEqualTo(SubchannelState.READY);
			assertThat(stats(channel, victim).picks()).as("calls sent to the killed endpoint once out")
				.isEqualTo(picksOnceOut);
			assertThat(load.answeredBy(this.s1) + load.answeredBy(this.s2)).isGreaterThan(400);
		}
	}

	@Test
	void whenANonIdempotentCallMayHaveRunOnAKilledServerThenItIsNotSentElsewhere() throws Exception {
		String syncKey = "slow20000-sync-" + ThreadLocalRandom.current().nextInt(1 << 30);
		String asyncKey = "slow20000-async-" + ThreadLocalRandom.current().nextInt(1 << 30);
		// Pick-first sends every call to the victim while it is up, and would send a repeat to s1 once it is gone.
		try (ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("TestService")
			.endpoint(this.killedMidCall.channelEndpoint())
			.endpoint(this.s1.channelEndpoint())
			.endpoint(this.s2.channelEndpoint())
			.loadBalancer(LoadBalancer.named(LoadBalancer.PICK_FIRST))
			.retryPolicy(RETRY)
			.health(FAST_RECONNECT)
			.build())) {
			// Connected first: while the primary still connects, a call's pick would connect the next endpoint.
			channel.connect();
			assertThat(stats(channel, this.killedMidCall).state()).isEqualTo(SubchannelState.READY);
			CallOptions options = CallOptions.timeout(Duration.ofSeconds(30));
			CompletableFuture<CallResult> sync = CompletableFuture
				.supplyAsync(() -> channel.call("count", ByteBuffer.wrap(bytes(syncKey)), options));
			CompletableFuture<CallResult> async = channel.callAsync("count", bytes(asyncKey), Duration.ofSeconds(30));
			this.killedMidCall.jvm().awaitLine("COUNTING " + syncKey, TIMEOUT);
			this.killedMidCall.jvm().awaitLine("COUNTING " + asyncKey, TIMEOUT);

			this.killedMidCall.jvm().kill();

			for (CallResult result : List.of(sync.get(10, TimeUnit.SECONDS), async.get(10, TimeUnit.SECONDS))) {
				assertThat(result.errorCode()).as(result.toString()).isEqualTo(ErrorCode.UNAVAILABLE);
				assertThat(result.errorMessage()).contains("may have run");
				assertThat(result.isKnownNotRun()).isFalse();
			}
			assertThat(channel.getCallStats().retries()).isZero();
			for (ForkedServer other : List.of(this.s1, this.s2)) {
				assertThat(other.counted(syncKey)).as("runs on %s", other).isZero();
				assertThat(other.counted(asyncKey)).as("runs on %s", other).isZero();
			}
		}
	}

	@Test
	void whenNoEndpointTookTheRequestThenANonIdempotentCallIsRetriedElsewhereAndRunsOnce() throws IOException {
		// One endpoint refuses connections (a socket file nobody listens on); the other's socket is not there yet
		// and appears (a link to s1's socket) when the channel decides to retry.
		Path refusing = this.endpoints.path("refusing");
		try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			listener.bind(UnixDomainSocketAddress.of(refusing));
		}
		Path later = this.endpoints.path("later");
		Path s1Socket = Path.of(this.s1.endpoint().substring("unix://".length()));
		String key = "once-" + ThreadLocalRandom.current().nextInt(1 << 30);
		try (ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("TestService")
			.endpoints("unix://" + refusing + ",unix://" + later)
			.retryPolicy(RetryPolicy.from(RETRY).initialBackoff(Duration.ofMillis(50)).build())
			.health(FAST_RECONNECT)
			.build())) {
			List<String> retried = new CopyOnWriteArrayList<>();
			channel.getRetry().getEventPublisher().onRetry(event -> {
				retried.add(String.valueOf(event.getLastThrowable()));
				try {
					Files.createSymbolicLink(later, s1Socket);
				}
				catch (IOException ex) {
					// Linked by an earlier retry.
				}
			});

			CallResult result = channel.call("count", bytes(key), Duration.ofSeconds(5));

			assertThat(result.isSuccess()).as(result.toString()).isTrue();
			assertThat(retried).isNotEmpty()
				.allMatch(failure -> failure.contains("no endpoint of TestService is available"));
			assertThat(this.s1.counted(key)).isEqualTo(1);
			assertThat(stats(channel, "unix://" + refusing).state()).isNotEqualTo(SubchannelState.READY);
			assertThat(stats(channel, "unix://" + refusing).picks()).isZero();
			assertThat(stats(channel, "unix://" + later).picks()).isEqualTo(1);
		}
	}

	@Test
	void whenAServerHangsThenHeartbeatsTakeItOutOfRotationWithinASecond() {
		try (ManagedChannel channel = ManagedChannel.create(hungServerChannel())) {
			awaitAllReady(channel);
			// Heartbeats this short can also take a JVM that is only slow out of rotation (two GC pauses or a CPU
			// shared with other builds); the channel then reconnects it. So: 20 calls in a row answered by the two,
			// and both ready, before the hang starts the clock.
			Await.until("20 calls in a row answered by both servers", TIMEOUT, () -> {
				for (int i = 0; i < 20; i++) {
					CallResult result = channel.call("serve", new byte[0]);
					if (!result.isSuccess()) {
						return false;
					}
					assertThat(pid(result)).isIn(this.s1.pid(), this.hung.pid());
				}
				return true;
			});
			awaitAllReady(channel);
			long stopped = System.nanoTime();
			this.hung.jvm().suspend();
			try {
				Await.until("the hung endpoint out of rotation", TIMEOUT,
						() -> stats(channel, this.hung).state() != SubchannelState.READY);
				long outMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);

				// Two heartbeats, 200 ms apart, each unanswered for 200 ms: out after about 600 ms.
				assertThat(outMillis).as("ms from SIGSTOP to out of rotation").isBetween(400L, 1_000L);
				assertThat(stats(channel, this.hung).lastError()).contains("2 heartbeats in a row went unanswered");
			}
			finally {
				this.hung.jvm().resume();
			}
		}
	}

	@Test
	void whenAServerHangsThenCallsGoToTheOthers() {
		try (ManagedChannel channel = ManagedChannel.create(hungServerChannel())) {
			awaitAllReady(channel);
			this.hung.jvm().suspend();
			try {
				Await.until("the hung endpoint out of rotation", TIMEOUT,
						() -> stats(channel, this.hung).state() != SubchannelState.READY);
				for (int i = 0; i < 50; i++) {
					CallResult result = channel.call("serve", new byte[0], Duration.ofSeconds(1));
					assertThat(result.isSuccess()).as("call %d: %s; hung endpoint %s", i, result,
							stats(channel, this.hung)).isTrue();
					assertThat(pid(result)).isEqualTo(this.s1.pid());
				}
			}
			finally {
				this.hung.jvm().resume();
			}
		}
	}

	@Test
	void whenOneOfThreeServersIsKilledUnderLoadThenTheServiceBreakerStaysClosed() throws Exception {
		CallOptions idempotent = CallOptions.custom().idempotent(true).timeout(Duration.ofSeconds(2)).build();
		try (ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("TestService")
			.endpoint(this.s1.channelEndpoint())
			.endpoint(this.s2.channelEndpoint())
			.endpoint(this.killedBreaker.channelEndpoint())
			.loadBalancer(LoadBalancer.named(LoadBalancer.ROUND_ROBIN))
			.retryPolicy(RETRY)
			.health(FAST_RECONNECT)
			.build()); Load load = new Load(12, () -> channel.call("serve", ByteBuffer.allocate(0), idempotent))) {
			awaitAllReady(channel);
			// The server slows down before it dies, so that every caller waits on it when it is killed.
			this.killedBreaker.control("delay=500");
			load.start();
			Await.until("every caller waiting on the slow server", TIMEOUT,
					() -> stats(channel, this.killedBreaker).outstandingCalls() == 12);

			this.killedBreaker.jvm().kill();
			Await.until("the killed endpoint out of rotation", TIMEOUT,
					() -> stats(channel, this.killedBreaker).state() != SubchannelState.READY);
			long afterOut = load.calls();
			Await.until("300 more calls", TIMEOUT, () -> load.calls() >= afterOut + 300);
			load.stop();

			// Each of the 12 calls failed one attempt and succeeded on its retry: no caller saw the kill, so the
			// breaker of the service (two healthy servers of three) has no reason to open.
			assertThat(load.failures()).as("failed calls, breaker %s", channel.getStats().circuitBreaker()).isEmpty();
			assertThat(channel.getStats().circuitBreaker().notPermittedCalls()).isZero();
		}
	}

	private ChannelConfig hungServerChannel() {
		return ChannelConfig.custom("TestService")
			.endpoint(this.s1.channelEndpoint())
			.endpoint(this.hung.channelEndpoint())
			.loadBalancer(LoadBalancer.named(LoadBalancer.ROUND_ROBIN))
			.health(HealthConfig.from(FAST_RECONNECT)
				.heartbeatInterval(Duration.ofMillis(200))
				.heartbeatMisses(2)
				.build())
			.build();
	}

	/**
	 * Callers calling in a loop until stopped, counting answers per server and keeping failures.
	 */
	private static final class Load implements AutoCloseable {

		private final int threads;

		private final Supplier<CallResult> call;

		private final ExecutorService callers;

		private final AtomicBoolean stop = new AtomicBoolean();

		private final AtomicLong calls = new AtomicLong();

		private final Map<Long, LongAdder> answers = new ConcurrentHashMap<>();

		private final List<CallResult> failures = new CopyOnWriteArrayList<>();

		private final List<Future<?>> running = new ArrayList<>();

		Load(int threads, Supplier<CallResult> call) {
			this.threads = threads;
			this.call = call;
			this.callers = Executors.newFixedThreadPool(threads);
		}

		void start() {
			for (int i = 0; i < this.threads; i++) {
				this.running.add(this.callers.submit(() -> {
					while (!this.stop.get()) {
						CallResult result = this.call.get();
						if (result.isSuccess()) {
							this.answers.computeIfAbsent(pid(result), key -> new LongAdder()).increment();
						}
						else {
							this.failures.add(result);
						}
						this.calls.incrementAndGet();
					}
				}));
			}
		}

		long calls() {
			return this.calls.get();
		}

		long answeredBy(ForkedServer server) {
			LongAdder count = this.answers.get(server.pid());
			return (count != null) ? count.sum() : 0;
		}

		List<CallResult> failures() {
			return this.failures;
		}

		void stop() throws Exception {
			this.stop.set(true);
			for (Future<?> each : this.running) {
				each.get(30, TimeUnit.SECONDS);
			}
		}

		@Override
		public void close() {
			this.stop.set(true);
			this.callers.shutdownNow();
		}

	}

}
