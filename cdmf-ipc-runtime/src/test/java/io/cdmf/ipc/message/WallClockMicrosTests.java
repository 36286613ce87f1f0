package io.cdmf.ipc.message;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation-free wall clock of message timestamps stays with {@link Instant#now()}.
 */
class WallClockMicrosTests {

	/** Two readings a moment apart on a busy machine: generous, the clocks agree to microseconds. */
	private static final long TOLERANCE_MICROS = 50_000;

	@Test
	void shouldReadTheWallClockInMicroseconds() {
		for (int i = 0; i < 1_000; i++) {
			long before = micros(Instant.now());
			long reading = WallClockMicros.now();
			long after = micros(Instant.now());

			assertThat(reading).isBetween(before - TOLERANCE_MICROS, after + TOLERANCE_MICROS);
		}
	}

	@Test
	void shouldAdvance() {
		long first = WallClockMicros.now();
		long target = System.nanoTime() + 2_000_000;
		while (System.nanoTime() < target) {
			Thread.onSpinWait();
		}

		assertThat(WallClockMicros.now()).isGreaterThanOrEqualTo(first + 1_000);
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
	}

}
