package io.cdmf.ipc.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;

import static io.cdmf.ipc.benchmark.ReportFormat.micros;
import static io.cdmf.ipc.benchmark.ReportFormat.rate;

/**
 * The "Many callers" section of a report, one per transport: {@link MarkdownReport} renders the {@code unix://}
 * one, {@link ShmReport} the {@code shm://} one. One row per case and size, one column group per caller count
 * (calls/s, p50, p99), the ratios of {@link CallersCases#baseline}, and the goal check. Empty when the run measured
 * no many-callers case of the transport, so a report without them looks as before.
 *
 * @since 0.1.0
 */
final class CallersReport {

	/** The goals' payload size. */
	static final int GOAL_SIZE = 64;

	/** The goals' caller count: a request pool's worth. */
	static final int GOAL_CALLERS = 16;

	/** Goal: {@code unix://} calls per second with {@value #GOAL_CALLERS} callers at least this. */
	static final double GOAL_UNIX_CALLS_PER_SECOND = 150_000;

	/** Goal: {@code shm://} calls per second with {@value #GOAL_CALLERS} callers at least this. */
	static final double GOAL_SHM_CALLS_PER_SECOND = 300_000;

	private CallersReport() {
	}

	/**
	 * Renders the {@code unix://} section.
	 * @param results every result of the report; only the many-callers ones over Unix sockets are used
	 * @param options the run's options
	 * @return the Markdown text, empty if none ran
	 */
	static String unix(List<CaseResult> results, BenchmarkOptions options) {
		return render("`unix://`", GOAL_UNIX_CALLS_PER_SECOND, results.stream()
			.filter(result -> CallersCases.covers(result.benchmarkCase()) && !isSharedMemory(result))
			.toList(), options,
				"*raw-jdk-callers* gives each caller its own blocking JDK connection to the raw echo server (a server "
						+ "thread per connection): the bound for callers that share nothing.");
	}

	/**
	 * Renders the {@code shm://} section.
	 * @param results every result of the report; only the many-callers ones over shared memory are used
	 * @param options the run's options
	 * @return the Markdown text, empty if none ran
	 */
	static String sharedMemory(List<CaseResult> results, BenchmarkOptions options) {
		return render("`shm://`", GOAL_SHM_CALLS_PER_SECOND, results.stream()
			.filter(result -> CallersCases.covers(result.benchmarkCase()) && isSharedMemory(result))
			.toList(), options,
				"There is no raw Agrona row: the raw baseline's file has one response ring read by one client, and "
						+ "records without a correlation id, so N clients would take each other's echoes; a raw "
						+ "many-callers baseline needs a response ring per client (or ids and a demultiplexing "
						+ "reader), a redesign of `RawAgronaRings` not done yet.");
	}

	private static boolean isSharedMemory(CaseResult result) {
		return ShmServers.serves(result.benchmarkCase().server());
	}

	private static String render(String transport, double goal, List<CaseResult> results, BenchmarkOptions options,
			String baselineNote) {
		if (results.isEmpty()) {
			return "";
		}
		List<Integer> counts = results.stream().map(CaseResult::callers).distinct().sorted().toList();
		StringBuilder out = new StringBuilder(4096);
		out.append("## Many callers\n\n");
		out.append("N caller threads at once, each making synchronous calls one at a time over ").append(transport)
			.append(", as a server application's request pool does. The callers of a *framework* row share one ")
			.append("`ServiceProxy`; those of a *typed* row share one `IpcBinding` client of ")
			.append((options.typedFormat() == SerializationFormat.PROTOBUF) ? "`BytesValue echo(BytesValue)` in `"
					: "`byte[] echo(byte[])` in `")
			.append(options.typedFormat())
			.append("` over one proxy, against a server exporting that interface. ")
			.append((options.syncSpinOverride() == null) ? "The proxies keep `ProxyConfig`'s defaults (sync spin "
					: "The proxies keep `ProxyConfig`'s defaults but the sync spin (`--sync-spin-micros` ")
			.append(options.syncSpinNanos() / 1000)
			.append(" µs). Each caller count is a run of its own against a fresh server JVM. *calls/s* is every ")
			.append("caller's calls over the measuring time; the latencies are of every call of every caller. ")
			.append(baselineNote)
			.append("\n\n");
		appendGoals(out, transport, goal, results, counts);
		appendTable(out, results, counts, options.sizes());
		appendRatios(out, results, counts, options.sizes());
		appendFailures(out, results);
		return out.toString();
	}

