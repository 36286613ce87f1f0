package io.cdmf.ipc.hardening.fault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ManagedChannel;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The double-execution hazard of a retrying channel over two servers: a request that is not idempotent and may have
 * run on a server killed with {@code kill -9} must not be sent to the other server, nor to the restarted one, and a
 * retry of a request still running must be answered from the server's duplicate record. Three rounds of kill and
 * restart, alternating servers, at random points, while three callers stream requests (one in six outruns its
 * attempt's timeout). Counted in the executions file both servers append to: 0 double executions, and every call
 * that succeeded ran exactly once; 0 hung calls.
 */
class DoubleExecutionFaultTests {

	private static final Logger logger = LoggerFactory.getLogger(DoubleExecutionFaultTests.class);

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(400);

	private static final Duration CALL_BOUND = ATTEMPT_TIMEOUT.multipliedBy(3).plusMillis(200).plusSeconds(1);

	private static final int CALLERS = 3;

	private final TestEndpoints sockets = new TestEndpoints();

	private final List<ForkedJvm> servers = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		this.servers.forEach(ForkedJvm::close);
		this.sockets.close();
	}

	@Test
	void whenServersAreKilledAndRestartedUnderARetryingChannelThenNoRequestRunsTwice() throws Exception {
		FaultRandom random = FaultRandom.of("double executions over two servers");
		Path executions = this.sockets.directory().resolve("executions");
		Files.createFile(executions);
		String[] endpoints = { this.sockets.endpoint("unix", "rec-a"), this.sockets.endpoint("unix", "rec-b") };
		ForkedJvm[] running = { start(endpoints[0], executions), start(endpoints[1], executions) };
		CallLog log = new CallLog();
		AtomicBoolean calling = new AtomicBoolean(true);
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
		List<String> rounds = new ArrayList<>();
		try (ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("Recording")
			.endpoints(String.join(",", endpoints))
			.defaultTimeout(ATTEMPT_TIMEOUT)
			.retryPolicy(RetryPolicy.custom()
				.maxAttempts(3)
				.initialBackoff(Duration.ofMillis(20))
				.maxBackoff(Duration.ofMillis(100))
				.build())
			.circuitBreaker(false)
			.build())) {
			for (int i = 0; i < 2; i++) {
				ServerCrashFaultTests.warmUp(channel);
			}
			List<Future<?>> loops = new ArrayList<>();
			for (int c = 0; c < CALLERS; c++) {
				String prefix = "c" + c + "-";
				loops.add(callers.submit(() -> callInALoop(channel, prefix, calling, log)));
			}
			Await.until("calls answered", STARTUP, () -> log.successesEndingAfter(0) >= 30);
			for (int round = 0; round < 3; round++) {
				int victim = round % 2;
				Duration beforeKill = random.delay(100, 800);
				long killAt = System.nanoTime() + beforeKill.toNanos();
				Await.until("the kill point", beforeKill.plusSeconds(5), () -> System.nanoTime() - killAt >= 0);
				long killed = System.nanoTime();
				running[victim].kill();
				Duration outage = random.delay(50, 400);
				long restartAt = System.nanoTime() + outage.toNanos();
				Await.until("the restart point", outage.plusSeconds(5), () -> System.nanoTime() - restartAt >= 0);
				running[victim] = start(endpoints[victim], executions);
				long ready = System.nanoTime();
				Await.until("calls answered after the restart", Duration.ofSeconds(30),
						() -> log.successesEndingAfter(ready) >= 30);
				long failedInRound = log.failures().stream().filter(call -> call.endNanos() > killed).count();
				rounds.add("server " + (char) ('a' + victim) + " killed after " + beforeKill.toMillis() + " ms, down "
						+ TimeUnit.NANOSECONDS.toMillis(ready - killed) + " ms, " + failedInRound + " calls failed");
			}
			calling.set(false);
			for (Future<?> loop : loops) {
				loop.get(CALL_BOUND.toMillis() * 2, TimeUnit.MILLISECONDS);
			}
			Map<String, Integer> ran = CallLog.executions(executions);
			long failedButRan = log.failures().stream().filter(call -> ran.containsKey(call.id())).count();
			logger.info("{}: {}; {} calls, {} failed {} ({} had run and were not sent again), {} retries, longest {} "
					+ "ms (bound {} ms), {} executions, double executions {}", random, rounds, log.calls().size(),
					log.failures().size(), log.failuresByCode(), failedButRan, channel.getCallStats().retries(),
					log.longest().toMillis(), CALL_BOUND.toMillis(), ran.size(), CallLog.doubles(ran));

			assertThat(CallLog.doubles(ran)).as("0 double executions").isEmpty();
			assertThat(log.calls()).filteredOn(CallLog.Call::succeeded)
				.allSatisfy(call -> assertThat(ran.get(call.id())).as("executions of " + call.id()).isEqualTo(1));
			assertThat(log.longest()).as("0 hung calls: the longest").isLessThanOrEqualTo(CALL_BOUND);
			// UNAVAILABLE; or TIMEOUT when a restarted JVM is slow to answer its first calls on a loaded machine.
			assertThat(log.failures()).allSatisfy(call -> assertThat(call.code()).as(call.toString())
				.isIn(ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT));
			assertThat(channel.getCallStats().retries()).as("retries").isPositive();
		}
		finally {
			calling.set(false);
			callers.shutdownNow();
		}
	}

	private void callInALoop(ManagedChannel channel, String prefix, AtomicBoolean calling, CallLog log) {
		long n = 0;
		while (calling.get()) {
			boolean slow = n % 6 == 5;
			String id = prefix + n + (slow ? "slow" : "");
			String request = slow ? id + ":600" : id;
			long start = System.nanoTime();
			CallResult result = channel.call("record", request.getBytes(StandardCharsets.UTF_8));
			log.record(id, start, result);
			n++;
		}
	}

	private ForkedJvm start(String endpoint, Path executions) {
		ForkedJvm server = ForkedJvm.start(RecordingServerMain.class, endpoint, executions.toString());
		this.servers.add(server);
		server.awaitLine("READY", STARTUP);
		return server;
	}

}
