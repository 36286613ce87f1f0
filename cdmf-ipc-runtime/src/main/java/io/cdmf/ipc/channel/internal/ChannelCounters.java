package io.cdmf.ipc.channel.internal;

import java.util.concurrent.atomic.LongAdder;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyStats;
import io.cdmf.ipc.stats.LatencyRecorder;
import io.cdmf.ipc.stats.OutcomeCounters;

/**
 * A channel's call statistics: one record per call, whatever its attempts.
 */
final class ChannelCounters {

	private final LongAdder calls = new LongAdder();

	private final LongAdder retries = new LongAdder();

	private final LongAdder oneWaySent = new LongAdder();

	private final OutcomeCounters outcomes = new OutcomeCounters();

	private final LatencyRecorder latency = new LatencyRecorder();

	void retried() {
		this.retries.increment();
	}

	void call(CallResult result, long startNanos) {
		this.calls.increment();
		ErrorCode code = result.errorCode();
		this.outcomes.increment(code);
		if (code == ErrorCode.OK) {
			this.latency.recordNanos(System.nanoTime() - startNanos);
		}
	}

	void oneWay(ErrorCode code) {
		if (code == ErrorCode.OK) {
			this.oneWaySent.increment();
		}
		else {
			this.outcomes.increment(code);
		}
	}

	ProxyStats snapshot(int inFlight) {
		return new ProxyStats(this.calls.sum(), this.outcomes.get(ErrorCode.OK), this.outcomes.failures(),
				this.outcomes.failuresByCode(), this.outcomes.get(ErrorCode.TIMEOUT), this.retries.sum(),
				this.oneWaySent.sum(), inFlight, this.latency.snapshot());
	}

	void reset() {
		this.calls.reset();
		this.retries.reset();
		this.oneWaySent.reset();
		this.outcomes.reset();
		this.latency.reset();
	}

}
