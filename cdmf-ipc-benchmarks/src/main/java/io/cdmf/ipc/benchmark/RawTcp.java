package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw TCP baseline: the same length-prefixed ping-pong and echo loop as the Unix-socket baseline
 * ({@link RawEcho}, {@link RawPingPongClient}), on blocking JDK TCP channels on the loopback interface with
 * {@code TCP_NODELAY} on both sides, one server thread per connection.
 *
 * @since 0.1.0
 */
final class RawTcp {

	private static final Logger logger = LoggerFactory.getLogger(RawTcp.class);

	private RawTcp() {
	}

	/**
	 * Binds a free loopback port and starts the accepting thread.
	 * @return the bound port
	 * @throws IOException if the port cannot be bound
	 */
	static int serve() throws IOException {
		ServerSocketChannel server = ServerSocketChannel.open();
		server.bind(new InetSocketAddress(NetworkServers.HOST, 0));
		Thread thread = new Thread(() -> acceptLoop(server), "raw-tcp-accept");
		thread.setDaemon(true);
		thread.start();
		return ((InetSocketAddress) server.getLocalAddress()).getPort();
	}

	/**
	 * Connects a blocking client channel with {@code TCP_NODELAY}.
	 * @param port the server's port
	 * @return the channel
	 * @throws IOException if the server cannot be reached
	 */
	static SocketChannel connect(int port) throws IOException {
		SocketChannel channel = SocketChannel.open(new InetSocketAddress(NetworkServers.HOST, port));
		channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		return channel;
	}

	private static void acceptLoop(ServerSocketChannel server) {
		while (true) {
			SocketChannel accepted;
			try {
				accepted = server.accept();
				accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			catch (IOException ex) {
				logger.error("Raw TCP echo server stopped accepting", ex);
				return;
			}
			Thread connection = new Thread(() -> echo(accepted), "raw-tcp-echo");
			connection.setDaemon(true);
			connection.start();
		}
	}

	private static void echo(SocketChannel accepted) {
		try (SocketChannel channel = accepted) {
			RawEcho.serve(channel);
		}
		catch (IOException ex) {
			logger.warn("Raw TCP echo connection ended with an error: {}", ex.toString());
		}
	}

}
