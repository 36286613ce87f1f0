package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The charts of the summary ({@link SummaryReport}), drawn with XChart as PNG files (SVG from XChart draws every
 * glyph as a path: several hundred kilobytes a chart, against tens as PNG): one chart of latency
 * percentiles (p50, p90, p99, p99.9 with one caller, a line per case) per transport, each with the peers beside our
 * cases, and one of calls/s against the number of callers, a line per case. Both axes of figures are logarithmic: the transports span
 * two orders of magnitude. The directory's earlier {@value #PREFIX}*.png files are removed first, so a chart of a
 * transport this run did not measure does not linger.
 *
 * @since 0.1.0
 */
final class SummaryCharts {

	/** The file name prefix of every summary chart. */
	static final String PREFIX = "summary-";

	/** The calls/s chart's file name. */
	static final String CALLS_PER_SECOND = PREFIX + "calls-per-second.png";

	private static final Logger logger = LoggerFactory.getLogger(SummaryCharts.class);

	private static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9");

	private static final List<String> GROUPS = List.of("shm", "unix", "tcp", "grpc", "other");

	private static final int WIDTH = 960;

	private static final int HEIGHT = 640;

	private SummaryCharts() {
	}

	/**
	 * Draws the charts of a summary.
	 * @param summary the summary
	 * @param directory where to write them (created if missing)
	 * @return the files written, in the order the report shows them
	 * @throws IOException if the directory or a chart cannot be written
	 */
	static List<Path> write(SummaryReport summary, Path directory) throws IOException {
		Files.createDirectories(directory);
		try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, PREFIX + "*.png")) {
			for (Path file : old) {
				Files.delete(file);
			}
		}
		List<Path> written = new ArrayList<>();
		for (Map.Entry<String, Chart<?, ?>> chart : charts(summary).entrySet()) {
			Path file = directory.resolve(chart.getKey());
			BitmapEncoder.saveBitmap(chart.getValue(), file.toString(), BitmapFormat.PNG);
			written.add(file);
		}
		logger.info("Wrote {} summary charts to {}", written.size(), directory);
		return written;
	}

	/**
	 * Builds the charts of a summary, without drawing them.
	 * @param summary the summary
	 * @return the charts by file name, in the order the report shows them
	 */
	static Map<String, Chart<?, ?>> charts(SummaryReport summary) {
		Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
		List<SummaryReport.Row> peers = summary.rows().stream().filter(SummaryReport.Row::isPeer).toList();
		Map<String, List<SummaryReport.Row>> groups = new LinkedHashMap<>();
		for (String group : GROUPS) {
			List<SummaryReport.Row> ours = summary.rows()
				.stream()
				.filter(row -> !row.isPeer() && row.at(1) != null
						&& SummaryCases.chartGroup(row.known()).equals(group))
				.toList();
			if (!ours.isEmpty()) {
				groups.put(group, ours);
			}
		}
		if (groups.isEmpty() && peers.stream().anyMatch(row -> row.at(1) != null)) {
			groups.put("peers", List.of());
		}
		for (Map.Entry<String, List<SummaryReport.Row>> group : groups.entrySet()) {
			List<SummaryReport.Row> rows = new ArrayList<>(group.getValue());
			rows.addAll(peers);
			String name = PREFIX + "latency-" + group.getKey() + ".png";
			charts.put(name, latency(title(name), rows));
		}
		boolean anyRate = summary.rows()
			.stream()
			.anyMatch(row -> summary.counts().stream().anyMatch(count -> row.at(count) != null));
		if (anyRate) {
			charts.put(CALLS_PER_SECOND, callsPerSecond(summary));
		}
		return charts;
	}

	/**
	 * Returns the title of a chart, from its file name.
	 * @param fileName the file name
	 * @return the title
	 */
	static String title(String fileName) {
		if (fileName.equals(CALLS_PER_SECOND)) {
			return "Calls/s against callers";
		}
		String group = fileName.substring((PREFIX + "latency-").length(), fileName.length() - ".png".length());
		String transport = switch (group) {
			case "peers" -> "the peers";
			case "other" -> "other transports";
			default -> group + "://";
		};
		return "Latency percentiles, " + transport + ", 1 caller";
	}

	private static CategoryChart latency(String title, List<SummaryReport.Row> rows) {
		List<SummaryReport.Row> drawn = rows.stream().filter(row -> row.at(1) != null).toList();
		// p90 is missing from figures recorded without it: then the chart leaves that column out for every series.
		boolean withP90 = drawn.stream().noneMatch(row -> Double.isNaN(row.at(1).percentiles()[1]));
		List<String> categories = new ArrayList<>(PERCENTILES);
		if (!withP90) {
			categories.remove("p90");
		}
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title)
			.xAxisTitle("percentile")
			.yAxisTitle("µs (log)")
			.build();
		// Lines, not bars: XChart draws bars from 0, which a logarithmic axis cannot show.
		chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
		chart.getStyler().setYAxisLogarithmic(true);
		chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
		chart.getStyler().setYAxisDecimalPattern("#,##0.#");
		chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
		for (SummaryReport.Row row : drawn) {
			double[] percentiles = row.at(1).percentiles();
			List<Double> values = new ArrayList<>();
			for (int i = 0; i < percentiles.length; i++) {
				if (i != 1 || withP90) {
					// A logarithmic axis refuses 0: a sub-resolution latency is drawn at the axis' floor.
					values.add(Math.max(percentiles[i], 0.01));
				}
			}
			chart.addSeries(seriesName(row), categories, values);
		}
		return chart;
	}

	private static XYChart callsPerSecond(SummaryReport summary) {
		XYChart chart = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title(CALLS_PER_SECOND))
			.xAxisTitle("callers (log)")
			.yAxisTitle("calls/s (log)")
			.build();
		chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
		chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
		chart.getStyler().setYAxisLogarithmic(true);
		chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
		chart.getStyler().setYAxisDecimalPattern("#,###");
		// A logarithmic axis needs two distinct values; ticks between the decades, for 1, 4, 16, 64.
		chart.getStyler().setXAxisLogarithmic(summary.counts().size() > 1);
		chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
		chart.getStyler().setXAxisDecimalPattern("#");
		for (SummaryReport.Row row : summary.rows()) {
			List<Double> callers = new ArrayList<>();
			List<Double> rates = new ArrayList<>();
			for (int count : summary.counts()) {
				SummaryReport.Figures figures = row.at(count);
				if (figures != null && figures.callsPerSecond() > 0) {
					callers.add((double) count);
					rates.add(figures.callsPerSecond());
				}
			}
			if (!callers.isEmpty()) {
				chart.addSeries(seriesName(row), callers, rates);
			}
		}
		return chart;
	}

	private static String seriesName(SummaryReport.Row row) {
		// A case's label is unique in a run and names it as the tables do.
		return row.label();
	}

}
