package io.cdmf.ipc.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShmReportTests {

	@Test
	void shouldPutTheSharedMemoryReportNextToTheMainOne() {
		assertThat(ShmReport.pathFor(Path.of("docs", "benchmarks.md"))).isEqualTo(Path.of("docs", "benchmarks-shm.md"));
		assertThat(ShmReport.pathFor(Path.of("/tmp/run"))).isEqualTo(Path.of("/tmp/run-shm.md"));
	}

	@Test
	void shouldCheckTheGoalsAndRatiosOfTheIssue() {
		List<ShmCaseResult> results = List.of(roundTrip(BenchmarkCase.FRAMEWORK_SHM, 64, 2.5, 400),
				roundTrip(BenchmarkCase.RAW_AGRONA, 64, 0.5, 0), roundTrip(BenchmarkCase.FRAMEWORK_SHM, 65536, 12, 400),
				roundTrip(BenchmarkCase.RAW_AGRONA, 65536, 5, 0), oneWay(BenchmarkCase.FRAMEWORK_SHM_ONE_WAY, 6e6, 0),
				oneWay(BenchmarkCase.RAW_AGRONA_ONE_WAY, 12e6, 0),
				oneWay(BenchmarkCase.FRAMEWORK_JOURNAL_ONE_WAY, 0.9e6, 0),
				ShmCaseResult.failed(BenchmarkCase.RAW_CHRONICLE_ONE_WAY, 64, "no | queue"));

		String text = report(results).render();

		assertThat(text).contains("- `shm://` 64 B round trip p50: 2.50 µs; goal ≤ 3.00 µs: **met**")
			.contains("- `shm://` 64 KiB round trip p50 / raw-agrona: 2.40×; goal ≤ 2.00×: **not met**")
			.contains("- `shm://` 64 B one-way: 6,000,000 msgs/s; goal ≥ 5,000,000: **met**")
			.contains("per received one-way message (server thread): 0; goal 0: **met**")
			.contains("- `shm+journal://` 64 B one-way: 900,000 msgs/s; goal ≥ 1,000,000: **not met**")
			.contains("| 64 B | 5.00× | 5.00× | 0.50× | — | — | — |")
			.contains("| raw-chronicle-oneway | 64 B | failed: no / queue |");
	}

	private static ShmReport report(List<ShmCaseResult> results) {
		BenchmarkOptions options = BenchmarkOptions.parse("--sizes", "64,65536");
		MachineInfo machine = new MachineInfo(2, "0-1", "cpu", "java", "os", "0.1, 0.1, 0.1", "97%");
		return new ShmReport(options, machine, "scripts/benchmark.sh", List.of(), ZonedDateTime.now(),
				Duration.ofSeconds(1), "0.1, 0.1, 0.1", results);
	}

	private static ShmCaseResult roundTrip(BenchmarkCase benchmarkCase, int size, double p50, double receiverBytes) {
		return new ShmCaseResult(new CaseResult(benchmarkCase, size, 1, 1000, p50, p50 * 2, p50 * 3, 1e6 / p50, 0, 0,
				null, 0.5), receiverBytes, 0, false);
	}

	private static ShmCaseResult oneWay(BenchmarkCase benchmarkCase, double rate, double receiverBytes) {
		return new ShmCaseResult(new CaseResult(benchmarkCase, 64, 1, 1000, 1, 2, 3, rate, 0, 0, null, 0.5),
				receiverBytes, 100, false);
	}

}
