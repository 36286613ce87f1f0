package io.cdmf.ipc.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import static io.cdmf.ipc.benchmark.ReportFormat.times;

/**
 * The network part of the report: each framework network case against its raw baseline
 * ({@link NetworkCases#baseline}), the goals checked at every measured size, and the fixed notes on method and profile
 * in {@value #NOTES_RESOURCE}. Empty when no network case ran.
 *
 * @since 0.1.0
 */
final class NetworkReport {

	/** The classpath resource with the network notes. */
	static final String NOTES_RESOURCE = "network-benchmark-notes.md";

	/** Goal: framework gRPC p50 at most this many times the raw grpc-java p50. */
	static final double GOAL_GRPC_P50_RATIO = 1.1;

	/** Goal: framework gRPC calls/s with 16 callers at least this many times raw grpc-java's. */
	static final double GOAL_GRPC_CALLERS_RATIO = 1.0;

	/** Goal: framework TCP p50 at most this many times the raw TCP ping-pong p50. */
	static final double GOAL_TCP_P50_RATIO = 1.3;

	private NetworkReport() {
	}

	/**
	 * Renders the network sections.
	 * @param results every result of the run
	 * @param sizes the payload sizes, in order
	 * @return the Markdown text, empty if no network case ran
	 */
	static String render(List<CaseResult> results, List<Integer> sizes) {
		if (results.stream().noneMatch(result -> NetworkCases.isNetwork(result.benchmarkCase()))) {
			return "";
		}
		StringBuilder out = new StringBuilder(4096);
		out.append("## Network transports: goals and ratios\n\n");
		out.append("Each framework case against the raw case of its row in the same run: `grpc://` against raw ")
			.append("grpc-java unary, `tcp://` against the raw TCP ping-pong. *p50* is the ratio of medians (lower is ")
			.append("better), *calls/s* the ratio of throughputs (higher is better); *CPU µs/call* is the CPU time the benchmark ")
			.append("JVM and the server JVM spent per call while measuring (framework vs raw), which other work on the ")
			.append("machine hardly moves.\n\n");
		out.append("| framework / raw | size | p50 | calls/s | CPU µs/call client + server | goal |\n")
			.append("|---|--:|--:|--:|--:|---|\n");
		for (int size : sizes) {
			for (BenchmarkCase framework : BenchmarkCase.values()) {
				BenchmarkCase base = NetworkCases.baseline(framework);
				if (base != null) {
					row(out, results, size, framework, base);
				}
				if (base == BenchmarkCase.RAW_TCP) {
					row(out, results, size, framework, BenchmarkCase.RAW_TCP_SPIN);
				}
			}
		}
		out.append('\n');
		out.append(notes());
		return out.toString();
	}

	private static void row(StringBuilder out, List<CaseResult> results, int size, BenchmarkCase framework,
			BenchmarkCase base) {
		Optional<CaseResult> top = find(results, size, framework);
		Optional<CaseResult> bottom = find(results, size, base);
		if (top.isEmpty() || bottom.isEmpty()) {
			return;
		}
		double p50 = ratio(top.get(), bottom.get(), CaseResult::p50Micros);
		double calls = ratio(top.get(), bottom.get(), CaseResult::callsPerSecond);
		out.append("| ").append(framework.label()).append(" / ").append(base.label()).append(" | ")
			.append(MarkdownReport.sizeLabel(size)).append(" | ").append(times(p50)).append(" | ")
			.append(times(calls)).append(" | ").append(cpu(framework, size)).append(" vs ").append(cpu(base, size))
			.append(" | ").append(goal(framework, base, p50, calls)).append(" |\n");
	}

	private static String cpu(BenchmarkCase benchmarkCase, int size) {
		CpuMeter.Usage usage = CpuMeter.of(benchmarkCase, size);
		return (usage == null) ? "?"
				: String.format(Locale.ROOT, "%.1f + %.1f", usage.clientMicros(), usage.serverMicros());
	}

	private static String goal(BenchmarkCase framework, BenchmarkCase base, double p50, double calls) {
		if (base == BenchmarkCase.RAW_TCP_SPIN) {
			return "(no goal: shows the cost of idle-CPU wake-ups)";
		}
		if (framework.server() == ServerKind.FRAMEWORK_GRPC) {
			return framework.isAsync() ? check("calls/s ≥ ", GOAL_GRPC_CALLERS_RATIO, calls >= GOAL_GRPC_CALLERS_RATIO)
					: check("p50 ≤ ", GOAL_GRPC_P50_RATIO, p50 <= GOAL_GRPC_P50_RATIO);
		}
		return check("p50 ≤ ", GOAL_TCP_P50_RATIO, p50 <= GOAL_TCP_P50_RATIO);
	}

	private static String check(String what, double goal, boolean met) {
		return what + times(goal) + ": " + (met ? "**met**" : "**not met**");
	}

	private static double ratio(CaseResult top, CaseResult bottom, ToDoubleFunction<CaseResult> figure) {
		return figure.applyAsDouble(top) / figure.applyAsDouble(bottom);
	}

	private static Optional<CaseResult> find(List<CaseResult> results, int size, BenchmarkCase benchmarkCase) {
		return results.stream()
			.filter(result -> result.size() == size && result.benchmarkCase() == benchmarkCase && result.isSuccess())
			.findFirst();
	}

	private static String notes() {
		return ReportFiles.notes(NOTES_RESOURCE);
	}

}
