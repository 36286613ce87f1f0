package io.cdmf.ipc.rpc;

import java.util.Map;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.stats.LatencySnapshot;

/**
 * A snapshot of a stub's counters since it was created or last reset.
 *
 * @param requests requests received (heartbeats excluded)
 * @param rejected requests refused before running: over the concurrency limit, unknown method, unauthenticated,
 * invalid, past their deadline, or while stopping
 * @param errors handlers that failed
 * @param duplicates retried requests answered without running the handler again
 * @param inFlight requests running now
 * @param outcomesByCode requests that did not succeed, by error code
 * @param handlerLatency time from receipt to response of requests that ran
 * @param methods per-method counters
 * @since 0.1.0
 */
public record StubStats(long requests, long rejected, long errors, long duplicates, long inFlight,
		Map<ErrorCode, Long> outcomesByCode, LatencySnapshot handlerLatency, Map<String, MethodStats> methods) {

	/**
	 * Counters of one method.
	 *
	 * @param calls requests that ran the handler
	 * @param errors handlers that failed
	 * @param latency time from receipt to response
	 */
	public record MethodStats(long calls, long errors, LatencySnapshot latency) {

	}

}
