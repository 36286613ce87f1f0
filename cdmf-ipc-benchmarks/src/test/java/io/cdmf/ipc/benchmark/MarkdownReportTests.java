package io.cdmf.ipc.benchmark;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTests {

	@Test
	void whenOnlyManyCallersCasesRanThenOnlyTheirSectionHasFigures() {
		List<CaseResult> results = List.of(callers(BenchmarkCase.RAW_JDK_CALLERS, 1),
				callers(BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, 1));

		String text = report(results).render();

		assertThat(text).contains("## Run")
			.contains("## Many callers")
			.contains("| framework-unix-callers (inline) / raw-jdk-callers | 64 B |")
			.doesNotContain("## Goal check (64 B)")
			.doesNotContain("## 64 B")
			.doesNotContain("framework-unix-callers (inline) / raw-jdk |");
	}

	@Test
	void shouldKeepTheManyCallersRowsOutOfTheSizeTables() {
		List<CaseResult> results = List.of(callers(BenchmarkCase.RAW_JDK, 1), callers(BenchmarkCase.RAW_JDK_CALLERS, 4),
				callers(BenchmarkCase.FRAMEWORK_INLINE, 1));

		String text = report(results).render();

		assertThat(text).contains("## Goal check (64 B)")
			.contains("## 64 B")
			.contains("| raw-jdk | 10.0 |")
			.doesNotContain("| raw-jdk-callers | 10.0 |")
			.contains("| raw-jdk-callers | 64 B | 100,000 | 10.0 |");
	}

	private static MarkdownReport report(List<CaseResult> results) {
		BenchmarkOptions options = BenchmarkOptions.parse("--sizes", "64");
		MachineInfo machine = new MachineInfo(2, "0-1", "cpu", "java", "os", "0.1, 0.1, 0.1", "97%");
		return new MarkdownReport(options, machine, "scripts/benchmark.sh", List.of(), ZonedDateTime.now(),
				Duration.ofSeconds(1), "0.1, 0.1, 0.1", results);
	}

	private static CaseResult callers(BenchmarkCase benchmarkCase, int callers) {
		return new CaseResult(benchmarkCase, 64, callers, 1000, 10, 20, 30, 100_000, 0, 0, null, 0.5);
	}

}
