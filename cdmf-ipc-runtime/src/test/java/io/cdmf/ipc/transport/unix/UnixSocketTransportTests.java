package io.cdmf.ipc.transport.unix;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.InvalidEndpointException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code unix://} transport with real sockets in /tmp.
 */
class UnixSocketTransportTests {

	private final TestEndpoints endpoints = new TestEndpoints();

	@AfterEach
	void cleanUp() {
		this.endpoints.close();
	}

	private Transport echoServer(String endpoint) {
		Transport server = TransportFactory.create(endpoint);
		server.setMessageCallback(message -> server.send(message.createResponse().setPayload(message.getPayload())));
		server.start();
		return server;
	}

	private static Message request(String text) {
		return Message.request("echo", ByteBuffer.wrap(text.getBytes()));
	}

	@Test
	void shouldExchangeMessagesInReceiveMode() {
		String endpoint = this.endpoints.endpoint("unix", "echo");
		try (Transport server = echoServer(endpoint); Transport client = TransportFactory.create(endpoint)) {
			client.connect();
			assertThat(client.isConnected()).isTrue();
			Message request = request("ping");
			client.send(request);
			Message reply = client.receive(Duration.ofSeconds(5));
			assertThat(reply).isNotNull();
			assertThat(reply.getType()).isEqualTo(MessageType.RESPONSE);
			assertThat(reply.getHeader().getCorrelationId()).isEqualTo(request.getMessageId());
			assertThat(new String(reply.getPayloadBytes())).isEqualTo("ping");
			assertThat(client.receive(Duration.ZERO)).isNull();
			assertThat(client.getStats().messagesSent()).isEqualTo(1);
			assertThat(server.getStats().messagesReceived()).isEqualTo(1);
			assertThat(server.getStats().activeConnections()).isEqualTo(1);
		}
	}

	/**
	 * Repeated: sending right after connect used to stall when the socket filled before the channel's registration
	 * with the I/O loop, which happened only now and then.
	 */
	@RepeatedTest(10)
	void shouldKeepOrderOfManyMessagesPerConnection() {
		String endpoint = this.endpoints.endpoint("unix", "order");
		try (Transport server = echoServer(endpoint); Transport client = TransportFactory.create(endpoint)) {
			client.connect();
			int count = 5_000;
			for (int i = 0; i < count; i++) {
				client.send(request(Integer.toString(i)));
			}
			for (int i = 0; i < count; i++) {
				Message reply = client.receive(Duration.ofSeconds(10));
				assertThat(reply).isNotNull();
				assertThat(new String(reply.getPayloadBytes())).isEqualTo(Integer.toString(i));
			}
		}
	}

	@Test
	void shouldCarryLargeMessagesUpToTheFrameLimit() {
		String endpoint = this.endpoints.endpoint("unix", "large");
		try (Transport server = echoServer(endpoint); Transport client = TransportFactory.create(endpoint)) {
			client.connect();
			byte[] payload = new byte[8 * 1024 * 1024];
			java.util.concurrent.ThreadLocalRandom.current().nextBytes(payload);
			client.send(Message.request("echo", ByteBuffer.wrap(payload)));
			Message reply = client.receive(Duration.ofSeconds(30));
			assertThat(reply).isNotNull();
			assertThat(reply.getPayloadBytes()).isEqualTo(payload);
		}
	}

