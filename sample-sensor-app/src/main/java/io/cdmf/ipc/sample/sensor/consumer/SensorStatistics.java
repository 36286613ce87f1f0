package io.cdmf.ipc.sample.sensor.consumer;

import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.sample.sensor.flatbuffers.SensorReading;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * What the consumer has received: counts, lost and reordered readings (from sequence numbers) and end-to-end latency
 * (receive time minus the producer's timestamp, on the wall clock shared by both processes).
 * <p>
 * {@link #record} runs on whichever thread handles a reading (the ring's own thread with inline handlers) and does
 * not allocate; {@link #report} is called by one reporting thread, once a second. Sequence numbers are counted from
 * the first reading seen: a later reading skipping ahead counts the numbers in between as missing, an older one
 * counts as out of order (and no longer missing), and a 0 after others starts a new producer run. One producer at a
 * time is assumed.
 *
 * @since 0.1.0
 */
public final class SensorStatistics {

	/** Latencies above this are recorded as this. */
	static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final double NANOS_PER_MICRO = 1_000.0;

	private final Recorder latencies = new Recorder(MAX_LATENCY_NANOS, 3);

	private final Histogram total = new Histogram(MAX_LATENCY_NANOS, 3);

	private @Nullable Histogram interval;

	private long lastReportNanos = System.nanoTime();

	private long received;

	private long missing;

	private long outOfOrder;

	private long inPlace;

	private long lastSequence;

	private long expected = -1;

	private volatile Snapshot latest = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0);

	/**
	 * Records a reading as it is handled; reads its scalar fields in place and keeps nothing of it.
	 * @param reading the reading
	 * @param receivedAtEpochNanos when it was received, on the wall clock
	 */
	public void record(SensorReading reading, long receivedAtEpochNanos) {
		long latency = receivedAtEpochNanos - reading.timestampNanos();
		// Clamped: a clock step can make a latency negative, a stalled run can exceed the histogram's range.
		this.latencies.recordValue(Math.min(Math.max(latency, 0), MAX_LATENCY_NANOS));
		long sequence = reading.sequence();
		// A table read from shared memory sits on a direct (mapped) buffer; a copied payload is a heap array.
		boolean direct = reading.getByteBuffer().isDirect();
		synchronized (this) {
			this.received++;
			if (direct) {
				this.inPlace++;
			}
			if (this.expected == -1 || sequence == this.expected || (sequence == 0 && this.expected > 0)) {
				this.expected = sequence + 1;
				this.lastSequence = sequence;
			}
			else if (Long.compareUnsigned(sequence, this.expected) > 0) {
				this.missing += sequence - this.expected;
				this.expected = sequence + 1;
				this.lastSequence = sequence;
			}
			else {
				this.outOfOrder++;
				if (this.missing > 0) {
					this.missing--;
				}
			}
		}
	}

	/**
	 * Takes the latencies recorded since the previous report into the totals and describes that interval.
	 * @return the interval's report
	 */
	public Report report() {
		long now = System.nanoTime();
		Histogram histogram = this.latencies.getIntervalHistogram(this.interval);
		this.interval = histogram;
		this.total.add(histogram);
		long count = histogram.getTotalCount();
		double seconds = Math.max(1, now - this.lastReportNanos) / 1e9;
		this.lastReportNanos = now;
		double rate = count / seconds;
		Snapshot totals = counts(rate);
		this.latest = totals;
		return new Report(count, rate, micros(histogram, 50), micros(histogram, 90), micros(histogram, 99),
				micros(histogram, 99.9), histogram.getMaxValue() / NANOS_PER_MICRO, totals);
	}

	/**
	 * Returns the counts now, with the rate and latencies as of the last {@link #report()}.
	 * @return the snapshot
	 */
	public Snapshot snapshot() {
		Snapshot reported = this.latest;
		synchronized (this) {
			return new Snapshot(this.received, this.missing, this.outOfOrder, this.inPlace, this.lastSequence,
					reported.messagesPerSecond(), reported.latencyP50Nanos(), reported.latencyP99Nanos(),
					reported.latencyMaxNanos());
		}
	}

	private Snapshot counts(double rate) {
		synchronized (this) {
			return new Snapshot(this.received, this.missing, this.outOfOrder, this.inPlace, this.lastSequence, rate,
					this.total.getValueAtPercentile(50), this.total.getValueAtPercentile(99), this.total.getMaxValue());
		}
	}

	private static double micros(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
	}

	/**
	 * Totals since start.
	 *
	 * @param received readings handled
	 * @param missing readings lost: sequence numbers skipped over and not seen since
	 * @param outOfOrder readings older than one seen before them
	 * @param inPlace readings read straight out of shared memory
	 * @param lastSequence the newest reading's sequence number
	 * @param messagesPerSecond the rate over the last reported interval
	 * @param latencyP50Nanos the median latency since start, in nanoseconds
	 * @param latencyP99Nanos the 99th percentile latency since start, in nanoseconds
	 * @param latencyMaxNanos the highest latency since start, in nanoseconds
	 */
	public record Snapshot(long received, long missing, long outOfOrder, long inPlace, long lastSequence,
			double messagesPerSecond, long latencyP50Nanos, long latencyP99Nanos, long latencyMaxNanos) {
	}

	/**
	 * One reporting interval.
	 *
	 * @param count readings in the interval
	 * @param messagesPerSecond their rate
	 * @param p50Micros median latency, in microseconds
	 * @param p90Micros 90th percentile latency, in microseconds
	 * @param p99Micros 99th percentile latency, in microseconds
	 * @param p999Micros 99.9th percentile latency, in microseconds
	 * @param maxMicros highest latency, in microseconds
	 * @param totals the totals since start
	 */
	public record Report(long count, double messagesPerSecond, double p50Micros, double p90Micros, double p99Micros,
			double p999Micros, double maxMicros, Snapshot totals) {
	}

}
