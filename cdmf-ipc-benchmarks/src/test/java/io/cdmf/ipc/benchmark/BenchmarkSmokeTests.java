package io.cdmf.ipc.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the harness as the real benchmark does (server JVMs forked, figures into a Markdown report), for a few
 * seconds, so that it keeps working without a full benchmark run in CI: the single-caller cases and the
 * many-callers ones over {@code unix://}.
 */
class BenchmarkSmokeTests {

	@Test
	@Timeout(120)
	void shouldMeasureRawAndFrameworkCasesAcrossProcessesAndWriteTheReport(@TempDir Path directory) throws Exception {
		Path report = directory.resolve("benchmarks.md");

		// The many-callers cases with 4 callers only (the smoke run's default is 1 and 4): every run forks a server
		// JVM, and with both counts this test would take more than 20 s.
		int status = BenchmarkMain.run("--smoke", "--only",
				"raw-jdk,framework-unix,raw-jdk-callers,framework-unix-callers,typed-unix-callers", "--sizes", "64",
				"--callers", "4", "--output", report.toString());

		assertThat(status).as("exit status").isZero();
		assertThat(ShmReport.pathFor(report)).as("the shared-memory report, left alone").doesNotExist();
		String text = Files.readString(report);
		assertThat(text).contains("## 64 B")
			.containsPattern("\\| raw-jdk \\| [0-9.]+ \\|")
			.containsPattern("\\| framework-unix \\(inline\\) \\| [0-9.]+ \\|")
			.containsPattern("\\| framework-unix \\(executor\\) \\| [0-9.]+ \\|")
			.contains("| framework-unix (inline) / raw-jdk |")
			.contains("## Goal check (64 B)")
			.contains("## Many callers")
			.contains("| case | size | 4 callers calls/s | p50 µs | p99 µs | load |")
			.containsPattern("\\| raw-jdk-callers \\| 64 B \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.–]+ \\|")
			.containsPattern("\\| framework-unix-callers \\(inline\\) \\| 64 B \\| [0-9,]+ \\|")
			.containsPattern("\\| framework-unix-callers \\(executor\\) \\| 64 B \\| [0-9,]+ \\|")
			.containsPattern("\\| typed-unix-callers \\(inline\\) \\| 64 B \\| [0-9,]+ \\|")
			.contains("| framework-unix-callers (inline) / raw-jdk-callers | 64 B |")
			.contains("| typed-unix-callers (inline) / framework-unix-callers (inline) | 64 B |")
			.contains("Goals (64 B):")
			.contains("## How it is measured")
			.doesNotContain("raw-jdk-callers / raw-jdk |")
			.doesNotContain("failed:")
			.contains("## Summary (64 B)")
			.containsPattern(
					"\\| `unix://` \\| API: typed client, BINARY \\| typed-unix-callers \\(inline\\) \\| [0-9,]+ \\|")
			.contains("![Calls/s against callers](benchmarks/summary-calls-per-second.png)");
		assertThat(text.indexOf("## Summary")).as("the summary opens the report").isLessThan(text.indexOf("## Run"));
		assertThat(directory.resolve("benchmarks").resolve(SummaryCharts.CALLS_PER_SECOND)).isNotEmptyFile();
	}

}
