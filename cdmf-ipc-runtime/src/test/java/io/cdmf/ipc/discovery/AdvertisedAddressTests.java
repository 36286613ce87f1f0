package io.cdmf.ipc.discovery;

import io.cdmf.ipc.transport.EndpointUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AdvertisedAddress}.
 */
class AdvertisedAddressTests {

	@ParameterizedTest
	@CsvSource({ "tcp://0.0.0.0:7070, tcp://10.1.2.3:7070", "grpc://[::]:9090, grpc://10.1.2.3:9090",
			"tcp://0.0.0.0:7070?weight=2, tcp://10.1.2.3:7070?weight=2" })
	void givenHostReplacesAWildcardHost(String bound, String advertised) {
		assertThat(AdvertisedAddress.advertise(EndpointUri.parse(bound), "10.1.2.3")).isEqualTo(advertised);
	}

	@Test
	void givenIpv6HostIsBracketed() {
		assertThat(AdvertisedAddress.advertise(EndpointUri.parse("tcp://0.0.0.0:7070"), "fd00::7"))
			.isEqualTo("tcp://[fd00::7]:7070");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp://127.0.0.1:7070", "unix:///tmp/advertised.sock", "shm://advertised",
			"inproc://advertised" })
	void givenHostLeavesEndpointsWithoutAWildcardHostAlone(String bound) {
		assertThat(AdvertisedAddress.advertise(EndpointUri.parse(bound), "10.1.2.3")).isEqualTo(bound);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void blankGivenHostIsRejected(String host) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AdvertisedAddress.advertise(EndpointUri.parse("tcp://0.0.0.0:7070"), host))
			.withMessageContaining("host must not be blank");
	}

	@Test
	void withoutGivenHostAWildcardIsReplacedByTheDetectedOrConfiguredHost() {
		String advertised = AdvertisedAddress.advertise(EndpointUri.parse("tcp://0.0.0.0:7070"));
		assertThat(advertised).isEqualTo("tcp://" + bracketed(AdvertisedAddress.host()) + ":7070");
	}

	private static String bracketed(String host) {
		return (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

	@Test
	void serverTlsOptionsAreNeverAdvertised() {
		String bound = "grpcs://10.0.0.5:9443?cert-chain=/etc/cdmf/server.pem&private-key=-----BEGIN%20PRIVATE%20KEY-----"
				+ "&client-auth=require&trust-certs=/etc/cdmf/ca.pem&weight=3";
		assertThat(AdvertisedAddress.advertise(EndpointUri.parse(bound))).isEqualTo("grpcs://10.0.0.5:9443?weight=3");
		assertThat(AdvertisedAddress.advertise(EndpointUri.parse("tcp://0.0.0.0:7070?tls=true&private-key=/k.pem"), "h"))
			.isEqualTo("tcp://h:7070?tls=true");
		assertThat(AdvertisedAddress.advertise(EndpointUri.parse("shm://quotes?directory=/dev/shm/x")))
			.isEqualTo("shm://quotes?directory=/dev/shm/x");
		assertThat(AdvertisedAddress.advertise(EndpointUri.parse("shm://q?directory=/d&private-key=/k")))
			.isEqualTo("shm://q?directory=%2Fd");
	}

}