	private static void appendGoals(StringBuilder out, String transport, double goal, List<CaseResult> results,
			List<Integer> counts) {
		out.append("Goals (").append(MarkdownReport.sizeLabel(GOAL_SIZE)).append("):\n\n");
		int before = out.length();
		for (BenchmarkCase framework : cases(results)) {
			if (!framework.isFramework()) {
				continue;
			}
			find(results, framework, GOAL_SIZE, GOAL_CALLERS).ifPresent(result -> out.append("- ")
				.append(framework.label()).append(", ").append(GOAL_CALLERS).append(" callers over ")
				.append(transport).append(": ").append(rate(result.callsPerSecond())).append(" calls/s; goal ≥ ")
				.append(rate(goal)).append(": ").append(met(result.callsPerSecond() >= goal)).append('\n'));
			List<CaseResult> series = new ArrayList<>();
			for (int callers : counts) {
				find(results, framework, GOAL_SIZE, callers).ifPresent(series::add);
			}
			if (series.size() >= 2) {
				boolean monotonic = true;
				for (int i = 1; i < series.size(); i++) {
					monotonic &= series.get(i).callsPerSecond() >= series.get(i - 1).callsPerSecond();
				}
				out.append("- ").append(framework.label()).append(", calls/s with ")
					.append(series.stream()
						.map(result -> Integer.toString(result.callers()))
						.collect(Collectors.joining(" → ")))
					.append(" callers: ")
					.append(series.stream()
						.map(result -> rate(result.callsPerSecond()))
						.collect(Collectors.joining(" → ")))
					.append("; goal never lower with more callers: ").append(met(monotonic)).append('\n');
			}
		}
		if (out.length() == before) {
			out.append("- not measured in this run (needs a framework case at ").append(MarkdownReport.sizeLabel(
					GOAL_SIZE)).append(" with ").append(GOAL_CALLERS).append(" callers, or with two caller counts)\n");
		}
		out.append('\n');
	}

	private static void appendTable(StringBuilder out, List<CaseResult> results, List<Integer> counts,
			List<Integer> sizes) {
		out.append("| case | size |");
		for (int callers : counts) {
			out.append(' ').append(callers(callers)).append(" calls/s | p50 µs | p99 µs |");
		}
		out.append(" load |\n|---|--:|").append("--:|--:|--:|".repeat(counts.size())).append("--:|\n");
		for (int size : sizes) {
			for (BenchmarkCase benchmarkCase : cases(results)) {
				List<CaseResult> row = results.stream()
					.filter(result -> result.benchmarkCase() == benchmarkCase && result.size() == size)
					.toList();
				if (row.isEmpty()) {
					continue;
				}
				out.append("| ").append(benchmarkCase.label()).append(" | ").append(MarkdownReport.sizeLabel(size))
					.append(" |");
				for (int callers : counts) {
					CaseResult result = cell(row, callers);
					if (result == null) {
						out.append(" | | |");
					}
					else if (!result.isSuccess()) {
						out.append(" failed | | |");
					}
					else {
						out.append(' ').append(rate(result.callsPerSecond())).append(" | ")
							.append(micros(result.p50Micros())).append(" | ").append(micros(result.p99Micros()))
							.append(" |");
					}
				}
				out.append(' ').append(load(row)).append(" |\n");
			}
		}
		out.append("\n*load*: 1 minute load average when the runs of the row started (lowest–highest).\n\n");
	}

