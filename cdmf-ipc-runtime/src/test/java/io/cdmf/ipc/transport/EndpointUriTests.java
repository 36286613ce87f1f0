package io.cdmf.ipc.transport;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.InvalidEndpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EndpointUriTests {

	private static final String SUPPORTED = "supported schemes: unix, unix+dgram, shm, shm+journal, grpc, grpcs, tcp, "
			+ "udp, inproc";

	@ParameterizedTest
	@CsvSource({ "unix:///tmp/calc.sock, UNIX_SOCKET, /tmp/calc.sock",
			"unix+dgram:///tmp/c.sock, UNIX_DATAGRAM, /tmp/c.sock",
			"UNIX:///run/x/calc.sock, UNIX_SOCKET, /run/x/calc.sock" })
	void shouldParsePathSchemes(String uri, TransportType type, String path) {
		EndpointUri endpoint = EndpointUri.parse(uri);

		assertThat(endpoint.type()).isEqualTo(type);
		assertThat(endpoint.path()).isEqualTo(Path.of(path));
		assertThat(endpoint.requirePath()).isEqualTo(Path.of(path));
		assertThat(endpoint.name()).isNull();
		assertThat(endpoint.host()).isNull();
		assertThat(endpoint.port()).isEqualTo(-1);
		assertThat(endpoint).hasToString(uri);
	}

	@ParameterizedTest
	@CsvSource({ "shm://sensor, SHARED_MEMORY, sensor",
			"shm+journal://sensor-1.log_x, SHARED_MEMORY_JOURNAL, sensor-1.log_x", "inproc://Calc, IN_PROCESS, Calc" })
	void shouldParseNameSchemes(String uri, TransportType type, String name) {
		EndpointUri endpoint = EndpointUri.parse(uri);

		assertThat(endpoint.type()).isEqualTo(type);
		assertThat(endpoint.name()).isEqualTo(name);
		assertThat(endpoint.requireName()).isEqualTo(name);
		assertThat(endpoint.path()).isNull();
		assertThat(endpoint.host()).isNull();
		assertThat(endpoint.port()).isEqualTo(-1);
	}

	@ParameterizedTest
	@CsvSource({ "grpc://localhost:9090, GRPC, localhost, 9090",
			"grpcs://api.example.com:443, GRPC_TLS, api.example.com, 443", "tcp://127.0.0.1:7000, TCP, 127.0.0.1, 7000",
			"udp://10.0.0.1:0, UDP, 10.0.0.1, 0",
			"grpc://[::1]:9090, GRPC, ::1, 9090", "tcp://[2001:db8::17]:65535, TCP, 2001:db8::17, 65535" })
	void shouldParseHostPortSchemes(String uri, TransportType type, String host, int port) {
		EndpointUri endpoint = EndpointUri.parse(uri);

		assertThat(endpoint.type()).isEqualTo(type);
		assertThat(endpoint.host()).isEqualTo(host);
		assertThat(endpoint.requireHost()).isEqualTo(host);
		assertThat(endpoint.port()).isEqualTo(port);
		assertThat(endpoint.path()).isNull();
		assertThat(endpoint.name()).isNull();
	}

	@ParameterizedTest
	@EnumSource(TransportType.class)
	void shouldParseEverySchemeWithOptions(TransportType type) {
		String address = switch (type.addressing()) {
			case PATH -> "/tmp/t.sock";
			case NAME -> "t";
			case HOST_PORT -> "localhost:1";
		};

		EndpointUri endpoint = EndpointUri.parse(type.scheme() + "://" + address + "?a=1");

		assertThat(endpoint.type()).isEqualTo(type);
		assertThat(endpoint.options()).containsExactly(Map.entry("a", "1"));
		assertThat(TransportType.ofScheme(type.scheme().toUpperCase())).isSameAs(type);
	}

	@Test
	void shouldDecodeOptions() {
		EndpointUri endpoint = EndpointUri.parse("shm://s?ringSize=1024&name=a%20b&u=%C3%BC&empty=&k=1&k=2");

		assertThat(endpoint.options()).containsOnly(Map.entry("ringSize", "1024"), Map.entry("name", "a b"),
				Map.entry("u", "ü"), Map.entry("empty", ""), Map.entry("k", "2"));
		assertThat(endpoint.option("ringSize")).isEqualTo("1024");
		assertThat(endpoint.option("absent")).isNull();
	}

	@Test
	void shouldKeepOptionsInQueryOrder() {
		String query = IntStream.range(0, 12).mapToObj((i) -> "k" + i + "=" + i).collect(Collectors.joining("&"));

		EndpointUri endpoint = EndpointUri.parse("tcp://localhost:1?" + query);

		assertThat(endpoint.options().keySet()).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8",
				"k9", "k10", "k11");
	}

	@Test
	void shouldHaveNoOptionsWithoutQuery() {
		assertThat(EndpointUri.parse("inproc://x").options()).isEmpty();
		assertThat(EndpointUri.parse("inproc://x?").options()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost:9090", "/tmp/calc.sock", "unix:/tmp/calc.sock", "://x", "calc" })
	void shouldRejectTextWithoutSchemeNamingSupportedSchemes(String uri) {
		assertThat(rejection(uri)).hasMessageContaining("expected scheme://address").hasMessageContaining(SUPPORTED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:80", "foo://bar", "unix+stream:///tmp/a.sock", "shm-journal://x" })
	void shouldRejectUnknownSchemeNamingSupportedSchemes(String uri) {
		String scheme = uri.substring(0, uri.indexOf(':'));

		assertThat(rejection(uri)).hasMessageContaining("unknown scheme '" + scheme + "'")
			.hasMessageContaining(SUPPORTED);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t" })
	void shouldRejectEmptyEndpoint(String uri) {
		assertThat(rejection(uri)).hasMessageContaining("must not be empty").hasMessageContaining("unix:///");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "unix://tmp/calc.sock|three slashes",
			"unix:///|absolute socket file path",
			"unix:///tmp/dir/|absolute socket file path", "unix+dgram://|not a valid URI",
			"unix:///tmp/a b.sock|not a valid URI", "shm://|not a valid URI", "shm://a/b|only letters, digits",
			"shm://a:80|only letters, digits", "inproc://a%20b|only letters, digits",
			"tcp://localhost|port from 0 to 65535", "tcp://:80|port from 0 to 65535",
			"tcp://localhost:80/path|port from 0 to 65535", "tcp://[::1]|port from 0 to 65535",
			"tcp://localhost:x|port from 0 to 65535", "tcp://localhost:80?debug|'debug' is not key=value",
			"tcp://localhost:80?=v|'=v' is not key=value", "tcp://localhost:80?a=%zz|not a valid URI" })
	void shouldRejectMalformedAddressSayingWhatIsExpected(String uri, String expected) {
		assertThat(rejection(uri)).hasMessageContaining(expected);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 80, 65535 })
	void shouldAcceptPortsFromZeroTo65535(int port) {
		assertThat(EndpointUri.parse("udp://localhost:" + port).port()).isEqualTo(port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "65536", "99999", "-1", "2147483648", "99999999999999999999" })
	void shouldRejectPortsOutsideRange(String port) {
		assertThat(rejection("udp://localhost:" + port)).hasMessageContaining("port from 0 to 65535");
	}

	@ParameterizedTest
	@CsvSource({ "/tmp/, 102", "/tmp/, 1", "/, 106", "/ü, 104" })
	void shouldAcceptUnixPathUpTo107Bytes(String prefix, int fill) {
		String path = prefix + "a".repeat(fill);

		assertThat(EndpointUri.parse("unix://" + path).requirePath()).isEqualTo(Path.of(path));
	}

	@ParameterizedTest
	@CsvSource({ "/tmp/, 103, 108", "/, 107, 108", "/ü, 105, 108", "/tmp/, 500, 505" })
	void shouldRejectUnixPathOf108BytesOrMoreNamingTheLimit(String prefix, int fill, int bytes) {
		String uri = "unix+dgram://" + prefix + "a".repeat(fill);

		assertThat(rejection(uri)).hasMessageContaining("the socket path is " + bytes + " bytes")
			.hasMessageContaining("at most 107");
	}

	@Test
	void shouldFailRequireForTheWrongAddressing() {
		EndpointUri unix = EndpointUri.parse("unix:///tmp/a.sock");
		EndpointUri tcp = EndpointUri.parse("tcp://localhost:1");

		assertThatIllegalStateException().isThrownBy(unix::requireHost).withMessage("unix:///tmp/a.sock has no host");
		assertThatIllegalStateException().isThrownBy(unix::requireName).withMessage("unix:///tmp/a.sock has no name");
		assertThatIllegalStateException().isThrownBy(tcp::requirePath).withMessage("tcp://localhost:1 has no path");
	}

	private static InvalidEndpointException rejection(String uri) {
		InvalidEndpointException ex = catchThrowableOfType(() -> EndpointUri.parse(uri),
				InvalidEndpointException.class);
		assertThat(ex).as("parsing %s", uri).isNotNull();
		assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
		assertThat(ex.getEndpoint()).isEqualTo(String.valueOf(uri));
		assertThat(ex).hasMessageStartingWith("Invalid endpoint '" + uri + "': ");
		return ex;
	}

}
