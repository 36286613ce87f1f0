package io.cdmf.ipc.discovery.zookeeper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the example of {@code docs/discovery-zookeeper.md}, so that the page shows code that works.
 */
@Timeout(60)
class ZooKeeperExampleTests {

	@Test
	void exampleRegistersFindsAndCallsAService() throws Exception {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			ZooKeeperExample.main(new String[0]);
		}
		finally {
			System.setOut(original);
		}
		String output = captured.toString(StandardCharsets.UTF_8);
		original.print(output);
		assertThat(output).contains("registered Greeter 1.2.0", "found [Greeter 1.2.0", "greet: hello, ZooKeeper",
				"health: DiscoveryHealth[up=true");
	}

}
