package io.cdmf.ipc.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The selection of the user's-path and peer cases, the start-up options, the machine-readable results file and the
 * start-up report, without forking anything.
 */
class AppCasesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void shouldSelectTheBootPeerAndStartupCasesAsManyCallersOnesAndTakeThePeersFolder() {
		BenchmarkOptions options = BenchmarkOptions.parse("--only",
				"boot-unix-callers,boot-unix-json-callers,peer-dubbo-triple-callers,startup", "--peers-dir", "peers",
				"--startup-runs", "3");

		assertThat(options.cases()).containsExactly(BenchmarkCase.BOOT_UNIX_CALLERS,
				BenchmarkCase.BOOT_UNIX_JSON_CALLERS, BenchmarkCase.PEER_DUBBO_TRIPLE_CALLERS, BenchmarkCase.STARTUP);
		assertThat(options.cases().subList(0, 3)).allMatch(CallersCases::covers).allMatch(AppCases::covers);
		assertThat(AppCases.covers(BenchmarkCase.STARTUP)).isFalse();
		assertThat(CallersCases.covers(BenchmarkCase.STARTUP)).isFalse();
		assertThat(AppCases.isPeer(BenchmarkCase.PEER_DUBBO_TRIPLE_CALLERS)).isTrue();
		assertThat(AppCases.isPeer(BenchmarkCase.BOOT_UNIX_CALLERS)).isFalse();
		assertThat(CallersCases.baseline(BenchmarkCase.BOOT_GRPC_CALLERS))
			.isEqualTo(BenchmarkCase.PEER_SPRING_GRPC_CALLERS);
		assertThat(options.peersDir()).isEqualTo(Path.of("peers"));
		assertThat(options.startupRuns()).isEqualTo(3);
		assertThat(BenchmarkOptions.parse().startupRuns()).isEqualTo(BenchmarkOptions.DEFAULT_STARTUP_RUNS);
		assertThat(BenchmarkOptions.parse("--smoke").startupRuns()).isEqualTo(BenchmarkOptions.SMOKE_STARTUP_RUNS);
		assertThat(BenchmarkOptions.parse().peersDir()).isNull();
	}

	@Test
	void whenThePeersAreNotBuiltThenAPeerCaseFailsSayingHowToBuildThem() {
		List<CaseResult> results = AppCases.run(BenchmarkCase.PEER_SPRING_GRPC_CALLERS, 64,
				BenchmarkOptions.parse("--smoke"));

		assertThat(results).extracting(CaseResult::callers).containsExactly(1, 4);
		assertThat(results).noneMatch(CaseResult::isSuccess)
			.allSatisfy(result -> assertThat(result.failure()).contains("scripts/benchmark.sh").contains("-P peers"));
	}

	@Test
	void shouldCarryAResultFromTheClientApplicationAsOneJsonLineWithNothingLost() {
		CaseResult result = new CaseResult(BenchmarkCase.BOOT_SHM_CALLERS, 64, 16, 12345, 10.5, 30.25, 40.125, 98765.5,
				120, 130, null, 1.5, 20.75, 7.5, Double.NaN);

		String line = AppHarness.toJson(result);

		assertThat(line).doesNotContain("\n").contains("\"serverCpuMicrosPerCall\":null");
		assertThat(AppHarness.fromJson(line)).isEqualTo(result);
	}

	@Test
	void shouldMergeARunIntoTheResultsFileReplacingTheRowsOfTheSameCaseSizeAndCallersOnly(@TempDir Path directory)
			throws Exception {
		Path file = ResultsFile.pathFor(directory.resolve("benchmarks.md"));
		assertThat(file.getFileName()).hasToString("benchmarks-results.jsonl");
		ResultsFile.merge(file, List.of(result(BenchmarkCase.BOOT_UNIX_CALLERS, 1, 100),
				result(BenchmarkCase.BOOT_UNIX_CALLERS, 4, 200), result(BenchmarkCase.RAW_JDK_CALLERS, 4, 300)),
				List.of(startup("boot-unix-binary", 1400, false)));

		ResultsFile.merge(file, List.of(result(BenchmarkCase.BOOT_UNIX_CALLERS, 4, 250),
				CaseResult.failed(BenchmarkCase.PEER_DUBBO_CALLERS, 64, 4, "no peers")),
				List.of(startup("peer-spring-grpc", 1300, true)));

		List<JsonNode> rows = Files.readAllLines(file).stream().map(this.json::readTree).toList();
		assertThat(rows).hasSize(6);
		assertThat(rows).filteredOn(row -> row.path("case").asString().equals("boot-unix-callers"))
			.extracting(row -> row.path("callers").asInt() + ":" + row.path("count").asLong())
			.containsExactlyInAnyOrder("1:100", "4:250");
		JsonNode failed = rows.stream()
			.filter(row -> row.path("case").asString().equals("peer-dubbo-callers"))
			.findFirst()
			.orElseThrow();
		assertThat(failed.path("failure").asString()).isEqualTo("no peers");
		assertThat(failed.path("p50Micros").isNull()).isTrue();
		assertThat(failed.path("group").asString()).isEqualTo("peer");
		assertThat(failed.path("transport").asString()).isEqualTo("dubbo");
		assertThat(rows).filteredOn(row -> row.path("row").asString().equals("startup"))
			.extracting(row -> row.path("app").asString())
			.containsExactly("boot-unix-binary", "peer-spring-grpc");
	}

	@Test
	void shouldReportStartupAgainstSpringGrpcWithTheGoalChecked() {
		StartupReport report = new StartupReport(MachineInfo.capture(), "scripts/benchmark.sh --only startup",
				List.of(), java.time.ZonedDateTime.now(), java.time.Duration.ofSeconds(10), "0.5",
				BenchmarkOptions.parse("--startup-runs", "5"), List.of(startup("boot-unix-binary", 1350, false),
						startup("boot-unix-json", 1600, false), startup("peer-spring-grpc", 1300, true)));

		String text = report.render();

		assertThat(text).contains("| Boot app, boot-unix-binary | 1350 |")
			.contains("+50 ms | **met** |")
			.contains("+300 ms | **not met** |")
			.contains("## Where the time goes");
	}

	private static CaseResult result(BenchmarkCase benchmarkCase, int callers, long count) {
		return new CaseResult(benchmarkCase, 64, callers, count, 10, 20, 30, 1000, 100, 110, null, 0.5, 15, 5, 6);
	}

	private static StartupResult startup(String app, double millis, boolean peer) {
		return new StartupResult(app, "Boot app, " + app, "unix", "BINARY", peer, 5, millis, millis - 10,
				millis + 10, millis - 300, 6000, 2500, 0.5, null);
	}

}
