package io.cdmf.ipc.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's path for real, briefly: the Boot server and client applications forked as two JVMs over
 * {@code unix://}, the client's caller loop reporting back, the row in the report and the results file. The peers
 * are not built by the default build, so they are not run here.
 */
class BootAppsSmokeTests {

	@Test
	@Timeout(180)
	void shouldMeasureTheBootAppsInTwoJvmsAndWriteTheirRow(@TempDir Path directory) throws Exception {
		Path report = directory.resolve("benchmarks.md");

		int status = BenchmarkMain.run("--smoke", "--only", "boot-unix-callers", "--callers", "1,2", "--output",
				report.toString());

		assertThat(status).as("exit status").isZero();
		assertThat(Files.readString(report)).contains("## Many callers")
			.containsPattern("\\| boot-unix-callers \\(Boot apps, BINARY\\) \\| 64 B \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\| "
					+ "[0-9,]+ \\|")
			.doesNotContain("failed:");
		List<String> lines = Files.readAllLines(ResultsFile.pathFor(report));
		assertThat(lines).as("a row per caller count, from one client application").hasSize(2);
		JsonNode row = JsonMapper.builder().build().readTree(lines.get(1));
		assertThat(row.path("case").asString()).isEqualTo("boot-unix-callers");
		assertThat(row.path("group").asString()).isEqualTo("boot");
		assertThat(row.path("callers").asInt()).isEqualTo(2);
		assertThat(row.path("count").asLong()).isPositive();
		assertThat(row.path("p90Micros").asDouble()).isPositive();
		assertThat(row.path("clientCpuMicrosPerCall").asDouble()).as("measured in the client JVM").isPositive();
		// Read from /proc in clock ticks (10 ms): a 0.5 s smoke run of an idle-waiting server may show none.
		assertThat(row.path("serverCpuMicrosPerCall").isNumber()).as("measured from here").isTrue();
		assertThat(row.path("serverCpuMicrosPerCall").asDouble()).isNotNegative();
	}

}
