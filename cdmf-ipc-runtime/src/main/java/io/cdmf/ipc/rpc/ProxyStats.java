package io.cdmf.ipc.rpc;

import java.util.Map;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.stats.LatencySnapshot;

/**
 * A snapshot of a proxy's counters since it was created or last reset.
 *
 * @param calls calls made (one per call, whatever its attempts)
 * @param successes calls that returned a response
 * @param failures calls that failed
 * @param failuresByCode failures by error code
 * @param timeouts calls that failed with {@code TIMEOUT}
 * @param retries attempts after the first
 * @param oneWaySent one-way messages sent
 * @param inFlight calls waiting for a response now
 * @param latency round-trip latency of completed calls
 * @since 0.1.0
 */
public record ProxyStats(long calls, long successes, long failures, Map<ErrorCode, Long> failuresByCode,
		long timeouts, long retries, long oneWaySent, long inFlight, LatencySnapshot latency) {

}
