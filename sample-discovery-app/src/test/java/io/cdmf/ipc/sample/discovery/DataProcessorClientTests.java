package io.cdmf.ipc.sample.discovery;

import java.util.List;

import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import org.junit.jupiter.api.Test;

import static io.cdmf.ipc.sample.discovery.SampleRun.STARTUP;
import static io.cdmf.ipc.sample.discovery.SampleRun.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's main in a JVM of its own, as the demo runs it: what it prints and its exit status.
 */
class DataProcessorClientTests {

	@Test
	void shouldPrintTheTransportChosenAndWhyThenALineASecondAndExitWithZeroWhenNoCallFailed() {
		try (SampleRun run = new SampleRun()) {
			run.start("dp-a");
			List<String> output;
			int status;
			try (ForkedJvm client = client(run)) {
				status = exitStatus(client);
				output = client.output();
			}
			assertThat(status).as("exit status; output:%n%s", String.join("\n", output)).isZero();
			assertThat(output).contains("FOUND 1 instance(s) of DataProcessor 1.0 in " + run.registry());
			assertThat(output).anyMatch(line -> line.startsWith("TRANSPORT dp-a -> shm://dp-a-")
					&& line.contains(" because shm://: instance is on this host"));
			assertThat(output).anyMatch(line -> line.startsWith("  advertised shm://") && line.contains(", unix://")
					&& line.contains(", tcp://127.0.0.1:"));
			// A line a second; the first may end before the first call does (see client()), so any second with calls
			// shows the instance.
			assertThat(output).anyMatch(line -> line.matches("SECOND \\d+ calls=[1-9]\\d* failures=0 dp-a=\\d+"));
			assertThat(output).noneMatch(line -> line.startsWith("SECOND ") && !line.contains(" failures=0"));
			assertThat(output).anyMatch(line -> line.matches("DONE calls=\\d+ failures=0 dp-a=\\d+"));
		}
	}

	@Test
	void whenCallsFailThenItPrintsThemAndExitsWithOne() {
		try (SampleRun run = new SampleRun()) {
			run.start("dp-c-failing");
			List<String> output;
			int status;
			try (ForkedJvm client = client(run)) {
				status = exitStatus(client);
				output = client.output();
			}
			assertThat(status).as("exit status; output:%n%s", String.join("\n", output)).isEqualTo(1);
			assertThat(output).anyMatch(line -> line.matches("DONE calls=(\\d+) failures=[1-9]\\d*"));
			assertThat(output).anyMatch(line -> line.startsWith("FAILED ") && line.contains("broken on purpose"));
		}
	}

	/** Waits for the client to end and for its last line to be read. */
	private static int exitStatus(ForkedJvm client) {
		assertThat(client.waitFor(STARTUP)).as("client ended").isTrue();
		Await.until("the client's DONE line", TIMEOUT,
				() -> client.output().stream().anyMatch(line -> line.startsWith("DONE ")));
		return client.onExit().join().exitValue();
	}

	private static ForkedJvm client(SampleRun run) {
		// Two timed seconds without a warm-up: the first call of each side builds Jackson's mapper (JSON, the
		// sample's format), which on a busy machine can take the whole first second.
		ForkedJvm client = ForkedJvm.start(DataProcessorClient.class, "--registry", run.registry(), "--rate", "200",
				"--seconds", "2", "--warmup", "0");
		client.awaitLine("FOUND", TIMEOUT);
		return client;
	}

}
