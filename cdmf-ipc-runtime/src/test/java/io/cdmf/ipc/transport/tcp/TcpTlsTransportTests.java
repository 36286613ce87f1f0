package io.cdmf.ipc.transport.tcp;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.testsupport.TestCertificates;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tcp://...?tls=true}: TLS and mutual TLS with a CA made for the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpTlsTransportTests {

	private final TestEndpoints endpoints = new TestEndpoints();

	private final TestCertificates certificates = new TestCertificates(this.endpoints.directory().resolve("pki"));

	@AfterAll
	void cleanUp() {
		this.endpoints.close();
	}

	private Transport server(String extraOptions) {
		return TcpTransportTests.echoServer("tcp://127.0.0.1:0?tls=true&" + this.certificates.serverOptions("server")
				+ extraOptions);
	}

	private String clientEndpoint(Transport server, String options) {
		EndpointUri bound = EndpointUri.parse(server.getBoundEndpoint());
		return "tcp://" + bound.host() + ":" + bound.port() + "?tls=true" + options;
	}

	private String trust(Path ca) {
		return "&trust-certs=" + ca;
	}

	private String identity(String name) {
		return "&cert-chain=" + this.certificates.chain(name) + "&private-key=" + this.certificates.key(name);
	}

	@Test
	void whenTheClientTrustsTheServerThenItIsServed() {
		try (Transport server = server("");
				Transport client = TransportFactory.create(clientEndpoint(server, trust(this.certificates.ca())))) {
			assertThat(((TcpTransport) server).isTls()).isTrue();
			assertThat(EndpointUri.parse(server.getBoundEndpoint()).port()).isPositive();
			client.connect();
			for (int i = 0; i < 100; i++) {
				TcpTransportTests.exchange(client, "secret " + i);
			}
			assertThat(server.getStats().messagesReceived()).isEqualTo(100);
		}
	}

	@Test
	void whenTheServerCertificateIsNotTrustedThenConnectFailsUnauthenticated() {
		try (Transport server = server("");
				Transport client = TransportFactory.create(clientEndpoint(server, trust(this.certificates.rogueCa())))) {
			assertThatThrownBy(client::connect).isInstanceOf(IpcException.class)
				.hasMessageContaining("TLS handshake")
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.UNAUTHENTICATED);
		}
	}

	@Test
	void whenTheCertificateNamesAnotherHostThenConnectFails() {
		try (Transport server = server("");
				Transport client = TransportFactory
					.create(clientEndpoint(server, trust(this.certificates.ca()) + "&server-name=calc.example.org"))) {
			assertThatThrownBy(client::connect).isInstanceOf(IpcException.class)
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.UNAUTHENTICATED);
		}
	}

	@Test
	void whenClientAuthIsRequiredThenOnlyATrustedClientCertificateIsServed() {
		String mtls = "&client-auth=require" + trust(this.certificates.ca());
		try (Transport server = server(mtls)) {
			List<PeerCredentials> peers = new CopyOnWriteArrayList<>();
			server.setMessageCallback(message -> {
				peers.add(((io.cdmf.ipc.transport.Connection) message.getOrigin()).peerCredentials());
				server.send(message.createResponse().setPayload(message.getPayload()));
			});
			for (String rejected : new String[] { "", identity("rogue-client") }) {
				try (Transport client = TransportFactory
					.create(clientEndpoint(server, trust(this.certificates.ca()) + rejected))) {
					assertThat(refused(client)).as("client with '%s' refused", rejected).isTrue();
				}
			}
			try (Transport client = TransportFactory
				.create(clientEndpoint(server, trust(this.certificates.ca()) + identity("client")))) {
				client.connect();
				TcpTransportTests.exchange(client, "mutual");
			}
			assertThat(peers).singleElement()
				.satisfies(peer -> assertThat(peer.user()).contains("CN=trusted-client"));
		}
	}

	/**
	 * In TLS 1.3 the client finishes its handshake before the server has checked the client's certificate, so a
	 * refusal shows either in connect() or as the connection closing under the first message.
	 */
	private static boolean refused(Transport client) {
		try {
			client.connect();
			client.send(TcpTransportTests.request("let me in"));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (client.isConnected() && System.nanoTime() < deadline) {
				Message reply = client.receive(Duration.ofMillis(50));
				if (reply != null) {
					return false;
				}
			}
			return !client.isConnected();
		}
		catch (IpcException ex) {
			return ex.getErrorCode() == ErrorCode.UNAUTHENTICATED || ex.getErrorCode() == ErrorCode.UNAVAILABLE;
		}
	}

	@Test
	void whenAPlainTextClientConnectsThenTrustedClientsAreStillServed() throws Exception {
		try (Transport server = server("");
				Transport client = TransportFactory.create(clientEndpoint(server, trust(this.certificates.ca())))) {
			client.connect();
			int port = EndpointUri.parse(server.getBoundEndpoint()).port();
			for (int i = 0; i < 5; i++) {
				try (Socket raw = new Socket()) {
					raw.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
					OutputStream out = raw.getOutputStream();
					out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
					out.flush();
					while (raw.getInputStream().read() >= 0) {
						// The server answers with an alert and closes.
					}
				}
				TcpTransportTests.exchange(client, "still served " + i);
			}
		}
	}

	@Test
	void whenAServerHasNoCertificateThenStartFailsWithTheOptionsToSet() {
		try (Transport server = TransportFactory.create("tcp://127.0.0.1:0?tls=true")) {
			assertThatThrownBy(server::start).isInstanceOf(IpcException.class)
				.hasMessageContaining("cert-chain")
				.hasMessageContaining("private-key");
		}
	}

	@Test
	void shouldCallAStubOverTls() {
		StubConfig config = StubConfig.custom("Secure")
			.endpoint("tcp://127.0.0.1:0?tls=true&" + this.certificates.serverOptions("server"))
			.build();
		try (ServiceStub stub = new ServiceStub(config)) {
			stub.registerMethod("upper", request -> new String(request).toUpperCase().getBytes());
			stub.start();
			String endpoint = clientEndpoint(stub.getTransports().get(0), trust(this.certificates.ca()));
			try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
				CallResult result = proxy.call("upper", "tls".getBytes(), Duration.ofSeconds(10));
				assertThat(result.isSuccess()).as(result.toString()).isTrue();
				assertThat(new String(result.data())).isEqualTo("TLS");
			}
		}
	}

}
