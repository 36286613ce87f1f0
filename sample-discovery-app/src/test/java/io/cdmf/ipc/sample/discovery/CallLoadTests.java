package io.cdmf.ipc.sample.discovery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The fixed-rate load of the client and the tests: what it counts, and its arguments.
 */
class CallLoadTests {

	@Test
	void shouldCountAnswersPerInstanceAndKeepTheFirstFailures() throws Exception {
		AtomicInteger sequence = new AtomicInteger();
		try (CallLoad load = new CallLoad(2000, 4, () -> {
			int n = sequence.incrementAndGet();
			if (n % 10 == 0) {
				throw new IllegalStateException("failure " + n);
			}
			return (n % 2 == 0) ? "even" : "odd";
		})) {
			load.start();
			Await.until("100 calls", Duration.ofSeconds(10), () -> load.calls() >= 100);
			load.stop();

			assertThat(load.calls()).isEqualTo(sequence.get());
			assertThat(load.failures()).isEqualTo(sequence.get() / 10);
			assertThat(load.answeredBy("even") + load.answeredBy("odd")).isEqualTo(load.answered());
			assertThat(load.answersByInstance()).containsOnlyKeys("even", "odd");
			assertThat(load.failureMessages()).hasSizeLessThanOrEqualTo(20)
				.allMatch(message -> message.startsWith("java.lang.IllegalStateException: failure "));
		}
	}

	@Test
	void shouldCallAtTheRateWhenCallsAreQuick() throws Exception {
		try (CallLoad load = new CallLoad(100, 2, () -> "a")) {
			long start = System.nanoTime();
			load.start();
			Await.until("50 calls", Duration.ofSeconds(10), () -> load.calls() >= 50);
			long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
			load.stop();

			// 50 calls at 100 a second take 490 ms from the first; never less, since the pacer does not run ahead.
			assertThat(elapsedMillis).isGreaterThanOrEqualTo(490);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 100_001 })
	void shouldRejectARateOutOfRange(int rate) {
		assertThatIllegalArgumentException().isThrownBy(() -> new CallLoad(rate, 1, () -> "a"))
			.withMessage("callsPerSecond must be between 1 and 100000: " + rate);
	}

	@Test
	void shouldRejectNoCallers() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CallLoad(1, 0, () -> "a"))
			.withMessage("callerThreads must be at least 1: 0");
	}

}
