package io.cdmf.ipc.transport;

import io.cdmf.ipc.IpcException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportFactoryTests {

	@Test
	void shouldCreateATransportPerSchemeFromTheProvidersOnTheClasspath() {
		assertThat(TransportFactory.isSupported(TransportType.UNIX_SOCKET)).isTrue();
		assertThat(TransportFactory.isSupported(TransportType.UNIX_DATAGRAM)).isTrue();
		assertThat(TransportFactory.isSupported(TransportType.IN_PROCESS)).isTrue();
		try (Transport transport = TransportFactory.create("unix:///tmp/cdmf-factory-test.sock")) {
			assertThat(transport.getConfig().type()).isEqualTo(TransportType.UNIX_SOCKET);
			assertThat(transport.isConnected()).isFalse();
		}
	}

	@Test
	void whenInitializedTwiceThenFails() {
		try (Transport transport = TransportFactory.create("inproc://twice")) {
			assertThatThrownBy(() -> transport.init(TransportConfig.of("inproc://twice")))
				.isInstanceOf(IpcException.class)
				.hasMessageContaining("already initialized");
		}
	}

}