	@Test
	void whenMessageExceedsMaxFrameLengthThenNothingIsSent() {
		String endpoint = this.endpoints.endpoint("unix", "limit");
		TransportConfig config = TransportConfig.custom(endpoint).maxFrameLength(4096).build();
		Transport server = TransportFactory.create(config);
		CopyOnWriteArrayList<Message> received = new CopyOnWriteArrayList<>();
		server.setMessageCallback(received::add);
		server.start();
		try (server; Transport client = TransportFactory.create(config)) {
			client.connect();
			assertThatThrownBy(() -> client.send(Message.request("big", ByteBuffer.allocate(5000))))
				.isInstanceOfSatisfying(IpcException.class,
						ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE));
			client.send(request("small"));
			awaitSize(received, 1);
			assertThat(received).hasSize(1);
			assertThat(client.getStats().messagesSent()).isEqualTo(1);
		}
	}

	@Test
	void whenPeerDeclaresOversizedFrameThenConnectionIsClosedWithFrameTooLarge() throws Exception {
		String endpoint = this.endpoints.endpoint("unix", "oversized");
		Path socket = Path.of(endpoint.substring("unix://".length()));
		try (Transport server = echoServer(endpoint);
				SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
			ByteBuffer prefix = ByteBuffer.allocate(FrameDescriptor.PREFIX_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
			prefix.putInt(FrameDescriptor.MAGIC).putInt(0).putInt(Integer.MAX_VALUE).put((byte) 1).put((byte) 1);
			prefix.putShort((short) 0).flip();
			raw.write(prefix);
			ByteBuffer answer = ByteBuffer.allocate(4096);
			int total = 0;
			int read;
			while ((read = raw.read(answer)) > 0) {
				total += read;
			}
			assertThat(read).as("server closes the connection").isEqualTo(-1);
			assertThat(total).as("an ERROR frame explains why").isGreaterThan(FrameDescriptor.HEADER_LENGTH);
			assertThat(server.getStats().framesRejected()).isEqualTo(1);
		}
	}

	@Test
	void whenAFrameFailsItsChecksumThenItsSenderIsToldItDidNotRunAndTheConnectionIsServed() throws Exception {
		String endpoint = this.endpoints.endpoint("unix", "checksum");
		Path socket = Path.of(endpoint.substring("unix://".length()));
		try (Transport server = echoServer(endpoint);
				SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
			Message corrupted = request("corrupted");
			ByteBuffer frame = new FrameEncoder(1 << 20).encode(corrupted);
			int last = frame.limit() - 1;
			frame.put(last, (byte) (frame.get(last) ^ 1));
			raw.write(frame);

			Message rejection = readFrame(raw);

			assertThat(rejection.getType()).isEqualTo(MessageType.ERROR);
			assertThat(rejection.getErrorInfo().code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
			assertThat(rejection.getHeader().getCorrelationId()).isEqualTo(corrupted.getMessageId());
			assertThat(rejection.getHeader().hasFlag(MessageHeader.FLAG_NOT_EXECUTED)).isTrue();
			raw.write(new FrameEncoder(1 << 20).encode(request("intact")));
			assertThat(readFrame(raw).getType()).isEqualTo(MessageType.RESPONSE);
		}
	}

	private static Message readFrame(SocketChannel channel) throws IOException {
		FrameDecoder decoder = new FrameDecoder(1 << 20);
		ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
		while (true) {
			int length = decoder.frameLength(buffer, 0, buffer.position());
			if (length > 0 && buffer.position() >= length) {
				return decoder.decode(buffer, 0, length, true);
			}
			if (channel.read(buffer) < 0) {
				throw new EOFException("closed before a whole frame arrived");
			}
		}
	}

	@Test
	void shouldReplaceAStaleSocketFileAtStart() throws Exception {
		Path socket = this.endpoints.path("stale");
		try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			crashed.bind(UnixDomainSocketAddress.of(socket));
		}
		assertThat(Files.exists(socket)).as("the JDK leaves the file behind, as a crash would").isTrue();
		try (Transport server = echoServer("unix://" + socket); Transport client = TransportFactory.create("unix://" + socket)) {
			client.connect();
			client.send(request("after stale"));
			assertThat(client.receive(Duration.ofSeconds(5))).isNotNull();
		}
		assertThat(Files.exists(socket)).as("removed on stop").isFalse();
	}

	@Test
	void whenAServerIsLiveOnThePathThenASecondOneFailsAndTheFirstKeepsServing() {
		String endpoint = this.endpoints.endpoint("unix", "taken");
		try (Transport first = echoServer(endpoint)) {
			Transport second = TransportFactory.create(endpoint);
			assertThatThrownBy(second::start).isInstanceOfSatisfying(IpcException.class, ex -> {
				assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
				assertThat(ex.getMessage()).contains("Another server is running on");
			});
			second.stop();
			try (Transport client = TransportFactory.create(endpoint)) {
				client.connect();
				client.send(request("first still serves"));
				assertThat(client.receive(Duration.ofSeconds(5))).isNotNull();
			}
		}
	}

	@Test
	void whenAForeignLiveSocketHoldsThePathThenStartFails() throws Exception {
		Path socket = this.endpoints.path("foreign");
		try (ServerSocketChannel foreign = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			foreign.bind(UnixDomainSocketAddress.of(socket));
			Transport server = TransportFactory.create("unix://" + socket);
			assertThatThrownBy(server::start).isInstanceOf(IpcException.class)
				.hasMessageContaining("Another server is running");
			server.stop();
			assertThat(Files.exists(socket)).as("a live socket is never removed").isTrue();
		}
	}

	@Test
	void shouldGiveTheSocketOwnerOnlyPermissionsByDefault() throws Exception {
		String endpoint = this.endpoints.endpoint("unix", "perm");
		Path socket = Path.of(endpoint.substring("unix://".length()));
		try (Transport server = echoServer(endpoint)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
		}
		TransportConfig shared = TransportConfig.custom(endpoint).socketPermissions("rw-rw----").build();
		Transport server = TransportFactory.create(shared);
		server.start();
		try (server) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
		}
	}

	@Test
	void shouldReportThePeersCredentials() {
		String endpoint = this.endpoints.endpoint("unix", "cred");
		CopyOnWriteArrayList<PeerCredentials> peers = new CopyOnWriteArrayList<>();
		Transport server = TransportFactory.create(endpoint);
		server.setMessageCallback(message -> peers.add(((Connection) message.getOrigin()).peerCredentials()));
		server.start();
		try (server; Transport client = TransportFactory.create(endpoint)) {
			client.connect();
			client.send(request("who am i"));
			awaitSize(peers, 1);
			PeerCredentials peer = peers.get(0);
			assertThat(peer.user()).isEqualTo(System.getProperty("user.name"));
			assertThat(peer.pid()).isEqualTo(ProcessHandle.current().pid());
			assertThat(peer.uid()).isGreaterThanOrEqualTo(0);
		}
	}

	@Test
	void whenServerIsMissingThenConnectFailsWithUnavailable() {
		Transport client = TransportFactory.create(this.endpoints.endpoint("unix", "missing"));
		assertThatThrownBy(client::connect).isInstanceOfSatisfying(IpcException.class,
				ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
		client.stop();
	}

	@Test
	void whenServerStopsThenClientHearsTheConnectionClosed() throws Exception {
		String endpoint = this.endpoints.endpoint("unix", "closing");
		Transport server = echoServer(endpoint);
		CopyOnWriteArrayList<TransportError> errors = new CopyOnWriteArrayList<>();
		try (Transport client = TransportFactory.create(endpoint)) {
			client.setErrorCallback(errors::add);
			client.connect();
			client.send(request("x"));
			assertThat(client.receive(Duration.ofSeconds(5))).isNotNull();
			server.stop();
			awaitSize(errors, 1);
			assertThat(errors.get(0).connectionClosed()).isTrue();
			assertThat(errors.get(0).error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(client.isConnected()).isFalse();
			assertThatThrownBy(() -> client.send(request("y"))).isInstanceOf(IpcException.class);
		}
	}

	@Test
	void whenPathIsTooLongThenEndpointIsRejected() {
		String endpoint = "unix:///tmp/" + "x".repeat(120) + ".sock";
		assertThatThrownBy(() -> TransportFactory.create(endpoint)).isInstanceOf(InvalidEndpointException.class)
			.hasMessageContaining("at most 107");
	}

	private static void awaitSize(java.util.List<?> list, int size) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (list.size() < size && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
	}


	@Test
	void shouldDeliverTheResponseOnTheCallersThreadWhileItSpinsOnItsLease() {
		String endpoint = this.endpoints.endpoint("unix", "spin");
		try (Transport server = echoServer(endpoint); Transport client = TransportFactory.create(endpoint)) {
			CopyOnWriteArrayList<Thread> deliveredOn = new CopyOnWriteArrayList<>();
			client.setMessageCallback(message -> deliveredOn.add(Thread.currentThread()));
			client.connect();
			try (Transport.ReceiveLease lease = client.leaseReceive()) {
				assertThat(lease).as("a free connection lends reading").isNotNull();
				client.send(request("ping"));
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
				lease.receiveUntil(() -> !deliveredOn.isEmpty(), TimeUnit.SECONDS.toNanos(5), deadline);
			}
			assertThat(deliveredOn).containsExactly(Thread.currentThread());
		}
	}

	@Test
	void shouldBlockForAResponseThatComesAfterTheSpin() {
		String endpoint = this.endpoints.endpoint("unix", "late");
		try (Transport server = TransportFactory.create(endpoint); Transport client = TransportFactory.create(endpoint)) {
			server.setMessageCallback(message -> server.send(message.createResponse().setPayload(message.getPayload())));
			server.start();
			CopyOnWriteArrayList<Message> delivered = new CopyOnWriteArrayList<>();
			client.setMessageCallback(delivered::add);
			client.connect();
			try (Transport.ReceiveLease lease = client.leaseReceive()) {
				assertThat(lease).isNotNull();
				// Spin for 1 µs only: the echo takes longer, so the caller must go on waiting in the kernel.
				client.send(request("late"));
				lease.receiveUntil(() -> !delivered.isEmpty(), 1_000, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
			}
			assertThat(delivered).singleElement()
				.satisfies(reply -> assertThat(new String(reply.getPayloadBytes())).isEqualTo("late"));
		}
	}

	@Test
	void shouldStopSpinningWhenTheServerClosesTheConnection() throws Exception {
		Path socket = this.endpoints.path("closing");
		try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			listener.bind(UnixDomainSocketAddress.of(socket));
			try (Transport client = TransportFactory.create("unix://" + socket)) {
				client.connect();
				try (SocketChannel accepted = listener.accept();
						Transport.ReceiveLease lease = client.leaseReceive()) {
					assertThat(lease).isNotNull();
					accepted.close();
					long started = System.nanoTime();
					lease.receiveUntil(() -> false, TimeUnit.SECONDS.toNanos(10),
							started + TimeUnit.SECONDS.toNanos(10));
					assertThat(System.nanoTime() - started).as("returned on the close, long before spin and deadline")
						.isLessThan(TimeUnit.SECONDS.toNanos(5));
				}
				assertThat(client.isConnected()).isFalse();
			}
		}
	}

}
