package io.cdmf.ipc.hardening.flood;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.transport.TransportConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Floods a stream transport: each round is one connection that sends one to six inputs back to back (bad frames,
 * sometimes a valid one between them), closes its sending side, reads what the server answers until the server
 * closes, and closes. Before the timed flood, connections are opened and held, each with half a frame sent, up to
 * the server's limit ({@link TransportConfig#DEFAULT_MAX_CONNECTIONS}) and {@value #OVER_LIMIT} past it: the server
 * must hold exactly its limit and close the others at once.
 */
abstract class AbstractStreamFloodTests extends AbstractFloodTests {

	/** Connections opened past the server's limit in the burst. */
	static final int OVER_LIMIT = 50;

	/**
	 * Opens a connection to the server.
	 * @param endpoint the server's bound endpoint
	 * @return the connected, blocking channel
	 * @throws IOException if it cannot connect
	 */
	abstract SocketChannel connect(String endpoint) throws IOException;

	@Override
	boolean roundIsOneConnection() {
		return true;
	}

	@Override
	void floodRound(String endpoint, FloodFrames frames, FloodTally tally) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int inputs = 1 + frames.nextInt(6);
		for (int i = 0; i < inputs; i++) {
			out.writeBytes((frames.nextInt(5) == 0) ? frames.valid() : frames.next());
		}
		byte[] bytes = out.toByteArray();
		try (SocketChannel channel = connect(endpoint)) {
			tally.connection();
			tally.sent(inputs, bytes.length, FrameOracle.stream(bytes, FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH));
			try {
				write(channel, bytes);
				channel.shutdownOutput();
				drain(channel);
			}
			catch (IOException ex) {
				// The server closed the connection after a bad prefix, before it read the rest: the expected end.
			}
		}
	}

	@Override
	void burst(String endpoint, FloodFrames frames, FloodTally tally) throws IOException {
		long activeBefore = stats().activeConnections();
		int accepted = (int) (TransportConfig.DEFAULT_MAX_CONNECTIONS - activeBefore);
		List<SocketChannel> open = new ArrayList<>();
		try {
			for (int i = 0; i < accepted + OVER_LIMIT; i++) {
				SocketChannel channel = connect(endpoint);
				open.add(channel);
				byte[] valid = frames.valid();
				byte[] half = Arrays.copyOf(valid, valid.length / 2);
				write(channel, half);
				if (i < accepted) {
					tally.connection();
					tally.sent(1, half.length, FrameOracle.stream(half, FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH));
				}
			}
			Await.until("server holds its limit of connections", Duration.ofSeconds(20),
					() -> stats().activeConnections() == TransportConfig.DEFAULT_MAX_CONNECTIONS);
			for (SocketChannel channel : open) {
				channel.configureBlocking(false);
			}
			// The server closes what it accepts past its limit at once; the others wait for the rest of their frame.
			List<SocketChannel> refused = new ArrayList<>();
			Await.until(() -> refused.size() + " of " + OVER_LIMIT + " connections over the limit refused",
					Duration.ofSeconds(20), () -> {
						refused.clear();
						for (SocketChannel channel : open) {
							if (read(channel) < 0) {
								refused.add(channel);
							}
						}
						return refused.size() >= OVER_LIMIT;
					});
			assertThat(refused).hasSize(OVER_LIMIT);
			assertThat(stats().activeConnections()).isEqualTo(TransportConfig.DEFAULT_MAX_CONNECTIONS);
		}
		finally {
			for (SocketChannel channel : open) {
				channel.close();
			}
		}
	}

	private static int read(SocketChannel channel) {
		try {
			return channel.read(ByteBuffer.allocate(256));
		}
		catch (IOException ex) {
			// Reset by the server that refused it: as closed.
			return -1;
		}
	}

	private static void write(SocketChannel channel, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	private static void drain(SocketChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
		while (channel.read(buffer.clear()) >= 0) {
			// Answers to the valid and skippable frames; the server closes when it has read everything.
		}
	}

}
