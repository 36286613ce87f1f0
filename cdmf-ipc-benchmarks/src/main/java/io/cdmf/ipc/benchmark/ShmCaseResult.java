package io.cdmf.ipc.benchmark;

/**
 * What a shared-memory case measured at one payload size: the harness's figures plus the receiving side's.
 * <p>
 * For a round-trip case the {@link CaseResult} is as for the socket cases. For a one-way case, its count and
 * calls/s are the messages of the throughput burst and their rate (from the first send until the receiver had
 * counted the last one), and its percentiles are the producer-to-consumer latencies of a separate paced phase (one
 * message at a time, the next sent once the receiver counted the previous one), measured by the receiver against
 * the producer's {@code System.nanoTime()} carried in the message.
 *
 * @param result the harness's figures
 * @param receiverBytesPerMessage heap bytes the receiving thread (server or consumer) allocated per message, NaN
 * when not sampled (the many-callers cases)
 * @param pacedCount one-way messages in the paced latency phase, 0 for round-trip cases
 * @param stoppedAtBudget whether the measurement ended at the case's byte budget rather than its duration (the
 * journals write every message to {@code /dev/shm})
 * @since 0.1.0
 */
record ShmCaseResult(CaseResult result, double receiverBytesPerMessage, long pacedCount, boolean stoppedAtBudget) {

	/**
	 * Creates the result of a one-caller case that could not be measured.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param failure what went wrong
	 * @return the result
	 */
	static ShmCaseResult failed(BenchmarkCase benchmarkCase, int size, String failure) {
		return failed(benchmarkCase, size, 1, failure);
	}

	/**
	 * Creates the result of a case that could not be measured.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param callers the caller threads
	 * @param failure what went wrong
	 * @return the result
	 */
	static ShmCaseResult failed(BenchmarkCase benchmarkCase, int size, int callers, String failure) {
		return new ShmCaseResult(CaseResult.failed(benchmarkCase, size, callers, failure), Double.NaN, 0, false);
	}

	/**
	 * Returns the result of a many-callers measurement, which does not sample the receiver.
	 * @param result the harness's figures
	 * @return the result
	 */
	static ShmCaseResult ofCallers(CaseResult result) {
		return new ShmCaseResult(result, Double.NaN, 0, false);
	}

	/**
	 * Returns this result with the load average the case started at.
	 * @param load the 1 minute load average
	 * @return the result
	 */
	ShmCaseResult withLoadAtStart(double load) {
		return new ShmCaseResult(this.result.withLoadAtStart(load), this.receiverBytesPerMessage, this.pacedCount,
				this.stoppedAtBudget);
	}

	/**
	 * Returns the case.
	 * @return the case
	 */
	BenchmarkCase benchmarkCase() {
		return this.result.benchmarkCase();
	}

	/**
	 * Returns the payload size.
	 * @return bytes
	 */
	int size() {
		return this.result.size();
	}

	/**
	 * Returns whether the case ran.
	 * @return whether there are figures
	 */
	boolean isSuccess() {
		return this.result.isSuccess();
	}

}
