package io.cdmf.ipc.channel;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

import io.cdmf.ipc.transport.EndpointUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

class LocalityTests {

	@Test
	void shouldPlaceInProcessEndpointsInTheCallersProcess() {
		assertThat(Locality.of(EndpointUri.parse("inproc://quotes"))).isEqualTo(Locality.SAME_PROCESS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix:///tmp/quotes.sock", "unix+dgram:///tmp/quotes.sock", "shm://quotes",
			"shm+journal://quotes" })
	void shouldPlaceHostLocalTransportsOnTheSameHost(String uri) {
		assertThat(Locality.of(EndpointUri.parse(uri))).isEqualTo(Locality.SAME_HOST);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp://127.0.0.1:7070", "tcp://localhost:7070", "grpc://LOCALHOST:9090",
			"udp://[::1]:7070", "tcp://0.0.0.0:7070", "grpcs://127.1.2.3:9443" })
	void shouldPlaceLoopbackAndWildcardAddressesOnTheSameHost(String uri) {
		assertThat(Locality.of(EndpointUri.parse(uri))).isEqualTo(Locality.SAME_HOST);
	}

	@Test
	void shouldPlaceAnAddressOfThisHostsInterfacesOnTheSameHost() throws SocketException {
		Optional<InetAddress> own = Collections.list(NetworkInterface.getNetworkInterfaces())
			.stream()
			.flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
			.filter(address -> !address.isLoopbackAddress() && address.getAddress().length == 4)
			.findFirst();
		assumeThat(own).as("a non-loopback IPv4 address on this host").isPresent();

		assertThat(Locality.of(EndpointUri.parse("tcp://" + own.get().getHostAddress() + ":7070")))
			.isEqualTo(Locality.SAME_HOST);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp://192.0.2.1:7070", "grpc://198.51.100.7:9090", "udp://[2001:db8::1]:7070" })
	void shouldPlaceOtherAddressesOnOtherHosts(String uri) {
		// Documentation addresses (RFC 5737, RFC 3849): literals, so no name is looked up.
		assertThat(Locality.of(EndpointUri.parse(uri))).isEqualTo(Locality.OTHER_HOST);
	}

	@ParameterizedTest
	@CsvSource({ "same-process, SAME_PROCESS", "SAME_HOST, SAME_HOST", "other_host, OTHER_HOST",
			"' Same-Host ', SAME_HOST" })
	void shouldParseNamesInAnyCaseWithDashesOrUnderscores(String text, Locality locality) {
		assertThat(Locality.parse(text)).isEqualTo(locality);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "local", "same host", "samehost" })
	void shouldRejectUnknownNames(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Locality.parse(text))
			.withMessage("locality must be same-process, same-host or other-host: '" + text + "'");
	}

	@Test
	void shouldOrderTiersFromNearestToFarthest() {
		assertThat(Locality.values()).containsExactly(Locality.SAME_PROCESS, Locality.SAME_HOST, Locality.OTHER_HOST);
	}

}
