package io.cdmf.ipc.transport.unix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket paths, transports and raw channels for one test, all removed by {@link #close()}. Paths live under
 * {@code /tmp/cdmf-test-<random>/} because a {@code @TempDir} path can exceed the 108-byte socket path limit.
 */
final class UnixDatagramTestSupport implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final long POLL_INTERVAL_NANOS = 2_000_000;

	final Path dir;

	private final List<Transport> transports = new CopyOnWriteArrayList<>();

	private final List<UnixDatagramChannel> channels = new CopyOnWriteArrayList<>();

	UnixDatagramTestSupport() throws IOException {
		String random = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
		this.dir = Files.createDirectories(Path.of("/tmp", "cdmf-test-" + random));
	}

	Path path(String name) {
		return this.dir.resolve(name);
	}

	String endpoint(String name) {
		return "unix+dgram://" + path(name);
	}

	TransportConfig.Builder config(String name) {
		return TransportConfig.custom(endpoint(name));
	}

	UnixDatagramTransport transport(TransportConfig config) {
		UnixDatagramTransport transport = new UnixDatagramTransport();
		this.transports.add(transport);
		transport.init(config);
		return transport;
	}

	UnixDatagramTransport echoServer(TransportConfig config) {
		UnixDatagramTransport server = transport(config);
		server.setMessageCallback(
				(message) -> server.send(message.createResponse().setPayload(message.getPayloadBytes())));
		server.start();
		return server;
	}

	UnixDatagramTransport echoServer(String name) {
		return echoServer(config(name).build());
	}

	UnixDatagramTransport client(TransportConfig config) {
		UnixDatagramTransport client = transport(config);
		client.connect();
		return client;
	}

	UnixDatagramTransport client(String name) {
		return client(config(name).build());
	}

	/**
	 * Opens a raw jnr-unixsocket datagram channel bound in the test directory, whose receives time out.
	 */
	UnixDatagramChannel rawChannel(String name) throws IOException {
		UnixDatagramChannel channel = UnixDatagramChannel.open();
		this.channels.add(channel);
		channel.bind(new UnixSocketAddress(path(name).toFile()));
		channel.setOption(UnixSocketOptions.SO_RCVTIMEO, (int) TIMEOUT.toMillis());
		return channel;
	}

	static void sendRaw(UnixDatagramChannel channel, ByteBuffer datagram, Path target) throws IOException {
		channel.send(datagram.duplicate(), new UnixSocketAddress(target.toFile()));
	}

	static ByteBuffer receiveRaw(UnixDatagramChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
		channel.receive(buffer);
		assertThat(buffer.position()).as("a datagram arrived within %s", TIMEOUT).isPositive();
		return buffer.flip();
	}

	static Message request(String payload) {
		return Message.request("echo", ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
	}

	static String text(Message message) {
		return new String(message.getPayloadBytes(), StandardCharsets.UTF_8);
	}

	/**
	 * Sends a request from a client in polling mode and returns the reply that answers it.
	 */
	static Message call(Transport client, Message request) {
		client.send(request);
		Message reply = client.receive(TIMEOUT);
		assertThat(reply).as("reply to %s", request.getMessageId()).isNotNull();
		assertThat(reply.getHeader().getCorrelationId()).isEqualTo(request.getMessageId());
		return reply;
	}

	/**
	 * Polls a condition until it holds or the timeout passes.
	 */
	static void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() - deadline).as("waiting for %s", what).isNegative();
			LockSupport.parkNanos(POLL_INTERVAL_NANOS);
		}
	}

	List<Path> files() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.toList();
		}
	}

	@Override
	public void close() throws IOException {
		for (Transport transport : this.transports) {
			transport.stop();
		}
		for (UnixDatagramChannel channel : this.channels) {
			channel.close();
		}
		try (Stream<Path> files = Files.walk(this.dir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}
