package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one case at one payload size: forks its server JVM on a fresh socket file, connects the client in this JVM,
 * measures, and destroys the server whatever happened.
 *
 * @since 0.1.0
 */
final class CaseRunner {

	private static final Logger logger = LoggerFactory.getLogger(CaseRunner.class);

	private static final AtomicInteger sequence = new AtomicInteger();

	private final BenchmarkOptions options;

	CaseRunner(BenchmarkOptions options) {
		this.options = options;
	}

	/**
	 * Runs a case; a failure becomes a failed result rather than an exception, so the other cases still run.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param callers caller threads, more than 1 only for the many-callers cases ({@link CallersCases})
	 * @return the result
	 */
	CaseResult run(BenchmarkCase benchmarkCase, int size, int callers) {
		String tag = benchmarkCase.server().id() + (benchmarkCase.isAsync() ? "-async-" : "-") + size
				+ (CallersCases.covers(benchmarkCase) ? "-callers-" + callers : "");
		Path socket = Path.of(System.getProperty("java.io.tmpdir"), "cdmf-bench-" + ProcessHandle.current().pid()
				+ "-" + sequence.incrementAndGet() + "-" + tag + ".sock");
		double load = MachineInfo.currentLoad();
		logger.info("{} at {} B (load {})", CallersCases.describe(benchmarkCase, callers), size,
				MachineInfo.currentLoadAverage());
		return runOn(benchmarkCase, size, callers, socket, tag).withLoadAtStart(load);
	}

	private CaseResult runOn(BenchmarkCase benchmarkCase, int size, int callers, Path socket, String tag) {
		try (ServerProcess server = ServerProcess.start(benchmarkCase.server(), socket, tag,
				this.options.serverJvmFlags())) {
			CaseResult result = measure(benchmarkCase, size, callers, socket);
			if (!server.isAlive()) {
				return CaseResult.failed(benchmarkCase, size, callers,
						"server JVM " + server.pid() + " died during the run");
			}
			logger.info("  p50 {} us, p99 {} us, p99.9 {} us, {} calls/s, {} B/call (caller), {} B/call (JVM)",
					round(result.p50Micros()), round(result.p99Micros()), round(result.p999Micros()),
					Math.round(result.callsPerSecond()), Math.round(result.callerBytesPerCall()),
					Math.round(result.processBytesPerCall()));
			return result;
		}
		catch (IOException | RuntimeException ex) {
			logger.error("{} at {} B failed", CallersCases.describe(benchmarkCase, callers), size, ex);
			return CaseResult.failed(benchmarkCase, size, callers, String.valueOf(ex.getMessage()));
		}
	}

	private CaseResult measure(BenchmarkCase benchmarkCase, int size, int callers, Path socket) throws IOException {
		if (NetworkCases.isNetwork(benchmarkCase)) {
			return NetworkCases.measure(benchmarkCase, size, socket, this.options);
		}
		if (CallersCases.covers(benchmarkCase)) {
			return CallersCases.measure(benchmarkCase, size, callers, CallersCases.Target.unix(benchmarkCase.server(), socket),
					this.options);
		}
		long warmup = this.options.warmupNanos();
		long duration = this.options.durationNanos();
		if (!benchmarkCase.isAsync()) {
			try (SyncClient client = syncClient(benchmarkCase, size, socket, this.options.syncSpinNanos())) {
				return LatencyLoop.run(benchmarkCase, size, client, warmup, duration);
			}
		}
		WindowLoop loop = new WindowLoop(this.options.window());
		try (AsyncClient client = asyncClient(benchmarkCase, size, socket, loop)) {
			return loop.run(benchmarkCase, size, client, warmup, duration);
		}
	}

	private static SyncClient syncClient(BenchmarkCase benchmarkCase, int size, Path socket, long syncSpinNanos)
			throws IOException {
		ServerKind kind = benchmarkCase.server();
		if (kind.isFramework()) {
			return FrameworkSyncClient.open(FrameworkServer.endpoint(socket), size, Duration.ofNanos(syncSpinNanos));
		}
		if (benchmarkCase == BenchmarkCase.RAW_JDK_SPIN) {
			return new RawSpinningClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)), size, syncSpinNanos);
		}
		return new RawPingPongClient(RawSockets.connect(kind, socket), size);
	}

	private static AsyncClient asyncClient(BenchmarkCase benchmarkCase, int size, Path socket, WindowLoop loop)
			throws IOException {
		ServerKind kind = benchmarkCase.server();
		return kind.isFramework() ? new FrameworkAsyncClient(socket, size, loop)
				: new RawPipelinedClient(RawSockets.connect(kind, socket), size, loop.window(), loop);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
