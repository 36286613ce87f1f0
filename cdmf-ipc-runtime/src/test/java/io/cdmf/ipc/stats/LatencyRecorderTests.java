package io.cdmf.ipc.stats;

import io.cdmf.ipc.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyRecorderTests {

	@Test
	void shouldGivePercentilesInMicrosecondsAndReset() {
		LatencyRecorder recorder = new LatencyRecorder();
		assertThat(recorder.snapshot()).isEqualTo(LatencySnapshot.EMPTY);
		for (int i = 1; i <= 1000; i++) {
			recorder.recordNanos(i * 1_000L);
		}
		LatencySnapshot snapshot = recorder.snapshot();
		assertThat(snapshot.count()).isEqualTo(1000);
		assertThat(snapshot.p50Micros()).isCloseTo(500, within(10L));
		assertThat(snapshot.p99Micros()).isCloseTo(990, within(15L));
		assertThat(snapshot.maxMicros()).isCloseTo(1000, within(15L));
		recorder.recordNanos(2_000_000);
		assertThat(recorder.snapshot().count()).as("snapshots accumulate").isEqualTo(1001);
		recorder.reset();
		assertThat(recorder.snapshot().count()).isZero();
	}

	@Test
	void shouldClampNegativeAndHugeValues() {
		LatencyRecorder recorder = new LatencyRecorder();
		recorder.recordNanos(-5);
		recorder.recordNanos(Long.MAX_VALUE);
		assertThat(recorder.snapshot().count()).isEqualTo(2);
	}

	@Test
	void shouldCountOutcomesByCode() {
		OutcomeCounters counters = new OutcomeCounters();
		counters.increment(ErrorCode.OK);
		counters.increment(ErrorCode.TIMEOUT);
		counters.increment(ErrorCode.TIMEOUT);
		assertThat(counters.get(ErrorCode.OK)).isEqualTo(1);
		assertThat(counters.failures()).isEqualTo(2);
		assertThat(counters.failuresByCode()).containsExactly(java.util.Map.entry(ErrorCode.TIMEOUT, 2L));
		counters.reset();
		assertThat(counters.failures()).isZero();
	}

}
