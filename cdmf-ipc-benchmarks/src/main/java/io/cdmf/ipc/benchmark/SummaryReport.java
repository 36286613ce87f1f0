package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import static io.cdmf.ipc.benchmark.ReportFormat.micros;
import static io.cdmf.ipc.benchmark.ReportFormat.rate;
import static io.cdmf.ipc.benchmark.ReportFormat.times;

/**
 * The summary that opens {@code docs/benchmarks.md}: one table of the many-callers cases of every transport and the
 * peers ({@link SummaryCases}), at one payload size (64 B when measured), with calls/s per caller count, the p50 of
 * one caller, bytes allocated per call, and each figure's ratio to the best peer; and the charts {@link SummaryCharts}
 * draws from the same figures. Built from every result of the run, whichever report the rest of them goes to.
 *
 * @param size the payload size of the figures
 * @param rows the rows, in the summary's order
 * @param counts the caller counts measured, ascending
 * @since 0.1.0
 */
record SummaryReport(int size, List<Row> rows, List<Integer> counts) {

	/** The payload size the summary prefers. */
	static final int PREFERRED_SIZE = 64;

	/**
	 * One case's figures at one caller count.
	 *
	 * @param id the case id
	 * @param label the case's label, as the other sections show it
	 * @param size the payload size
	 * @param callers the caller threads
	 * @param callsPerSecond calls per second of all callers
	 * @param percentiles p50, p90, p99 and p99.9 in microseconds (NaN where not recorded)
	 * @param bytesPerCall heap bytes the calling threads allocated per call, NaN if not measured
	 * @param failure why the run failed, or {@code null}
	 */
	record Figures(String id, String label, int size, int callers, double callsPerSecond, double[] percentiles,
			double bytesPerCall, @Nullable String failure) {

		/**
		 * Returns the figures of a result.
		 * @param result the result
		 * @return its figures
		 */
		static Figures of(CaseResult result) {
			return new Figures(result.benchmarkCase().id(), result.benchmarkCase().label(), result.size(),
					result.callers(), result.callsPerSecond(), new double[] { result.p50Micros(), result.p90Micros(),
							result.p99Micros(), result.p999Micros() },
					result.callerBytesPerCall(), result.failure());
		}

		boolean isSuccess() {
			return this.failure == null;
		}

		double p50() {
			return this.percentiles[0];
		}

	}

	/**
	 * One row of the table: a case (one label) and its figures by caller count.
	 *
	 * @param known what the summary knows of the case
	 * @param label the label, which tells rows of one id apart ({@code (inline)}, {@code (executor)})
	 * @param byCallers the figures by caller count
	 */
	record Row(SummaryCases.Known known, String label, Map<Integer, Figures> byCallers) {

		@Nullable Figures at(int callers) {
			Figures figures = this.byCallers.get(callers);
			return (figures != null && figures.isSuccess()) ? figures : null;
		}

		boolean isPeer() {
			return this.known.kind() == SummaryCases.Kind.PEER;
		}

	}

	/**
	 * Builds the summary of a run's results.
	 * @param results every result of the run
	 * @return the summary, with no rows when no case of the summary ran
	 */
	static SummaryReport of(List<CaseResult> results) {
		return ofFigures(results.stream().map(Figures::of).toList());
	}

	/**
	 * Builds the summary from figures (what {@link #of} does once it has them; tests give cases no enum has yet).
	 * @param all the figures
	 * @return the summary
	 */
	static SummaryReport ofFigures(List<Figures> all) {
		List<Figures> shown = all.stream().filter(figures -> SummaryCases.find(figures.id()).isPresent()).toList();
		int size = shown.stream().anyMatch(figures -> figures.size() == PREFERRED_SIZE) ? PREFERRED_SIZE
				: shown.stream().mapToInt(Figures::size).min().orElse(PREFERRED_SIZE);
		Map<String, Row> rows = new LinkedHashMap<>();
		for (Figures figures : shown) {
			if (figures.size() != size) {
				continue;
			}
			rows.computeIfAbsent(figures.label(),
					label -> new Row(SummaryCases.find(figures.id()).orElseThrow(), label, new LinkedHashMap<>()))
				.byCallers()
				.put(figures.callers(), figures);
		}
		List<Row> sorted = new ArrayList<>(rows.values());
		sorted.sort(Comparator.comparingInt((Row row) -> SummaryCases.rank(row.known())));
		List<Integer> counts = sorted.stream()
			.flatMap(row -> row.byCallers().keySet().stream())
			.distinct()
			.sorted()
			.toList();
		return new SummaryReport(size, List.copyOf(sorted), counts);
	}

