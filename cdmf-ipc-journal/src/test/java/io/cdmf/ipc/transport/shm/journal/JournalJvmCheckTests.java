package io.cdmf.ipc.transport.shm.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.testsupport.FlagCheckMain;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM started without the flags Chronicle Queue needs refuses {@code shm+journal://} endpoints, naming the exact
 * flags, instead of failing inside Chronicle.
 */
class JournalJvmCheckTests {

	@Test
	void whenAJvmLacksTheFlagsThenTheJournalRefusesNamingTheExactFlags() throws IOException, InterruptedException {
		Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx64m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), FlagCheckMain.class.getName(),
				"shm+journal://flags")
			.redirectErrorStream(true)
			.start();
		List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.filter(line -> line.startsWith("REFUSED") || line.startsWith("CREATED"))
			.toList();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).startsWith("REFUSED")
			.contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED")
			.contains("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED")
			.contains("JAVA_TOOL_OPTIONS", "jvmArguments", "argLine");
	}

}
