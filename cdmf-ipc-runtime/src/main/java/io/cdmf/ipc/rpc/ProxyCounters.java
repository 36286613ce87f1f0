package io.cdmf.ipc.rpc;

import java.util.concurrent.atomic.LongAdder;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.stats.LatencyRecorder;
import io.cdmf.ipc.stats.OutcomeCounters;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;

/**
 * A proxy's statistics and its {@link CallListener}: one record per call, whatever its attempts.
 */
final class ProxyCounters {

	private final String service;

	private final TransportType transport;

	private final LongAdder calls = new LongAdder();

	private final LongAdder retries = new LongAdder();

	private final LongAdder oneWaySent = new LongAdder();

	private final OutcomeCounters outcomes = new OutcomeCounters();

	private final LatencyRecorder latency = new LatencyRecorder();

	private volatile @Nullable CallListener listener;

	ProxyCounters(String service, TransportType transport) {
		this.service = service;
		this.transport = transport;
	}

	void setListener(@Nullable CallListener listener) {
		this.listener = listener;
	}

	void retried() {
		this.retries.increment();
	}

	void call(String method, @Nullable CallResult result, long startNanos) {
		this.calls.increment();
		ErrorCode code = (result != null) ? result.errorCode() : ErrorCode.INTERNAL;
		this.outcomes.increment(code);
		if (code == ErrorCode.OK) {
			this.latency.recordNanos(System.nanoTime() - startNanos);
		}
		notifyListener(method, code, startNanos);
	}

	void oneWay(String method, ErrorCode code, long startNanos) {
		if (code == ErrorCode.OK) {
			this.oneWaySent.increment();
		}
		else {
			this.outcomes.increment(code);
		}
		notifyListener(method, code, startNanos);
	}

	private void notifyListener(String method, ErrorCode code, long startNanos) {
		CallListener current = this.listener;
		if (current != null) {
			current.onCall(this.service, method, this.transport, code, System.nanoTime() - startNanos);
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
