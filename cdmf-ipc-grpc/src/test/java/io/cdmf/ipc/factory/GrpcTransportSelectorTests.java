package io.cdmf.ipc.factory;

import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.discovery.HostIdentity;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TransportSelector} with cdmf-ipc-grpc on the class path: for a service on another host, {@code grpc://}
 * comes before {@code tcp://}, and host-local transports are never taken.
 */
class GrpcTransportSelectorTests {

	private static final HostIdentity OTHER_HOST = new HostIdentity("other-boot", "other-machine", "far");

	@Test
	void anotherHostTakesGrpcThenTcpAndNeverHostLocalOnes() {
		ServiceEndpoint instance = ServiceEndpoint.builder("Quotes")
			.endpoint("shm://quotes")
			.endpoint("unix:///tmp/quotes.sock")
			.endpoint("tcp://10.1.2.3:7070")
			.endpoint("grpc://10.1.2.3:7443")
			.host(OTHER_HOST)
			.build();
		TransportChoice choice = TransportSelector.ofDefaults().select(instance);
		assertThat(choice.endpoint()).isEqualTo("grpc://10.1.2.3:7443");
		assertThat(choice.locality()).isEqualTo(Locality.OTHER_HOST);
		assertThat(choice.skipped()).anyMatch(reason -> reason.startsWith("shm://quotes: shm:// reaches only its own host"));
		ServiceEndpoint tcpOnly = ServiceEndpoint.builder("Quotes")
			.endpoint("unix:///tmp/quotes.sock")
			.endpoint("tcp://10.1.2.3:7070")
			.host(OTHER_HOST)
			.build();
		assertThat(TransportSelector.ofDefaults().select(tcpOnly).endpoint()).isEqualTo("tcp://10.1.2.3:7070");
	}

}
