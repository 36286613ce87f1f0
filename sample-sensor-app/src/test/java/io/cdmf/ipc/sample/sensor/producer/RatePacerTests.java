package io.cdmf.ipc.sample.sensor.producer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RatePacer}, on made-up times.
 */
class RatePacerTests {

	private static final long START = 1_000_000_000L;

	@Test
	void firstMessageIsDueAtTheStartAndTheNextOnePeriodLater() {
		RatePacer pacer = new RatePacer(10_000, 1_000, START);
		assertThat(pacer.due(START - 1)).isZero();
		assertThat(pacer.due(START)).isEqualTo(1);
		assertThat(pacer.due(START)).isZero();
		assertThat(pacer.nanosUntilNext(START)).isEqualTo(100_000);
		assertThat(pacer.due(START + 99_999)).isZero();
		assertThat(pacer.nanosUntilNext(START + 99_999)).isEqualTo(1);
		assertThat(pacer.due(START + 100_000)).isEqualTo(1);
	}

	@Test
	void lateWakeUpIsCaughtUp() {
		RatePacer pacer = new RatePacer(10_000, 1_000, START);
		pacer.due(START);
		assertThat(pacer.due(START + 1_050_000)).as("ten periods late").isEqualTo(10);
		assertThat(pacer.nanosUntilNext(START + 1_050_000)).isEqualTo(50_000);
		assertThat(pacer.skipped()).isZero();
	}

	@Test
	void backlogBeyondTheLimitIsSkippedNotBurst() {
		RatePacer pacer = new RatePacer(10_000, 1_000, START);
		pacer.due(START);
		assertThat(pacer.due(START + 1_000_000_000L)).as("a second late").isEqualTo(1_000);
		assertThat(pacer.skipped()).isEqualTo(9_000);
		assertThat(pacer.due(START + 1_000_000_000L)).isZero();
		assertThat(pacer.due(START + 1_000_100_000L)).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 3, 7, 10_000, 333_333, 1_000_000 })
	void sendsExactlyTheRateOverTimeAndNeverSpinsOnARounding(long rate) {
		RatePacer pacer = new RatePacer(rate, Long.MAX_VALUE, START);
		long sent = 0;
		long shortestWait = Long.MAX_VALUE;
		long now = START;
		long end = START + 3_000_000_000L;
		while (now < end) {
			sent += pacer.due(now);
			long wait = pacer.nanosUntilNext(now);
			shortestWait = Math.min(shortestWait, wait);
			now += Math.max(1, wait);
		}
		assertThat(sent).isEqualTo(3 * rate);
		assertThat(shortestWait).as("once all due messages are out, the next one is ahead").isPositive();
	}

	@Test
	void rejectsANonPositiveRateOrBacklog() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RatePacer(0, 1, START))
			.withMessage("ratePerSecond must be positive: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new RatePacer(1, 0, START))
			.withMessage("maxBacklog must be positive: 0");
	}

}
