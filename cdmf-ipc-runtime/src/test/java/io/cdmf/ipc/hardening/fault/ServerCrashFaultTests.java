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
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.Channel;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a server process at a random point of a stream of calls from a retrying proxy, then a restart
 * on the same endpoint: every call returns within its deadline (0 hung calls), the calls that fail fail with
 * {@code UNAVAILABLE}, calls succeed again on the new server, and no request runs twice (0 double executions:
 * counted in the servers' executions file, which survives the kill). One request in eight outruns its attempt's
 * timeout, so retries of requests still running are answered from the server's duplicate record all along.
 */
class ServerCrashFaultTests {

	private static final Logger logger = LoggerFactory.getLogger(ServerCrashFaultTests.class);

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(400);

	private static final RetryPolicy RETRY = RetryPolicy.custom()
		.maxAttempts(3)
		.initialBackoff(Duration.ofMillis(20))
		.maxBackoff(Duration.ofMillis(100))
		.build();

	/** A call's deadline: every attempt's timeout and every backoff, plus scheduling slack on a loaded machine. */
	private static final Duration CALL_BOUND = ATTEMPT_TIMEOUT.multipliedBy(3)
		.plus(Duration.ofMillis(200))
		.plus(Duration.ofMillis(1000));

	private static final int CALLERS = 2;

	private static final long SLOW_MILLIS = 700;

	private final FaultProcesses processes = new FaultProcesses();

	@AfterEach
	void cleanUp() {
		this.processes.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix", "shm", "tcp" })
	void whenTheServerIsKilledMidStreamThenCallsFailUnavailableInTimeAndNothingRunsTwice(String scheme)
			throws Exception {
		FaultRandom random = FaultRandom.of("server kill -9 over " + scheme);
		Path executions = this.processes.directory().resolve("executions");
		Files.createFile(executions);
		ForkedJvm first = startServer(endpoint(scheme), executions);
		String endpoint = boundEndpoint(first);
		CallLog log = new CallLog();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
		try (ServiceProxy proxy = new ServiceProxy(
				ProxyConfig.custom(endpoint).serviceName("Recording").retryPolicy(RETRY).defaultTimeout(ATTEMPT_TIMEOUT)
					.build())) {
			warmUp(proxy);
			List<Future<?>> loops = new ArrayList<>();
			for (int c = 0; c < CALLERS; c++) {
				String prefix = "c" + c + "-";
				loops.add(callers.submit(() -> callInALoop(proxy, prefix, running, log)));
			}
			Await.until("calls answered by the first server", STARTUP, () -> log.successesEndingAfter(0) >= 20);
			Duration beforeKill = random.delay(200, 1500);
			long killAt = System.nanoTime() + beforeKill.toNanos();
			Await.until("the kill point", beforeKill.plusSeconds(5), () -> System.nanoTime() - killAt >= 0);
			long killed = System.nanoTime();
			first.kill();
			Await.until(() -> "a call failing after the kill: " + log.failuresByCode(), Duration.ofSeconds(10),
					() -> log.failures().stream().anyMatch(call -> call.endNanos() > killed));
			long detected = log.failures().stream().filter(call -> call.endNanos() > killed)
				.mapToLong(CallLog.Call::endNanos).min().orElseThrow();
			Duration outage = random.delay(50, 500);
			long restartAt = System.nanoTime() + outage.toNanos();
			Await.until("the restart point", outage.plusSeconds(5), () -> System.nanoTime() - restartAt >= 0);
			ForkedJvm second = startServer(endpoint, executions);
			long ready = System.nanoTime();
			Await.until(() -> "25 calls answered by the restarted server, failures " + log.failuresByCode(),
					Duration.ofSeconds(30), () -> log.successesEndingAfter(ready) >= 25);
			running.set(false);
			for (Future<?> loop : loops) {
				loop.get(CALL_BOUND.toMillis() * 2, TimeUnit.MILLISECONDS);
			}
			long firstSuccessAfterRestart = log.calls().stream().filter(c -> c.succeeded() && c.startNanos() > killed)
				.mapToLong(CallLog.Call::endNanos).min().orElseThrow();
			CallResult pid = proxy.call("pid", new byte[0], Duration.ofSeconds(5));
			assertThat(new String(pid.data(), StandardCharsets.UTF_8)).isEqualTo(Long.toString(second.pid()));

			Map<String, Integer> ran = CallLog.executions(executions);
			List<CallLog.Call> failures = log.failures();
			long failedButRan = failures.stream().filter(call -> ran.containsKey(call.id())).count();
			logger.info("{} ({}): {} calls, kill after {} ms, first failure {} ms after the kill, {} failed {} "
					+ "({} of them had run, none retried elsewhere), outage {} ms + restart {} ms, first success {} ms "
					+ "after the restart, longest call {} ms (bound {} ms), double executions {}", scheme, random,
					log.calls().size(), beforeKill.toMillis(), millis(detected - killed), failures.size(),
					log.failuresByCode(), failedButRan, outage.toMillis(), millis(ready - restartAt),
					millis(firstSuccessAfterRestart - ready), log.longest().toMillis(), CALL_BOUND.toMillis(),
					CallLog.doubles(ran).size());

			assertThat(log.longest()).as("0 hung calls: the longest call").isLessThanOrEqualTo(CALL_BOUND);
			assertThat(failures).as("calls failed during the outage").isNotEmpty();
			assertThat(failures).extracting(CallLog.Call::code).contains(ErrorCode.UNAVAILABLE);
			assertThat(failures).allSatisfy(call -> {
				// UNAVAILABLE; or TIMEOUT when the restarted JVM is slow to answer its first calls on a loaded machine.
				assertThat(call.code()).as(call.toString()).isIn(ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT);
				assertThat(RETRY.retries(call.code())).as("a retryable code: " + call).isTrue();
				assertThat(call.message()).as(call.toString()).isNotBlank();
				assertThat(call.endNanos()).as("failed only after the kill: " + call).isGreaterThan(killed);
			});
			assertThat(CallLog.doubles(ran)).as("0 double executions").isEmpty();
			assertThat(log.calls()).filteredOn(CallLog.Call::succeeded)
				.allSatisfy(call -> assertThat(ran.get(call.id())).as("executions of " + call.id()).isEqualTo(1));
			assertThat(proxy.getStats().retries()).as("slow requests retried on their connection").isPositive();
		}
		finally {
			running.set(false);
			callers.shutdownNow();
		}
	}

	/**
	 * Calls a new server with a generous timeout first: a cold JVM on a loaded machine may miss the short one.
	 */
	static void warmUp(Channel channel) {
		for (int i = 0; i < 50; i++) {
			CallResult result = channel.call("pid", new byte[0], STARTUP);
			assertThat(result.isSuccess()).as("warm-up: " + result).isTrue();
		}
	}

	private void callInALoop(ServiceProxy proxy, String prefix, AtomicBoolean running, CallLog log) {
		long n = 0;
		while (running.get()) {
			String id = prefix + n;
			// One in eight outruns its attempt's timeout: its retries wait for the first run's result.
			String request = (n % 8 == 7) ? id + "slow:" + SLOW_MILLIS : id;
			String recorded = (n % 8 == 7) ? id + "slow" : id;
			long start = System.nanoTime();
			CallResult result = proxy.call("record", request.getBytes(StandardCharsets.UTF_8));
			log.record(recorded, start, result);
			n++;
		}
	}

	private String endpoint(String scheme) {
		return this.processes.endpoint(scheme, "crash");
	}

	private ForkedJvm startServer(String endpoint, Path executions) {
		ForkedJvm server = this.processes.fork(RecordingServerMain.class, endpoint, executions.toString());
		server.awaitLine("READY", STARTUP);
		return server;
	}

	private static String boundEndpoint(ForkedJvm server) {
		return server.awaitLine("READY", STARTUP).split(" ")[2];
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
