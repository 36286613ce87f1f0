package io.cdmf.ipc.sample.calc.channel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the examples of docs/channels.md and checks that they show what the document says.
 */
class ChannelExamplesTests {

	@Test
	void shouldSpreadCallsOverThreeServers() {
		assertThat(run("balancing")).contains("balancing round-robin: {calc-a=100, calc-b=100, calc-c=100}")
			.containsPattern("balancing p2c: \\{calc-a=\\d+, calc-b=\\d+, calc-c=\\d+\\}");
	}

	@Test
	void shouldTakeAStoppedServerOutAndBackIn() {
		assertThat(run("health")).contains("calc-a.sock=TRANSIENT_FAILURE")
			.contains("health: calc-a restarted, calc-a.sock=READY, calc-b.sock=READY, calc-c.sock=READY");
	}

	@Test
	void shouldOpenAndCloseTheBreaker() {
		assertThat(run("breaker")).contains("breaker: OPEN, next call: CIRCUIT_OPEN (did not run: true)")
			.contains("breaker: recovered, CLOSED, call succeeded");
	}

	@Test
	void shouldNotResendANonIdempotentCallThatMayHaveRun() {
		assertThat(run("retry")).contains("retry: first answer from calc-a")
			.containsPattern("non-idempotent call while calc-a stopped: UNAVAILABLE: .*may have run")
			.contains("retry: idempotent call goes to calc-b")
			.contains("retry: per-call idempotent option: OK");
	}

	private static String run(String example) {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			ChannelExamples.main(new String[] { example });
		}
		finally {
			System.setOut(original);
		}
		String output = captured.toString(StandardCharsets.UTF_8);
		original.print(output);
		return output;
	}

}
