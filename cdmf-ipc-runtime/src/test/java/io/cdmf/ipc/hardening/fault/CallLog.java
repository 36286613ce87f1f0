package io.cdmf.ipc.hardening.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.CallResult;

/**
 * What every call of a fault test returned and when, so the test can count hung calls, failures during an outage
 * and, against a server's executions file, double executions.
 */
final class CallLog {

	/**
	 * One finished call.
	 * @param id the request id
	 * @param startNanos when it was made ({@link System#nanoTime()})
	 * @param endNanos when it returned
	 * @param code {@code OK} for a success, else the error code
	 * @param knownNotRun whether the error says the request did not run
	 * @param message the error message, empty for a success
	 */
	record Call(String id, long startNanos, long endNanos, ErrorCode code, boolean knownNotRun, String message) {

		Duration duration() {
			return Duration.ofNanos(this.endNanos - this.startNanos);
		}

		boolean succeeded() {
			return this.code == ErrorCode.OK;
		}

	}

	private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

	/**
	 * Records a finished call.
	 * @param id the request id
	 * @param startNanos when it was made
	 * @param result what it returned
	 */
	void record(String id, long startNanos, CallResult result) {
		boolean ok = result.isSuccess();
		this.calls.add(new Call(id, startNanos, System.nanoTime(), ok ? ErrorCode.OK : result.errorCode(),
				!ok && result.isKnownNotRun(), ok ? "" : result.errorMessage()));
	}

	List<Call> calls() {
		return List.copyOf(this.calls);
	}

	List<Call> failures() {
		return this.calls.stream().filter(call -> !call.succeeded()).toList();
	}

	long successesEndingAfter(long nanos) {
		return this.calls.stream().filter(call -> call.succeeded() && call.endNanos() > nanos).count();
	}

	Duration longest() {
		return this.calls.stream().map(Call::duration).max(Duration::compareTo).orElse(Duration.ZERO);
	}

	Map<ErrorCode, Long> failuresByCode() {
		Map<ErrorCode, Long> counts = new EnumMap<>(ErrorCode.class);
		failures().forEach(call -> counts.merge(call.code(), 1L, Long::sum));
		return counts;
	}

	/**
	 * Reads an executions file of {@code <pid> <id>} lines into how often each id ran.
	 * @param file the file
	 * @return executions per id
	 */
	static Map<String, Integer> executions(Path file) {
		Map<String, Integer> counts = new HashMap<>();
		try {
			for (String line : Files.readAllLines(file)) {
				if (!line.isBlank()) {
					counts.merge(line.substring(line.indexOf(' ') + 1), 1, Integer::sum);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return counts;
	}

	/**
	 * Returns the ids that ran more than once.
	 * @param executions executions per id
	 * @return the ids with their counts
	 */
	static Map<String, Integer> doubles(Map<String, Integer> executions) {
		return executions.entrySet()
			.stream()
			.filter(entry -> entry.getValue() > 1)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
