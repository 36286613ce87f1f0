package io.cdmf.ipc.transport.tcp;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plain-text {@code tcp://} transport on loopback.
 */
class TcpTransportTests {

	static Transport echoServer(String endpoint) {
		Transport server = TransportFactory.create(endpoint);
		server.setMessageCallback(message -> server.send(message.createResponse().setPayload(message.getPayload())));
		server.start();
		return server;
	}

	static Message request(String text) {
		return Message.request("echo", ByteBuffer.wrap(text.getBytes()));
	}

	static Message exchange(Transport client, String text) {
		Message request = request(text);
		client.send(request);
		Message reply = client.receive(Duration.ofSeconds(10));
		assertThat(reply).isNotNull();
		assertThat(reply.getType()).isEqualTo(MessageType.RESPONSE);
		assertThat(reply.getHeader().getCorrelationId()).isEqualTo(request.getMessageId());
		assertThat(new String(reply.getPayloadBytes())).isEqualTo(text);
		return reply;
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp://127.0.0.1:0", "tcp://[::1]:0", "tcp://localhost:0" })
	void shouldBindAFreePortAndReportIt(String endpoint) {
		try (Transport server = echoServer(endpoint)) {
			EndpointUri bound = EndpointUri.parse(server.getBoundEndpoint());
			assertThat(bound.port()).isPositive();
			assertThat(bound.host()).isEqualTo(EndpointUri.parse(endpoint).host());
			try (Transport client = TransportFactory.create(server.getBoundEndpoint())) {
				client.connect();
				exchange(client, "hello over " + endpoint);
				assertThat(client.getStats().messagesSent()).isEqualTo(1);
			}
		}
	}

	@Test
	void shouldKeepOptionsInTheBoundEndpoint() {
		try (Transport server = echoServer("tcp://127.0.0.1:0?max-connections=3")) {
			assertThat(server.getBoundEndpoint()).matches("tcp://127\\.0\\.0\\.1:\\d+\\?max-connections=3");
		}
	}

	@Test
	void shouldServeManyClientsInOrder() {
		try (Transport server = echoServer("tcp://127.0.0.1:0")) {
			List<Transport> clients = new ArrayList<>();
			try {
				for (int i = 0; i < 8; i++) {
					Transport client = TransportFactory.create(server.getBoundEndpoint());
					client.connect();
					clients.add(client);
				}
				for (int round = 0; round < 50; round++) {
					for (int i = 0; i < clients.size(); i++) {
						exchange(clients.get(i), "client " + i + " round " + round);
					}
				}
				assertThat(server.getStats().activeConnections()).isEqualTo(8);
			}
			finally {
				clients.forEach(Transport::stop);
			}
		}
	}

	@Test
	void whenAClientSendsGarbageThenOnlyItsConnectionIsClosed() throws Exception {
		List<TransportError> errors = new CopyOnWriteArrayList<>();
		try (Transport server = echoServer("tcp://127.0.0.1:0")) {
			server.setErrorCallback(errors::add);
			EndpointUri bound = EndpointUri.parse(server.getBoundEndpoint());
			try (Transport client = TransportFactory.create(bound.uri())) {
				client.connect();
				exchange(client, "before");
				for (int i = 0; i < 20; i++) {
					try (Socket raw = new Socket()) {
						raw.connect(new InetSocketAddress("127.0.0.1", bound.port()), 5_000);
						byte[] junk = new byte[256];
						ThreadLocalRandom.current().nextBytes(junk);
						OutputStream out = raw.getOutputStream();
						out.write(junk);
						out.flush();
						InputStream in = raw.getInputStream();
						while (in.read(new byte[4096]) >= 0) {
							// Drain the error frame until the server closes the connection.
						}
					}
					exchange(client, "between " + i);
				}
			}
			assertThat(server.getStats().framesRejected()).isEqualTo(20);
			assertThat(errors).anyMatch(error -> error.error().code() == ErrorCode.BAD_MAGIC && error.connectionClosed());
		}
	}

	@Test
	void whenTheServerStopsThenTheClientHearsOfIt() throws Exception {
		BlockingQueue<TransportError> errors = new LinkedBlockingQueue<>();
		Transport server = echoServer("tcp://127.0.0.1:0");
		try (Transport client = TransportFactory.create(server.getBoundEndpoint())) {
			client.setErrorCallback(errors::add);
			client.connect();
			exchange(client, "ping");
			server.stop();
			TransportError lost = errors.poll(10, TimeUnit.SECONDS);
			assertThat(lost).isNotNull();
			assertThat(lost.connectionClosed()).isTrue();
			assertThat(client.isConnected()).isFalse();
			assertThatThrownBy(() -> client.send(request("late"))).isInstanceOf(IpcException.class)
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.UNAVAILABLE);
		}
		finally {
			server.stop();
		}
	}

	@Test
	void whenNothingListensThenConnectFailsUnavailable() {
		int port;
		try (Transport server = echoServer("tcp://127.0.0.1:0")) {
			port = EndpointUri.parse(server.getBoundEndpoint()).port();
		}
		try (Transport client = TransportFactory.create("tcp://127.0.0.1:" + port)) {
			assertThatThrownBy(client::connect).isInstanceOf(IpcException.class)
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.UNAVAILABLE);
		}
	}

	@Test
	void whenThePortIsTakenThenStartFailsUnavailable() {
		try (Transport first = echoServer("tcp://127.0.0.1:0");
				Transport second = TransportFactory.create(first.getBoundEndpoint())) {
			assertThatThrownBy(second::start).isInstanceOf(IpcException.class)
				.hasMessageContaining("Cannot listen on")
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.UNAVAILABLE);
		}
	}

	@Test
	void whenAMessageExceedsTheFrameLimitThenNothingIsSent() {
		try (Transport server = echoServer("tcp://127.0.0.1:0");
				Transport client = TransportFactory.create(TransportConfig.custom(server.getBoundEndpoint())
					.maxFrameLength(4096)
					.build())) {
			client.connect();
			Message large = Message.request("echo", ByteBuffer.allocate(8192));
			assertThatThrownBy(() -> client.send(large)).isInstanceOf(IpcException.class)
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
			exchange(client, "still fine");
		}
	}

	@Test
	void shouldRefuseAnEndpointOfAnotherScheme() {
		TcpTransport transport = new TcpTransport();
		assertThatThrownBy(() -> transport.init(TransportConfig.of("udp://127.0.0.1:0"))).isInstanceOf(IpcException.class)
			.hasMessageContaining("tcp://");
	}

}
