package io.cdmf.ipc.sample.sensor.consumer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;

import com.google.flatbuffers.FlatBufferBuilder;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorReading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SensorStatistics}.
 */
class SensorStatisticsTests {

	private static final long NOW = 1_732_000_000_000_000_000L;

	private final SensorStatistics statistics = new SensorStatistics();

	@Test
	void countsReadingsInOrderWithoutLoss() {
		for (long sequence = 0; sequence < 100; sequence++) {
			this.statistics.record(reading(sequence, NOW, false), NOW);
		}
		SensorStatistics.Snapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.received()).isEqualTo(100);
		assertThat(snapshot.missing()).isZero();
		assertThat(snapshot.outOfOrder()).isZero();
		assertThat(snapshot.lastSequence()).isEqualTo(99);
	}

	@Test
	void skippedSequenceNumbersAreMissingUntilTheyArrive() {
		record(0, 1, 5, 6);
		assertThat(this.statistics.snapshot().missing()).isEqualTo(3);
		record(3);
		SensorStatistics.Snapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.missing()).isEqualTo(2);
		assertThat(snapshot.outOfOrder()).isEqualTo(1);
		assertThat(snapshot.lastSequence()).isEqualTo(6);
	}

	@Test
	void countingStartsAtTheFirstReadingSeenAndZeroStartsANewRun() {
		record(500, 501, 0, 1, 2);
		SensorStatistics.Snapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.received()).isEqualTo(5);
		assertThat(snapshot.missing()).isZero();
		assertThat(snapshot.outOfOrder()).isZero();
		assertThat(snapshot.lastSequence()).isEqualTo(2);
	}

	@Test
	void readingsOnDirectBuffersCountAsReadInPlace() {
		this.statistics.record(reading(0, NOW, true), NOW);
		this.statistics.record(reading(1, NOW, false), NOW);
		assertThat(this.statistics.snapshot().inPlace()).isEqualTo(1);
	}

	@Test
	void reportGivesTheIntervalsRateAndLatencyAndKeepsTotals() {
		for (long sequence = 0; sequence < 1_000; sequence++) {
			long latencyNanos = (sequence < 990) ? 10_000 : 5_000_000;
			this.statistics.record(reading(sequence, NOW, false), NOW + latencyNanos);
		}
		SensorStatistics.Report report = this.statistics.report();
		assertThat(report.count()).isEqualTo(1_000);
		assertThat(report.messagesPerSecond()).isPositive();
		assertThat(report.p50Micros()).isCloseTo(10, within(0.1));
		assertThat(report.p99Micros()).isCloseTo(10, within(0.1));
		assertThat(report.p999Micros()).isCloseTo(5_000, within(5.0));
		assertThat(report.maxMicros()).isCloseTo(5_000, within(5.0));
		assertThat(this.statistics.report().count()).as("the next interval starts empty").isZero();
		SensorStatistics.Snapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.latencyP50Nanos()).isCloseTo(10_000, within(10L));
		assertThat(snapshot.latencyMaxNanos()).isCloseTo(5_000_000, within(5_000L));
	}

	@Test
	void negativeAndHugeLatenciesAreClamped() {
		this.statistics.record(reading(0, NOW, false), NOW - 1_000);
		this.statistics.record(reading(1, NOW, false), NOW + 2 * SensorStatistics.MAX_LATENCY_NANOS);
		SensorStatistics.Report report = this.statistics.report();
		assertThat(report.count()).isEqualTo(2);
		assertThat(report.p50Micros()).isZero();
		assertThat(report.maxMicros() * 1_000)
			.isCloseTo((double) SensorStatistics.MAX_LATENCY_NANOS, within(SensorStatistics.MAX_LATENCY_NANOS / 500.0));
	}

	@Test
	void reporterPrintsTotalsWhenStopped() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		SensorReporter reporter = new SensorReporter(this.statistics, new PrintStream(bytes, true));
		reporter.start();
		assertThat(reporter.isRunning()).isTrue();
		record(0, 1, 2);
		reporter.stop();
		assertThat(reporter.isRunning()).isFalse();
		assertThat(bytes.toString()).startsWith("TOTAL received 3 | missing 0 | out of order 0 | read in place 0");
	}

	private void record(long... sequences) {
		for (long sequence : sequences) {
			this.statistics.record(reading(sequence, NOW, false), NOW);
		}
	}

	static SensorReading reading(long sequence, long timestampNanos, boolean direct) {
		FlatBufferBuilder builder = new FlatBufferBuilder(64);
		builder.finish(SensorReading.createSensorReading(builder, builder.createString("t"), timestampNanos, 1.0,
				sequence, 0));
		byte[] bytes = builder.sizedByteArray();
		ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(bytes.length).put(bytes).flip() : ByteBuffer.wrap(bytes);
		return SensorReading.getRootAsSensorReading(buffer);
	}

}
