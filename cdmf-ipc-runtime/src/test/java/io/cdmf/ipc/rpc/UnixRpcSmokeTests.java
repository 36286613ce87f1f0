package io.cdmf.ipc.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnixRpcSmokeTests {

	@Test
	void shouldCallOverUnixSocket() {
		String endpoint = "unix:///tmp/cdmf-smoke-" + ProcessHandle.current().pid() + ".sock";
		try (ServiceStub stub = new ServiceStub(StubConfig.custom("Echo").endpoint(endpoint).build())) {
			stub.registerMethod("echo", request -> request);
			stub.start();
			try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
				CallResult result = proxy.call("echo", "hi".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
				assertThat(result.isSuccess()).as(result.toString()).isTrue();
				assertThat(new String(result.data(), StandardCharsets.UTF_8)).isEqualTo("hi");
				long start = System.nanoTime();
				for (int i = 0; i < 20000; i++) {
					proxy.call("echo", new byte[64]);
				}
				System.out.println("avg us " + (System.nanoTime() - start) / 20000 / 1000.0);
			}
		}
	}

}
