package io.cdmf.ipc.hardening.fault;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcTimeoutException;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelStats;
import io.cdmf.ipc.channel.ManagedChannel;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.resilience.IpcResilience;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.StubServerMain;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code SIGSTOP} of a server process (hung, not dead: its sockets and files stay open, nothing answers): calls fail
 * with {@code TIMEOUT} within their deadline ({@link IpcTimeoutException} for a typed client), the channel's circuit
 * breaker opens and then refuses calls at once, and after {@code SIGCONT} calls succeed again and the breaker
 * closes.
 */
class ServerHangFaultTests {

	private static final Logger logger = LoggerFactory.getLogger(ServerHangFaultTests.class);

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	/** A call's deadline plus scheduling slack on a loaded two-CPU machine. */
	private static final Duration CALL_BOUND = TIMEOUT.plusMillis(700);

	private final FaultProcesses processes = new FaultProcesses();

	/** The typed contract of {@link StubServerMain}'s {@code echo}. */
	interface Echo {

		String echo(String text);

	}

	@AfterEach
	void cleanUp() {
		this.processes.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix", "shm", "tcp" })
	void whenTheServerIsStoppedThenCallsTimeOutTheBreakerOpensAndAfterContinueCallsRecover(String scheme) {
		String requested = this.processes.endpoint(scheme, "hung");
		ForkedJvm server = this.processes.fork(StubServerMain.class, requested, "1000", "30000");
		String endpoint = server.awaitLine("READY", STARTUP).split(" ")[2];
		CircuitBreakerConfig breaker = CircuitBreakerConfig.from(IpcResilience.circuitBreakerConfig())
			.slidingWindowSize(4)
			.minimumNumberOfCalls(4)
			.waitDurationInOpenState(Duration.ofSeconds(1))
			.build();
		try (ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("Hung-" + scheme)
			.endpoints(endpoint)
			.defaultTimeout(TIMEOUT)
			.retryPolicy(RetryPolicy.DISABLED)
			.circuitBreakerConfig(breaker)
			.build())) {
			Echo typed = IpcBinding.createClient(Echo.class, channel, SerializationFormat.JSON);
			// Warm up with a generous timeout (a new JVM on a loaded machine is slow at first), then fill the
			// breaker's window with successes at the short one.
			for (int i = 0; i < 20; i++) {
				CallResult warm = channel.call("echo", "warm".getBytes(StandardCharsets.UTF_8), STARTUP);
				assertThat(warm.isSuccess()).as(warm.toString()).isTrue();
			}
			Await.until(() -> "4 calls in a row within " + TIMEOUT.toMillis() + " ms, breaker " + breakerState(channel),
					STARTUP, () -> breakerState(channel).equals("CLOSED") && fourInARow(channel));
			assertThat(typed.echo("warm")).isEqualTo("warm");

			server.suspend();
			long stopped = System.nanoTime();
			long typedStart = System.nanoTime();
			assertThatExceptionOfType(IpcTimeoutException.class).isThrownBy(() -> typed.echo("hung"));
			Duration typedTook = Duration.ofNanos(System.nanoTime() - typedStart);
			List<CallResult> failed = new ArrayList<>();
			Duration longest = typedTook;
			while (!breakerState(channel).equals("OPEN") && failed.size() < 20) {
				long start = System.nanoTime();
				CallResult result = call(channel);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				longest = (took.compareTo(longest) > 0) ? took : longest;
				assertThat(result.isSuccess()).as("a call to a stopped server").isFalse();
				failed.add(result);
			}
			long opened = System.nanoTime();
			long refusedStart = System.nanoTime();
			CallResult refused = call(channel);
			Duration refusedTook = Duration.ofNanos(System.nanoTime() - refusedStart);

			server.resume();
			Duration recovered = Await.until(() -> "a call answered after SIGCONT, breaker " + breakerState(channel),
					Duration.ofSeconds(20), () -> call(channel).isSuccess());
			Await.until(() -> "the breaker closed, now " + breakerState(channel), Duration.ofSeconds(10),
					() -> call(channel).isSuccess() && breakerState(channel).equals("CLOSED"));
			int after = 0;
			for (int i = 0; i < 20; i++) {
				after += call(channel).isSuccess() ? 1 : 0;
			}
			logger.info("{}: stopped; typed call failed in {} ms ({}), {} calls failed {} before the breaker opened "
					+ "{} ms after SIGSTOP, longest {} ms (bound {} ms), open breaker refused in {} µs; after SIGCONT "
					+ "the first call succeeded in {} ms, 20 of 20 then {}", scheme, typedTook.toMillis(),
					IpcTimeoutException.class.getSimpleName(), failed.size(),
					failed.stream().map(CallResult::errorCode).toList(), millis(opened - stopped), longest.toMillis(),
					CALL_BOUND.toMillis(), TimeUnit.NANOSECONDS.toMicros(refusedTook.toNanos()), recovered.toMillis(),
					after);

			assertThat(typedTook).as("typed call to a stopped server").isLessThanOrEqualTo(CALL_BOUND)
				.isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50));
			assertThat(longest).as("0 hung calls: the longest").isLessThanOrEqualTo(CALL_BOUND);
			assertThat(failed).extracting(CallResult::errorCode)
				.allMatch(code -> code == ErrorCode.TIMEOUT || code == ErrorCode.UNAVAILABLE);
			assertThat(failed).as("the first failure").first().extracting(CallResult::errorCode).isEqualTo(
					ErrorCode.TIMEOUT);
			assertThat(breakerState(channel)).isEqualTo("CLOSED");
			assertThat(refused.errorCode()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
			assertThat(refused.isKnownNotRun()).isTrue();
			// At once: well before the timeout a sent call would wait (with room for a descheduled test thread).
			assertThat(refusedTook).as("an open breaker refuses at once").isLessThan(TIMEOUT.minusMillis(100));
			assertThat(after).as("calls after recovery").isEqualTo(20);
		}
	}

	private static boolean fourInARow(ManagedChannel channel) {
		for (int i = 0; i < 4; i++) {
			if (!call(channel).isSuccess()) {
				return false;
			}
		}
		return true;
	}

	private static CallResult call(ManagedChannel channel) {
		return channel.call("echo", "ping".getBytes(StandardCharsets.UTF_8));
	}

	private static String breakerState(ManagedChannel channel) {
		ChannelStats.CircuitBreakerStats stats = channel.getStats().circuitBreaker();
		assertThat(stats).as("the channel's breaker").isNotNull();
		return stats.state();
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
