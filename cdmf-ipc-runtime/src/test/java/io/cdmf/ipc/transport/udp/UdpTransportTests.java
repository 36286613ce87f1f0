package io.cdmf.ipc.transport.udp;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code udp://} transport on loopback.
 */
class UdpTransportTests {

	private static final FrameEncoder ENCODER = new FrameEncoder(FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH);

	static Transport echoServer(String endpoint) {
		Transport server = TransportFactory.create(endpoint);
		server.setMessageCallback(message -> server.send(message.createResponse().setPayload(message.getPayload())));
		server.start();
		return server;
	}

	static Message request(String text) {
		return Message.request("echo", ByteBuffer.wrap(text.getBytes()));
	}

	static void exchange(Transport client, String text) {
		Message request = request(text);
		client.send(request);
		Message reply = client.receive(Duration.ofSeconds(10));
		assertThat(reply).isNotNull();
		assertThat(reply.getType()).isEqualTo(MessageType.RESPONSE);
		assertThat(reply.getHeader().getCorrelationId()).isEqualTo(request.getMessageId());
		assertThat(new String(reply.getPayloadBytes())).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "udp://127.0.0.1:0", "udp://[::1]:0" })
	void shouldBindAFreePortAndAnswerEachSender(String endpoint) {
		try (Transport server = echoServer(endpoint)) {
			assertThat(EndpointUri.parse(server.getBoundEndpoint()).port()).isPositive();
			try (Transport first = TransportFactory.create(server.getBoundEndpoint());
					Transport second = TransportFactory.create(server.getBoundEndpoint())) {
				first.connect();
				second.connect();
				for (int i = 0; i < 20; i++) {
					exchange(first, "first " + i);
					exchange(second, "second " + i);
				}
			}
			assertThat(server.getStats().messagesReceived()).isEqualTo(40);
			assertThat(server.getStats().connectionsOpened()).isEqualTo(2);
		}
	}

	@Test
	void whenAMessageExceedsTheDatagramLimitThenNothingIsSent() {
		try (Transport server = echoServer("udp://127.0.0.1:0");
				Transport client = TransportFactory
					.create(TransportConfig.custom(server.getBoundEndpoint()).option("max-datagram-size", "2048").build())) {
			client.connect();
			assertThat(((UdpTransport) client).getMaxDatagramSize()).isEqualTo(2048);
			assertThatThrownBy(() -> client.send(request("x".repeat(4000)))).isInstanceOf(IpcException.class)
				.hasMessageContaining("max-datagram-size")
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
			assertThat(client.getStats().messagesSent()).isZero();
			exchange(client, "small is fine");
			assertThat(server.getStats().messagesReceived()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 100, 65_508 })
	void shouldRefuseADatagramLimitOutOfRange(int size) {
		UdpTransport transport = new UdpTransport();
		assertThatThrownBy(() -> transport.init(TransportConfig.custom("udp://127.0.0.1:0")
			.option("max-datagram-size", Integer.toString(size))
			.build())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-datagram-size");
	}

	@ParameterizedTest
	@EnumSource(BadDatagram.class)
	void shouldRejectABadDatagramAndKeepServing(BadDatagram bad) throws Exception {
		try (Transport server = echoServer("udp://127.0.0.1:0?max-datagram-size=4096");
				DatagramChannel raw = DatagramChannel.open()) {
			BlockingQueue<TransportError> errors = new LinkedBlockingQueue<>();
			server.setErrorCallback(errors::add);
			raw.connect(new InetSocketAddress("127.0.0.1", EndpointUri.parse(server.getBoundEndpoint()).port()));
			Message badRequest = request("x".repeat((bad == BadDatagram.OVERSIZED) ? 8000 : 16));
			raw.write(bad.corrupt.apply(ENCODER.encode(badRequest)));
			Message goodRequest = request("good");
			raw.write(ENCODER.encode(goodRequest));
			FrameDecoder decoder = new FrameDecoder(FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH);
			ByteBuffer answer = ByteBuffer.allocate(65536);
			raw.read(answer.clear());
			Message reply = decoder.decode(answer, 0, answer.position(), true);
			if (bad.replyCode != null) {
				assertThat(reply.getType()).isEqualTo(MessageType.ERROR);
				assertThat(reply.getHeader().getCorrelationId()).isEqualTo(badRequest.getMessageId());
				assertThat(reply.getErrorInfo().code()).isEqualTo(bad.replyCode);
				raw.read(answer.clear());
				reply = decoder.decode(answer, 0, answer.position(), true);
			}
			assertThat(reply.getType()).isEqualTo(MessageType.RESPONSE);
			assertThat(reply.getHeader().getCorrelationId()).isEqualTo(goodRequest.getMessageId());
			assertThat(server.getStats().framesRejected()).isEqualTo(1);
			assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.error().code()).isEqualTo(bad.rejectCode);
				assertThat(error.connectionClosed()).isFalse();
			});
		}
	}

	@Test
	void whenTheServerIsGoneThenTheClientHearsOfItAndReconnectsOnceItIsBack() {
		List<TransportError> errors = new CopyOnWriteArrayList<>();
		Transport server = echoServer("udp://127.0.0.1:0");
		String bound = server.getBoundEndpoint();
		try (Transport client = TransportFactory.create(bound)) {
			client.setErrorCallback(errors::add);
			client.connect();
			exchange(client, "before");
			server.stop();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (client.isConnected() && System.nanoTime() < deadline) {
				try {
					client.send(request("anyone there?"));
				}
				catch (IpcException ex) {
					assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
				}
				client.receive(Duration.ofMillis(20));
			}
			assertThat(client.isConnected()).isFalse();
			assertThat(errors).anyMatch(error -> error.connectionClosed() && error.error().code() == ErrorCode.UNAVAILABLE);
			try (Transport restarted = echoServer(bound)) {
				client.connect();
				exchange(client, "after restart");
			}
		}
		finally {
			server.stop();
		}
	}

	@Test
	void whenAServerReceivesFromAnUnknownOriginThenItRefusesToSend() {
		try (Transport server = echoServer("udp://127.0.0.1:0")) {
			assertThatThrownBy(() -> server.send(request("no origin"))).isInstanceOf(IpcException.class)
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.INVALID_ARGUMENT);
		}
	}

	enum BadDatagram {

		GARBAGE(ErrorCode.BAD_MAGIC, null, frame -> ByteBuffer.wrap("not a frame at all, just text".getBytes())),

		TRUNCATED(ErrorCode.FRAME_TRUNCATED, null, frame -> frame.slice(0, 40)),

		CORRUPTED_CHECKSUM(ErrorCode.CHECKSUM_MISMATCH, ErrorCode.CHECKSUM_MISMATCH,
				frame -> frame.put(frame.limit() - 1, (byte) ~frame.get(frame.limit() - 1))),

		OVERSIZED(ErrorCode.FRAME_TOO_LARGE, null, frame -> frame);

		final ErrorCode rejectCode;

		final @Nullable ErrorCode replyCode;

		final UnaryOperator<ByteBuffer> corrupt;

		BadDatagram(ErrorCode rejectCode, @Nullable ErrorCode replyCode, UnaryOperator<ByteBuffer> corrupt) {
			this.rejectCode = rejectCode;
			this.replyCode = replyCode;
			this.corrupt = corrupt;
		}

	}

}
