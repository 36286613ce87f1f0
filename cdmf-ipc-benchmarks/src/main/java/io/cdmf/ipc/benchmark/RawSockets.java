package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the raw baselines' blocking Unix-domain channels, with the JDK's {@code UnixDomainSocketAddress} or with
 * jnr-unixsocket, and runs their echo server: one thread per connection, as {@link RawTcp}'s, so that the
 * many-callers baseline can hold one connection per caller.
 *
 * @since 0.1.0
 */
final class RawSockets {

	private static final Logger logger = LoggerFactory.getLogger(RawSockets.class);

	private RawSockets() {
	}

	/**
	 * Connects a blocking client channel.
	 * @param kind {@link ServerKind#RAW_JDK} or {@link ServerKind#RAW_JNR}
	 * @param socket the socket file
	 * @return the connected channel
	 * @throws IOException if the server cannot be reached
	 */
	static ByteChannel connect(ServerKind kind, Path socket) throws IOException {
		return switch (kind) {
			case RAW_JDK -> SocketChannel.open(UnixDomainSocketAddress.of(socket));
			case RAW_JNR -> UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()));
			default -> throw new IllegalArgumentException("not a raw server kind: " + kind);
		};
	}

	/**
	 * Binds the server socket and starts the accepting thread, which starts an echo thread for each connection,
	 * until the JVM ends.
	 * @param kind {@link ServerKind#RAW_JDK} or {@link ServerKind#RAW_JNR}
	 * @param socket the socket file to create
	 * @throws IOException if the socket cannot be bound
	 */
	static void serve(ServerKind kind, Path socket) throws IOException {
		Files.deleteIfExists(socket);
		Acceptor acceptor = switch (kind) {
			case RAW_JDK -> jdkAcceptor(socket);
			case RAW_JNR -> jnrAcceptor(socket);
			default -> throw new IllegalArgumentException("not a raw server kind: " + kind);
		};
		Thread thread = new Thread(() -> acceptLoop(acceptor, kind), "raw-accept-" + kind.id());
		thread.setDaemon(true);
		thread.start();
	}

	private static Acceptor jdkAcceptor(Path socket) throws IOException {
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		server.bind(UnixDomainSocketAddress.of(socket));
		return server::accept;
	}

	private static Acceptor jnrAcceptor(Path socket) throws IOException {
		UnixServerSocketChannel server = UnixServerSocketChannel.open();
		server.socket().bind(new UnixSocketAddress(socket.toFile()));
		return server::accept;
	}

	private static void acceptLoop(Acceptor acceptor, ServerKind kind) {
		while (true) {
			ByteChannel accepted;
			try {
				accepted = acceptor.accept();
			}
			catch (IOException ex) {
				logger.error("Raw echo server stopped accepting", ex);
				return;
			}
			// A thread of its own, started once per connection: the echo path of a single connection is unchanged.
			Thread connection = new Thread(() -> echo(accepted), "raw-echo-" + kind.id());
			connection.setDaemon(true);
			connection.start();
		}
	}

	private static void echo(ByteChannel accepted) {
		try (ByteChannel channel = accepted) {
			RawEcho.serve(channel);
		}
		catch (IOException ex) {
			logger.warn("Raw echo connection ended with an error: {}", ex.toString());
		}
	}

	/**
	 * Accepts the next connection, blocking.
	 */
	@FunctionalInterface
	private interface Acceptor {

		ByteChannel accept() throws IOException;

	}

}
