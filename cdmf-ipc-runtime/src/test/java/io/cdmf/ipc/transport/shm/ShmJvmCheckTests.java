package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.testsupport.FlagCheckMain;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShmJvmCheck}.
 */
class ShmJvmCheckTests {

	@Test
	void whenTheTestJvmHasTheFlagThenAgronaIsUsableAndTheProviderAvailable() {
		assertThat(ShmJvmCheck.isAgronaUsable()).isTrue();
		assertThat(new ShmTransportProvider().isAvailable()).isTrue();
		assertThat(new ShmTransportProvider().unavailableReason()).isEmpty();
	}

	@Test
	void shouldNameTheExactFlagAndManifestLine() {
		assertThat(ShmJvmCheck.missingFlagMessage())
			.contains("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED")
			.contains("Add-Exports: java.base/jdk.internal.misc");
	}

	@Test
	void whenAJvmLacksTheFlagsThenTheTransportRefusesNamingTheExactFlag() throws IOException, InterruptedException {
		Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx64m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), FlagCheckMain.class.getName(),
				"shm://flags")
			.redirectErrorStream(true)
			.start();
		List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.filter(line -> line.startsWith("REFUSED") || line.startsWith("CREATED"))
			.toList();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).startsWith("REFUSED")
			.contains("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED")
			.contains("Add-Exports: java.base/jdk.internal.misc");
	}

}
