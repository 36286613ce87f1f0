package io.cdmf.ipc.sample.echo;

import io.cdmf.ipc.spring.test.autoconfigure.IpcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo service and its client, in process through {@link IpcTest @IpcTest}.
 */
@IpcTest
class EchoApplicationTests {

	@Autowired
	private EchoApplication.EchoClient echo;

	@Test
	void shouldEcho() {
		assertThat(this.echo.echo("hello")).isEqualTo("hello");
	}

}
