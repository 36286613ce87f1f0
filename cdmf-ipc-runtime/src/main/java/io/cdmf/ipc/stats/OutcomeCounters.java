package io.cdmf.ipc.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.cdmf.ipc.ErrorCode;

/**
 * Counts outcomes by {@link ErrorCode} without contention.
 *
 * @since 0.1.0
 */
public final class OutcomeCounters {

	private static final ErrorCode[] CODES = ErrorCode.values();

	private final LongAdder[] counts = new LongAdder[CODES.length];

	/**
	 * Creates zeroed counters.
	 */
	public OutcomeCounters() {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = new LongAdder();
		}
	}

	/**
	 * Counts one outcome.
	 * @param code the outcome, {@link ErrorCode#OK} for a success
	 */
	public void increment(ErrorCode code) {
		this.counts[code.ordinal()].increment();
	}

	/**
	 * Returns the count of one outcome.
	 * @param code the outcome
	 * @return the count
	 */
	public long get(ErrorCode code) {
		return this.counts[code.ordinal()].sum();
	}

	/**
	 * Returns the total of all failures (every code but {@link ErrorCode#OK}).
	 * @return the failure count
	 */
	public long failures() {
		long total = 0;
		for (int i = 0; i < this.counts.length; i++) {
			if (CODES[i] != ErrorCode.OK) {
				total += this.counts[i].sum();
			}
		}
		return total;
	}

	/**
	 * Returns the non-zero failure counts by code.
	 * @return an unmodifiable map
	 */
	public Map<ErrorCode, Long> failuresByCode() {
		Map<ErrorCode, Long> result = new EnumMap<>(ErrorCode.class);
		for (int i = 0; i < this.counts.length; i++) {
			long value = this.counts[i].sum();
			if (value != 0 && CODES[i] != ErrorCode.OK) {
				result.put(CODES[i], value);
			}
		}
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Sets every count to zero.
	 */
	public void reset() {
		for (LongAdder count : this.counts) {
			count.reset();
		}
	}

}
