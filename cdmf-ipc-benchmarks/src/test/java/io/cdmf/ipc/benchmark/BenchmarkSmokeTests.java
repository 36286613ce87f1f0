package io.cdmf.ipc.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the harness as the real benchmark does (server JVMs forked, figures into a Markdown report), for a few
 * seconds, so that it keeps working without a full benchmark run in CI.
 */
class BenchmarkSmokeTests {

	@Test
	@Timeout(120)
	void shouldMeasureRawAndFrameworkCasesAcrossProcessesAndWriteTheReport(@TempDir Path directory) throws Exception {
		Path report = directory.resolve("benchmarks.md");

		int status = BenchmarkMain.run("--smoke", "--only", "raw-jdk,framework-unix", "--sizes", "64", "--output",
				report.toString());

		assertThat(status).as("exit status").isZero();
		String text = Files.readString(report);
		assertThat(text).contains("## 64 B")
			.containsPattern("\\| raw-jdk \\| [0-9.]+ \\|")
			.containsPattern("\\| framework-unix \\(inline\\) \\| [0-9.]+ \\|")
			.containsPattern("\\| framework-unix \\(executor\\) \\| [0-9.]+ \\|")
			.contains("| framework-unix (inline) / raw-jdk |")
			.contains("## Goal check (64 B)")
			.contains("## How it is measured")
			.doesNotContain("failed:");
	}

}
