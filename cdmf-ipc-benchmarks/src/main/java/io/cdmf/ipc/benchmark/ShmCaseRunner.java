package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one shared-memory case at one payload size, as {@link CaseRunner} does for the socket cases: forks the
 * server (or consumer) JVM, connects the client in this JVM, measures, destroys the server whatever happened, and
 * deletes the case's files under {@link ShmCaseFiles#ROOT}.
 *
 * @since 0.1.0
 */
final class ShmCaseRunner {

	/**
	 * Most bytes of messages a journal case writes: queues live in {@code /dev/shm}, that is in memory, and a 64 KiB
	 * stream at full speed would take gigabytes within the measuring time.
	 */
	static final long JOURNAL_BYTE_BUDGET = 1L << 30;

	private static final Logger logger = LoggerFactory.getLogger(ShmCaseRunner.class);

	private static final AtomicInteger sequence = new AtomicInteger();

	private final BenchmarkOptions options;

	ShmCaseRunner(BenchmarkOptions options) {
		this.options = options;
	}

	/**
	 * Returns whether a case is a shared-memory one, run by this class rather than {@link CaseRunner}.
	 * @param benchmarkCase the case
	 * @return whether it is
	 */
	static boolean covers(BenchmarkCase benchmarkCase) {
		return ShmServers.serves(benchmarkCase.server());
	}

	/**
	 * Runs a case; a failure becomes a failed result rather than an exception, so the other cases still run.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param callers caller threads, more than 1 only for the many-callers cases ({@link CallersCases})
	 * @return the result
	 */
	ShmCaseResult run(BenchmarkCase benchmarkCase, int size, int callers) {
		boolean many = CallersCases.covers(benchmarkCase);
		String tag = benchmarkCase.id() + "-" + size + (many ? "-" + callers : "");
		// Not a socket: the name the server JVM derives the case's directory from (see ShmCaseFiles).
		Path name = Path.of(System.getProperty("java.io.tmpdir"), "cdmf-bench-" + ProcessHandle.current().pid() + "-"
				+ sequence.incrementAndGet() + "-" + tag + ".sock");
		double load = MachineInfo.currentLoad();
		logger.info("{} at {} B (load {})", CallersCases.describe(benchmarkCase, callers), size,
				MachineInfo.currentLoadAverage());
		ShmCaseFiles files = ShmCaseFiles.of(name);
		try {
			return runOn(benchmarkCase, size, callers, name, files, tag).withLoadAtStart(load);
		}
		finally {
			try {
				files.delete();
			}
			catch (IOException ex) {
				logger.warn("Could not delete {}: {}", files.directory(), ex.toString());
			}
		}
	}

	private ShmCaseResult runOn(BenchmarkCase benchmarkCase, int size, int callers, Path name, ShmCaseFiles files,
			String tag) {
		try (ServerProcess server = ServerProcess.start(benchmarkCase.server(), name, tag,
				this.options.serverJvmFlags()); ReceiverProbe probe = ReceiverProbe.open(files.probe())) {
			ShmCaseResult result = CallersCases.covers(benchmarkCase)
					? ShmCaseResult.ofCallers(CallersCases.measure(benchmarkCase, size, callers,
							CallersCases.Target.shm(name, files), this.options))
					: measure(benchmarkCase, size, files, probe);
			if (!server.isAlive()) {
				return ShmCaseResult.failed(benchmarkCase, size, callers,
						"server JVM " + server.pid() + " died during the run");
			}
			CaseResult figures = result.result();
			logger.info("  p50 {} us, p99 {} us, p99.9 {} us, {} msgs/s, {} B/msg (caller), {} B/msg (receiver){}",
					round(figures.p50Micros()), round(figures.p99Micros()), round(figures.p999Micros()),
					Math.round(figures.callsPerSecond()), Math.round(figures.callerBytesPerCall()),
					round(result.receiverBytesPerMessage()), result.stoppedAtBudget() ? " (byte budget)" : "");
			return result;
		}
		catch (IOException | RuntimeException ex) {
			logger.error("{} at {} B failed", CallersCases.describe(benchmarkCase, callers), size, ex);
			return ShmCaseResult.failed(benchmarkCase, size, callers, String.valueOf(ex.getMessage()));
		}
	}

	private ShmCaseResult measure(BenchmarkCase benchmarkCase, int size, ShmCaseFiles files, ReceiverProbe probe)
			throws IOException {
		long warmup = this.options.warmupNanos();
		long duration = this.options.durationNanos();
		boolean journal = benchmarkCase.server() == ServerKind.FRAMEWORK_JOURNAL
				|| benchmarkCase.server() == ServerKind.RAW_CHRONICLE;
		if (benchmarkCase.isAsync()) {
			long maxMessages = journal ? JOURNAL_BYTE_BUDGET / (size + 256) : Long.MAX_VALUE;
			try (OneWayClient client = oneWayClient(benchmarkCase, size, files)) {
				return ShmLoops.oneWay(benchmarkCase, size, client, probe, warmup, duration, maxMessages);
			}
		}
		// A round trip writes the payload twice: into the requests and into the responses.
		long maxCalls = journal ? JOURNAL_BYTE_BUDGET / (2L * (size + 128)) : Long.MAX_VALUE;
		try (SyncClient client = syncClient(benchmarkCase, size, files)) {
			return ShmLoops.roundTrips(benchmarkCase, size, client, probe, warmup, duration, maxCalls);
		}
	}

	private SyncClient syncClient(BenchmarkCase benchmarkCase, int size, ShmCaseFiles files) {
		return switch (benchmarkCase.server()) {
			case FRAMEWORK_SHM -> new FrameworkShmClient(files.ringEndpoint(), size, syncSpin());
			case RAW_AGRONA -> new RawAgronaClient(files, size);
			case RAW_CHRONICLE -> new RawChronicleClient(files, size);
			default -> throw new IllegalArgumentException(benchmarkCase + " has no round-trip client");
		};
	}

	private OneWayClient oneWayClient(BenchmarkCase benchmarkCase, int size, ShmCaseFiles files) {
		return switch (benchmarkCase.server()) {
			case FRAMEWORK_SHM -> new FrameworkShmClient(files.ringEndpoint(), size, syncSpin());
			case FRAMEWORK_JOURNAL -> new FrameworkShmClient(files.journalEndpoint(""), size, syncSpin());
			case RAW_AGRONA -> new RawAgronaClient(files, size);
			case RAW_CHRONICLE -> new RawChronicleClient(files, size);
			default -> throw new IllegalArgumentException(benchmarkCase + " has no one-way client");
		};
	}

	private Duration syncSpin() {
		return Duration.ofNanos(this.options.syncSpinNanos());
	}

	private static double round(double value) {
		// NaN stays NaN (a figure not sampled), rather than Math.round's 0.
		return Double.isNaN(value) ? value : Math.round(value * 10) / 10.0;
	}

}
