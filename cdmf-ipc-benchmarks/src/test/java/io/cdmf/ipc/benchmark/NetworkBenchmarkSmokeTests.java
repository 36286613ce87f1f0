package io.cdmf.ipc.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the network cases as the real benchmark does (server JVMs forked, ports passed through files, figures into a
 * Markdown report), for a few seconds, so that they keep working without a full benchmark run in CI.
 */
class NetworkBenchmarkSmokeTests {

	@Test
	@Timeout(180)
	void shouldMeasureGrpcAndTcpAgainstTheirRawBaselinesAndWriteTheRatios(@TempDir Path directory) throws Exception {
		Path mainReport = directory.resolve("benchmarks.md");
		Path report = directory.resolve("benchmarks-network.md");

		int status = BenchmarkMain.run("--smoke", "--only", "raw-grpc,framework-grpc,raw-grpc-callers,"
				+ "framework-grpc-callers,raw-tcp,raw-tcp-spin,framework-tcp", "--output", mainReport.toString());

		assertThat(status).as("exit status").isZero();
		assertThat(mainReport).as("the Unix-socket report, left alone by a network-only run").doesNotExist();
		String text = Files.readString(report);
		assertThat(text).containsPattern("\\| raw-grpc \\(unary\\) \\| [0-9.]+ \\|")
			.containsPattern("\\| framework-grpc \\(stream, 16 callers\\) \\| [0-9.]+ \\|")
			.containsPattern("\\| raw-tcp \\| [0-9.]+ \\|")
			.contains("| framework-grpc (stream) / raw-grpc (unary) | 64 B |")
			.contains("| framework-tcp (inline) / raw-tcp | 64 B |")
			.containsPattern("\\| raw-tcp-spin \\| [0-9.]+ \\|")
			.contains("| framework-tcp (inline) / raw-tcp-spin | 64 B |")
			.contains("## How the network cases are measured")
			.doesNotContain("## Goal check (64 B)")
			.doesNotContain("failed:");
	}

}
