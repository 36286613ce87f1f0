package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
	void whenAJvmLacksTheFlagsThenBothTransportsRefuseNamingTheExactFlags() throws IOException, InterruptedException {
		List<String> lines = createInAJvmWith(List.of(), "shm://flags", "shm+journal://flags");
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).startsWith("REFUSED")
			.contains("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED")
			.contains("Add-Exports: java.base/jdk.internal.misc");
		assertThat(lines.get(1)).startsWith("REFUSED")
			.contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED")
			.contains("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED")
			.contains("JAVA_TOOL_OPTIONS", "jvmArguments", "argLine");
	}

	@Test
	void whenAJvmHasOnlyAgronasFlagThenTheRingStartsAndTheJournalNamesOnlyChroniclesMissingFlags()
			throws IOException, InterruptedException {
		List<String> lines = createInAJvmWith(List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"),
				"shm://flags-" + ProcessHandle.current().pid(), "shm+journal://flags");
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).startsWith("CREATED");
		String missing = lines.get(1).substring(0, lines.get(1).indexOf(". Chronicle Queue"));
		assertThat(missing).startsWith("REFUSED The shm+journal:// transport cannot run here")
			.endsWith(": the JVM lacks --add-exports=java.base/sun.nio.ch=ALL-UNNAMED "
					+ "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED");
	}

	/**
	 * Starts a JVM of the running Java version with only the given flags, which creates each endpoint
	 * ({@link FlagCheckMain}).
	 */
	private static List<String> createInAJvmWith(List<String> flags, String... endpoints)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(flags);
		command.addAll(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				FlagCheckMain.class.getName()));
		command.addAll(List.of(endpoints));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.filter(line -> line.startsWith("REFUSED") || line.startsWith("CREATED"))
			.toList();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return lines;
	}

}
