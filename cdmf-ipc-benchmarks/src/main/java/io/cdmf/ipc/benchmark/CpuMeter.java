package io.cdmf.ipc.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the CPU time the benchmark JVM and its forked server JVMs spend during a measurement, per call. Unlike
 * latency, CPU time per call hardly moves when other work shares the machine, so it shows what a change saves even
 * at a high load average.
 * <p>
 * The client figure includes the waiting caller's spinning; the server figure is every child process of this JVM
 * (one server runs at a time).
 *
 * @since 0.1.0
 */
final class CpuMeter {

	private static final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final Logger logger = LoggerFactory.getLogger(CpuMeter.class);

	private static final Map<String, Usage> measured = new ConcurrentHashMap<>();

	private final long clientBefore;

	private final long serverBefore;

	private CpuMeter() {
		this.clientBefore = os.getProcessCpuTime();
		this.serverBefore = childrenCpuNanos();
	}

	/**
	 * Starts counting.
	 * @return the meter
	 */
	static CpuMeter start() {
		return new CpuMeter();
	}

	/**
	 * Stops counting and records the figures of a case and size.
	 * @param result the measurement's result, for its case, size and call count
	 * @return the result with the CPU time per call ({@link CaseResult#withCpu})
	 */
	CaseResult stop(CaseResult result) {
		long client = os.getProcessCpuTime() - this.clientBefore;
		long server = childrenCpuNanos() - this.serverBefore;
		double calls = Math.max(1, result.count());
		Usage usage = new Usage(client / calls / 1000.0, server / calls / 1000.0);
		measured.put(key(result.benchmarkCase(), result.size()), usage);
		logger.info("  CPU per call: client {} us, server {} us", Math.round(usage.clientMicros() * 10) / 10.0,
				Math.round(usage.serverMicros() * 10) / 10.0);
		return result.withCpu(usage.clientMicros(), usage.serverMicros());
	}

	/**
	 * Returns the CPU time per call recorded for a case and size.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @return the figures, or {@code null} if not measured
	 */
	static @Nullable Usage of(BenchmarkCase benchmarkCase, int size) {
		return measured.get(key(benchmarkCase, size));
	}

	private static String key(BenchmarkCase benchmarkCase, int size) {
		return benchmarkCase.name() + "/" + size;
	}

	private static long childrenCpuNanos() {
		return ProcessHandle.current()
			.children()
			.mapToLong(child -> child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
			.sum();
	}

	/**
	 * CPU time per call.
	 *
	 * @param clientMicros in the benchmark JVM, in microseconds
	 * @param serverMicros in the server JVM, in microseconds
	 */
	record Usage(double clientMicros, double serverMicros) {

	}

}
