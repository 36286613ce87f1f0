package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shared-memory cases as the real benchmark does (server and consumer JVMs forked, figures into the
 * shared-memory report), for a few seconds.
 */
class ShmBenchmarkSmokeTests {

	@Test
	@Timeout(180)
	void shouldMeasureEverySharedMemoryCaseAcrossProcessesAndWriteItsOwnReport(@TempDir Path directory)
			throws Exception {
		Path report = directory.resolve("benchmarks.md");

		// One many-callers case only, with 4 callers, to keep the test under 20 s; it runs the same caller code as
		// framework-shm-callers (the typed client connects and calls through a plain proxy first).
		int status = BenchmarkMain.run("--smoke", "--only", "framework-shm,raw-agrona,raw-chronicle,"
				+ "framework-shm-oneway,framework-journal-oneway,raw-agrona-oneway,raw-chronicle-oneway,"
				+ "typed-shm-callers", "--callers", "4", "--output", report.toString());

		assertThat(status).as("exit status").isZero();
		assertThat(report).as("the socket report is left alone").doesNotExist();
		String text = Files.readString(directory.resolve("benchmarks-shm.md"));
		assertThat(text).contains("## Goal check")
			.containsPattern("\\| framework-shm \\(inline\\) \\| 64 B \\| [0-9.]+ \\|")
			.containsPattern("\\| raw-agrona \\| 64 B \\| [0-9.]+ \\|")
			.containsPattern("\\| raw-chronicle \\| 64 B \\| [0-9.]+ \\|")
			.containsPattern("\\| framework-shm-oneway \\(inline\\) \\| 64 B \\| [0-9,]+ \\|")
			.containsPattern("\\| framework-journal-oneway \\| 64 B \\| [0-9,]+ \\|")
			.containsPattern("\\| raw-agrona-oneway \\| 64 B \\| [0-9,]+ \\|")
			.containsPattern("\\| raw-chronicle-oneway \\| 64 B \\| [0-9,]+ \\|")
			.contains("## Ratios, framework / raw")
			.contains("## Many callers")
			.containsPattern("\\| typed-shm-callers \\(inline\\) \\| 64 B \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ "
					+ "\\| [0-9.–]+ \\|")
			.contains("## How it is measured")
			.doesNotContain("failed:");
		assertThat(text.split(Pattern.quote("| typed-shm-callers (inline) | 64 B |"), -1))
			.as("the many-callers row, in its own table only").hasSize(2);
		assertThat(leftovers()).as("case files left in %s", ShmCaseFiles.ROOT).isEmpty();
	}

	private static List<Path> leftovers() throws IOException {
		if (!Files.isDirectory(ShmCaseFiles.ROOT)) {
			return List.of();
		}
		String ours = "cdmf-bench-" + ProcessHandle.current().pid() + "-";
		try (Stream<Path> files = Files.list(ShmCaseFiles.ROOT)) {
			return files.filter(path -> path.getFileName().toString().startsWith(ours)).toList();
		}
	}

}
