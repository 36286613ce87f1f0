package io.cdmf.ipc.benchmark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryReportTests {

	@Test
	void shouldTabulateTheKnownCasesInOrderWithRatiosToTheBestPeer() {
		List<SummaryReport.Figures> figures = new ArrayList<>();
		// Peers first and our rows after, so the order shown is the summary's, not the run's.
		figures.add(figures("peer-dubbo-callers", "peer-dubbo-callers", 1, 5_000, 200));
		figures.add(figures("peer-dubbo-callers", "peer-dubbo-callers", 16, 40_000, 400));
		figures.add(figures("peer-spring-grpc-callers", "peer-spring-grpc-callers", 1, 4_000, 250));
		figures.add(figures("peer-spring-grpc-callers", "peer-spring-grpc-callers", 16, 50_000, 320));
		figures.add(figures("typed-unix-callers", "typed-unix-callers (inline)", 1, 40_000, 25));
		figures.add(figures("typed-unix-callers", "typed-unix-callers (inline)", 16, 150_000, 100));
		figures.add(figures("boot-shm-callers", "boot-shm-callers", 1, 400_000, 2));
		figures.add(figures("boot-shm-callers", "boot-shm-callers", 16, 500_000, 30));
		figures.add(figures("raw-jdk-callers", "raw-jdk-callers", 1, 60_000, 16));
		figures.add(new SummaryReport.Figures("raw-jdk-callers", "raw-jdk-callers", 64, 16, Double.NaN,
				new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NaN }, Double.NaN, "server died"));
		// Not summary cases: one caller only, and a one-way burst.
		figures.add(figures("raw-jdk", "raw-jdk", 1, 70_000, 14));
		figures.add(figures("framework-shm-oneway", "framework-shm-oneway (inline)", 1, 1_000_000, 1));

		SummaryReport summary = SummaryReport.ofFigures(figures);
		String text = summary.render("benchmarks", List.of());

		assertThat(summary.counts()).containsExactly(1, 16);
		assertThat(text).startsWith("## Summary (64 B)\n\n")
			.contains("| transport | what | case | 1 caller calls/s | 16 callers calls/s | p50 µs, 1 caller "
					+ "| B/call |")
			.contains("| `shm://` | Boot app, typed, BINARY | boot-shm-callers | 400,000 (80.00×) | 500,000 (10.00×) "
					+ "| 2.00 (0.01×) | 96 |")
			.contains("| `unix://` | API: typed client, BINARY | typed-unix-callers (inline) | 40,000 (8.00×) "
					+ "| 150,000 (3.00×) | 25.0 (0.13×) | 96 |")
			.contains("| `unix://` | raw JDK sockets, a connection per caller | raw-jdk-callers | 60,000 (12.00×) "
					+ "| failed | 16.0 (0.08×) | 96 |")
			.contains("| Dubbo (TCP) | Dubbo 3.3.5, dubbo protocol | peer-dubbo-callers | 5,000 (1.00×) "
					+ "| 40,000 (0.80×) | 200.0 (1.00×) | 96 |")
			.contains("| gRPC | Spring gRPC 1.0.3 | peer-spring-grpc-callers | 4,000 (0.80×) | 50,000 (1.00×) "
					+ "| 250.0 (1.25×) | 96 |")
			.doesNotContain("| raw-jdk |")
			.doesNotContain("oneway")
			.doesNotContain("boot-tcp-callers")
			.doesNotContain("boot-unix-callers");
		assertThat(rowOrder(text)).containsExactly("boot-shm-callers", "typed-unix-callers (inline)",
				"raw-jdk-callers", "peer-spring-grpc-callers", "peer-dubbo-callers");
	}

	@Test
	void whenNoPeerRanThenTheTableHasNoRatios() {
		SummaryReport summary = SummaryReport
			.ofFigures(List.of(figures("framework-unix-callers", "framework-unix-callers (inline)", 4, 90_000, 40)));

		String text = summary.render("benchmarks", List.of());

		assertThat(text).contains("No peer ran in this run")
			.contains("| `unix://` | API: `ServiceProxy` | framework-unix-callers (inline) | 90,000 |  | – |")
			.doesNotContain("×");
	}

	@Test
	void shouldPlaceAManyCallersCaseItDoesNotListAfterTheListedOnesOfItsKind() {
		SummaryReport summary = SummaryReport.ofFigures(List.of(
				figures("peer-rest-callers", "peer-rest-callers", 1, 2_000, 600),
				figures("peer-thrift-callers", "peer-thrift-callers", 1, 3_000, 300),
				figures("boot-udp-callers", "boot-udp-callers", 1, 30_000, 30),
				figures("boot-unix-callers", "boot-unix-callers", 1, 40_000, 24)));

		String text = summary.render("benchmarks", List.of());

		assertThat(rowOrder(text)).containsExactly("boot-unix-callers", "boot-udp-callers", "peer-rest-callers",
				"peer-thrift-callers");
	}

	@Test
	void whenNoSummaryCaseRanThenItIsEmptyAndDrawsNothing(@TempDir Path directory) throws IOException {
		SummaryReport summary = SummaryReport.of(List.of(result(BenchmarkCase.RAW_JDK, 1, Double.NaN)));

		assertThat(summary.isEmpty()).isTrue();
		assertThat(summary.write(directory.resolve("benchmarks"))).isEmpty();
		assertThat(directory.resolve("benchmarks")).doesNotExist();
	}

	@Test
	void shouldDrawALatencyChartPerTransportWithThePeersAndACallsPerSecondChart(@TempDir Path directory)
			throws IOException {
		Path charts = directory.resolve("benchmarks");
		Files.createDirectories(charts);
		Files.writeString(charts.resolve("summary-latency-tcp.png"), "stale");
		Files.writeString(charts.resolve("keep.txt"), "not a chart");
		SummaryReport summary = SummaryReport.ofFigures(List.of(
				figures("typed-unix-callers", "typed-unix-callers (inline)", 1, 30_000, 31),
				figures("typed-unix-callers", "typed-unix-callers (inline)", 4, 90_000, 40),
				figures("raw-jdk-callers", "raw-jdk-callers", 1, 50_000, 20),
				figures("typed-shm-callers", "typed-shm-callers (inline)", 1, 300_000, 3),
				figures("typed-shm-callers", "typed-shm-callers (inline)", 4, 700_000, 5)));

		String text = summary.write(charts);

		assertThat(text).contains("![Latency percentiles, shm://, 1 caller](benchmarks/summary-latency-shm.png)")
			.contains("![Latency percentiles, unix://, 1 caller](benchmarks/summary-latency-unix.png)")
			.contains("![Calls/s against callers](benchmarks/summary-calls-per-second.png)");
		try (Stream<Path> files = Files.list(charts)) {
			assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
					"summary-latency-shm.png", "summary-latency-unix.png", "summary-calls-per-second.png", "keep.txt");
		}
		for (String name : List.of("summary-latency-shm.png", "summary-latency-unix.png",
				"summary-calls-per-second.png")) {
			BufferedImage image = parse(charts.resolve(name));
			assertThat(image.getWidth()).as(name).isEqualTo(960);
		}
	}

	@Test
	void shouldChartEachTransportsCasesWithThePeersAndEveryCaseAgainstCallers() {
		List<SummaryReport.Figures> figures = List.of(
				figures("typed-unix-callers", "typed-unix-callers (inline)", 1, 40_000, 25),
				figures("typed-unix-callers", "typed-unix-callers (inline)", 4, 100_000, 40),
				figures("boot-shm-callers", "boot-shm-callers", 1, 400_000, 2),
				figures("peer-dubbo-callers", "peer-dubbo-callers", 1, 5_000, 200),
				figures("peer-dubbo-callers", "peer-dubbo-callers", 4, 15_000, 260),
				figures("raw-grpc-callers", "raw-grpc (unary, 16 callers)", 16, 30_000, 500));

		Map<String, Chart<?, ?>> charts = SummaryCharts.charts(SummaryReport.ofFigures(figures));

		assertThat(charts).containsOnlyKeys("summary-latency-shm.png", "summary-latency-unix.png",
				"summary-calls-per-second.png");
		CategoryChart unix = (CategoryChart) charts.get("summary-latency-unix.png");
		assertThat(unix.getTitle()).isEqualTo("Latency percentiles, unix://, 1 caller");
		assertThat(unix.getSeriesMap()).containsOnlyKeys("typed-unix-callers (inline)",
				"peer-dubbo-callers");
		CategorySeries typed = unix.getSeriesMap().get("typed-unix-callers (inline)");
		assertThat(typed.getXData().stream().map(String::valueOf).toList()).containsExactly("p50", "p90", "p99",
				"p99.9");
		assertThat(typed.getYData().stream().map(Number::doubleValue).toList()).containsExactly(25.0, 37.5, 50.0, 75.0);
		assertThat(charts.get("summary-latency-shm.png").getSeriesMap()).containsOnlyKeys("boot-shm-callers",
				"peer-dubbo-callers");
		XYChart rates = (XYChart) charts.get("summary-calls-per-second.png");
		assertThat(rates.getSeriesMap()).containsOnlyKeys("typed-unix-callers (inline)", "boot-shm-callers",
				"peer-dubbo-callers", "raw-grpc (unary, 16 callers)");
		XYSeries dubbo = rates.getSeriesMap().get("peer-dubbo-callers");
		assertThat(dubbo.getXData()).containsExactly(1, 4);
		assertThat(dubbo.getYData()).containsExactly(5_000, 15_000);
	}

	@Test
	void whenAResultHasNoP90ThenTheChartLeavesThatColumnOut(@TempDir Path directory) throws IOException {
		CaseResult withoutP90 = new CaseResult(BenchmarkCase.FRAMEWORK_SHM_CALLERS, 64, 1, 1000, 2, 4, 6, 400_000, 96,
				96, null, 0.5);
		SummaryReport summary = SummaryReport.of(List.of(withoutP90));

		CategoryChart chart = (CategoryChart) SummaryCharts.charts(summary).get("summary-latency-shm.png");

		assertThat(chart.getSeriesMap()
			.get("framework-shm-callers (inline)")
			.getXData()
			.stream()
			.map(String::valueOf)
			.toList()).containsExactly("p50",
				"p99", "p99.9");
		assertThat(summary.write(directory)).contains("summary-latency-shm.png");
		parse(directory.resolve("summary-latency-shm.png"));
	}

	@Test
	void shouldOpenTheUnixReportWithTheSummary() {
		BenchmarkOptions options = BenchmarkOptions.parse("--sizes", "64");
		MachineInfo machine = new MachineInfo(2, "0-1", "cpu", "java", "os", "0.1, 0.1, 0.1", "97%");
		MarkdownReport report = new MarkdownReport(options, machine, "scripts/benchmark.sh", List.of(),
				ZonedDateTime.now(), Duration.ofSeconds(1), "0.1, 0.1, 0.1",
				List.of(result(BenchmarkCase.RAW_JDK_CALLERS, 1, 10)));

		String text = report.render("## Summary (64 B)\n\nthe table\n\n");

		assertThat(text.indexOf("## Summary (64 B)")).isGreaterThan(text.indexOf("# CDMF IPC cross-process benchmark"))
			.isLessThan(text.indexOf("## Run"));
		assertThat(text).contains("## Many callers");
		assertThat(report.render()).doesNotContain("## Summary");
	}

	@Test
	void shouldPutTheChartsInADirectoryNamedAfterTheReport() {
		assertThat(BenchmarkMain.chartDirectory(Path.of("docs", "benchmarks.md")))
			.isEqualTo(Path.of("docs", "benchmarks"));
		assertThat(BenchmarkMain.chartDirectory(Path.of("/tmp/report"))).isEqualTo(Path.of("/tmp/report-charts"));
	}

	private static List<String> rowOrder(String text) {
		return text.lines()
			.filter(line -> line.startsWith("| ") && !line.startsWith("| transport"))
			.map(line -> line.split(" \\| ")[2])
			.toList();
	}

	private static SummaryReport.Figures figures(String id, String label, int callers, double callsPerSecond,
			double p50) {
		return new SummaryReport.Figures(id, label, 64, callers, callsPerSecond,
				new double[] { p50, p50 * 1.5, p50 * 2, p50 * 3 }, 96, null);
	}

	private static CaseResult result(BenchmarkCase benchmarkCase, int callers, double p50) {
		return new CaseResult(benchmarkCase, 64, callers, 1000, p50, p50 * 2, p50 * 3, 1e6 / p50 * callers, 96, 96,
				null, 0.5);
	}

	private static BufferedImage parse(Path file) throws IOException {
		assertThat(Files.size(file)).as(file.toString()).isGreaterThan(1000);
		BufferedImage image = ImageIO.read(file.toFile());
		assertThat(image).as("%s is a PNG", file).isNotNull();
		return image;
	}

}
