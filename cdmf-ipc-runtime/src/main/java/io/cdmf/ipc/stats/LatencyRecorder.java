package io.cdmf.ipc.stats;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies from many threads without locks (HdrHistogram's {@link Recorder}: wait-free writers) and gives
 * percentile snapshots since creation or the last {@link #reset()}.
 *
 * @since 0.1.0
 */
public final class LatencyRecorder {

	private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);

	private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_MICROS, 2);

	private final Histogram accumulated = new Histogram(HIGHEST_TRACKABLE_MICROS, 2);

	private Histogram interval;

	/**
	 * Creates a recorder.
	 */
	public LatencyRecorder() {
		this.interval = this.recorder.getIntervalHistogram();
	}

	/**
	 * Records a duration.
	 * @param nanos the duration in nanoseconds
	 */
	public void recordNanos(long nanos) {
		long micros = Math.min(Math.max(nanos / 1_000, 0), HIGHEST_TRACKABLE_MICROS);
		this.recorder.recordValue(micros);
	}

	/**
	 * Returns the percentiles of everything recorded since creation or the last reset.
	 * @return the snapshot
	 */
	public synchronized LatencySnapshot snapshot() {
		this.interval = this.recorder.getIntervalHistogram(this.interval);
		this.accumulated.add(this.interval);
		Histogram h = this.accumulated;
		if (h.getTotalCount() == 0) {
			return LatencySnapshot.EMPTY;
		}
		return new LatencySnapshot(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50),
				h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
	}

	/**
	 * Forgets everything recorded so far.
	 */
	public synchronized void reset() {
		this.interval = this.recorder.getIntervalHistogram(this.interval);
		this.accumulated.reset();
	}

}