	private static void appendRatios(StringBuilder out, List<CaseResult> results, List<Integer> counts,
			List<Integer> sizes) {
		StringBuilder rows = new StringBuilder();
		for (int size : sizes) {
			for (BenchmarkCase top : cases(results)) {
				BenchmarkCase bottom = CallersCases.baseline(top);
				if (bottom == null || results.stream().noneMatch(r -> r.benchmarkCase() == bottom)) {
					continue;
				}
				StringBuilder cells = new StringBuilder();
				boolean any = false;
				for (int callers : counts) {
					Optional<Double> calls = ratio(results, top, bottom, size, callers, CaseResult::callsPerSecond);
					Optional<Double> p50 = ratio(results, top, bottom, size, callers, CaseResult::p50Micros);
					any |= calls.isPresent();
					cells.append(' ').append(calls.map(ReportFormat::times).orElse("—")).append(" | ")
						.append(p50.map(ReportFormat::times).orElse("—")).append(" |");
				}
				if (any) {
					rows.append("| ").append(top.label()).append(" / ").append(bottom.label()).append(" | ")
						.append(MarkdownReport.sizeLabel(size)).append(" |").append(cells).append('\n');
				}
			}
		}
		if (rows.length() == 0) {
			return;
		}
		out.append("| ratio | size |");
		for (int callers : counts) {
			out.append(' ').append(callers(callers)).append(" calls/s | p50 |");
		}
		out.append("\n|---|--:|").append("--:|--:|".repeat(counts.size())).append('\n').append(rows).append('\n');
	}

	private static void appendFailures(StringBuilder out, List<CaseResult> results) {
		for (CaseResult result : results) {
			if (!result.isSuccess()) {
				out.append("- failed: ").append(result.benchmarkCase().label()).append(", ")
					.append(callers(result.callers())).append(", ").append(MarkdownReport.sizeLabel(result.size()))
					.append(": ").append(String.valueOf(result.failure()).replace('|', '/')).append('\n');
			}
		}
		if (results.stream().anyMatch(result -> !result.isSuccess())) {
			out.append('\n');
		}
	}

	private static List<BenchmarkCase> cases(List<CaseResult> results) {
		return results.stream().map(CaseResult::benchmarkCase).distinct().sorted().toList();
	}

	private static @Nullable CaseResult cell(List<CaseResult> row, int callers) {
		return row.stream().filter(result -> result.callers() == callers).findFirst().orElse(null);
	}

	private static Optional<CaseResult> find(List<CaseResult> results, BenchmarkCase benchmarkCase, int size,
			int callers) {
		return results.stream()
			.filter(result -> result.benchmarkCase() == benchmarkCase && result.size() == size
					&& result.callers() == callers && result.isSuccess())
			.findFirst();
	}

	private static Optional<Double> ratio(List<CaseResult> results, BenchmarkCase top, BenchmarkCase bottom, int size,
			int callers, ToDoubleFunction<CaseResult> figure) {
		Optional<CaseResult> numerator = find(results, top, size, callers);
		Optional<CaseResult> denominator = find(results, bottom, size, callers);
		if (numerator.isEmpty() || denominator.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(figure.applyAsDouble(numerator.get()) / figure.applyAsDouble(denominator.get()));
	}

	private static String load(List<CaseResult> row) {
		double low = row.stream().mapToDouble(CaseResult::loadAtStart).filter(load -> load >= 0).min().orElse(-1);
		double high = row.stream().mapToDouble(CaseResult::loadAtStart).filter(load -> load >= 0).max().orElse(-1);
		if (low < 0) {
			return "?";
		}
		return (low == high) ? String.format(Locale.ROOT, "%.2f", low)
				: String.format(Locale.ROOT, "%.2f–%.2f", low, high);
	}

	private static String callers(int callers) {
		return callers + ((callers == 1) ? " caller" : " callers");
	}

	private static String met(boolean met) {
		return met ? "**met**" : "**not met**";
	}

}