	/**
	 * Returns whether no case of the summary ran.
	 * @return whether there is nothing to show
	 */
	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	/**
	 * Draws the charts into a directory and renders the summary, with the charts referenced relative to the report.
	 * @param directory the charts' directory, a sibling of the report (created if missing)
	 * @return the Markdown text, empty when no case of the summary ran
	 * @throws IOException if a chart cannot be written
	 */
	String write(Path directory) throws IOException {
		if (isEmpty()) {
			return "";
		}
		List<Path> charts = SummaryCharts.write(this, directory);
		return render(directory.getFileName().toString(), charts);
	}

	/**
	 * Renders the summary.
	 * @param chartDirectory the charts' directory as the report links it
	 * @param charts the chart files
	 * @return the Markdown text
	 */
	String render(String chartDirectory, List<Path> charts) {
		if (isEmpty()) {
			return "";
		}
		boolean peers = this.rows.stream().anyMatch(Row::isPeer);
		StringBuilder out = new StringBuilder(4096);
		out.append("## Summary (").append(MarkdownReport.sizeLabel(this.size)).append(")\n\n");
		out.append("N caller threads, each making synchronous `echo` calls one at a time, as a server application's ")
			.append("request pool does; each caller count is a run of its own against a fresh server JVM. *Boot app* ")
			.append("rows are typed `@IpcService`/`@IpcClient` Spring Boot apps with the default settings, *API* rows ")
			.append("the runtime's API with the settings of their section below, *raw* rows the baselines, and the ")
			.append("peers other frameworks' apps with the same payload, callers and JVM flags. ");
		if (peers) {
			out.append("In brackets: the figure over the best peer's at the same caller count (calls/s: above 1× is ")
				.append("more; p50: below 1× is faster). ");
		}
		else {
			out.append("No peer ran in this run, so there are no ratios. ");
		}
		out.append("*B/call*: heap the calling threads allocated per call with one caller.\n\n");
		appendTable(out);
		for (Path chart : charts) {
			String name = chart.getFileName().toString();
			out.append("![").append(SummaryCharts.title(name)).append("](").append(chartDirectory).append('/')
				.append(name).append(")\n\n");
		}
		return out.toString();
	}

	private void appendTable(StringBuilder out) {
		out.append("| transport | what | case |");
		for (int callers : this.counts) {
			out.append(' ').append(callers).append((callers == 1) ? " caller" : " callers").append(" calls/s |");
		}
		out.append(" p50 µs, 1 caller | B/call |\n|---|---|---|").append("--:|".repeat(this.counts.size()))
			.append("--:|--:|\n");
		for (Row row : this.rows) {
			out.append("| ").append(row.known().transport()).append(" | ").append(row.known().what()).append(" | ")
				.append(row.label()).append(" |");
			for (int callers : this.counts) {
				Figures figures = row.at(callers);
				out.append(' ');
				if (figures != null) {
					out.append(rate(figures.callsPerSecond()));
					bestPeer(callers, Figures::callsPerSecond, true).ifPresent(
							best -> out.append(" (").append(times(figures.callsPerSecond() / best)).append(')'));
				}
				else if (row.byCallers().containsKey(callers)) {
					out.append("failed");
				}
				out.append(" |");
			}
			Figures one = row.at(1);
			out.append(' ');
			if (one != null) {
				out.append(micros(one.p50()));
				bestPeer(1, Figures::p50, false)
					.ifPresent(best -> out.append(" (").append(times(one.p50() / best)).append(')'));
			}
			out.append(" | ").append((one == null || Double.isNaN(one.bytesPerCall())) ? "–"
					: ReportFormat.bytes(one.bytesPerCall())).append(" |\n");
		}
		out.append('\n');
	}

	private OptionalDouble bestPeer(int callers, ToDoubleFunction<Figures> figure, boolean highest) {
		var values = this.rows.stream()
			.filter(Row::isPeer)
			.map(row -> row.at(callers))
			.filter(figures -> figures != null)
			.mapToDouble(figure)
			.filter(value -> !Double.isNaN(value) && value > 0);
		return highest ? values.max() : values.min();
	}

}
