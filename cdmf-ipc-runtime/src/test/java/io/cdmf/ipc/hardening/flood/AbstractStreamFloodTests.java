package io.cdmf.ipc.hardening.flood;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.testsupport.Await;

/**
 * Floods a stream transport: each round is one connection that sends one to six inputs back to back (bad frames,
 * sometimes a valid one between them), closes its sending side, reads what the server answers until the server
 * closes, and closes. Before the timed flood, {@value #BURST} connections are held open at once, each with half a
 * frame sent, and the server must count them all open before they close.
 */
abstract class AbstractStreamFloodTests extends AbstractFloodTests {

	/** Connections held open at once before the timed flood. */
	static final int BURST = 64;

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
		List<SocketChannel> open = new ArrayList<>();
		try {
			for (int i = 0; i < BURST; i++) {
				SocketChannel channel = connect(endpoint);
				open.add(channel);
				tally.connection();
				byte[] valid = frames.valid();
				byte[] half = java.util.Arrays.copyOf(valid, valid.length / 2);
				tally.sent(1, half.length, FrameOracle.stream(half, FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH));
				write(channel, half);
			}
			Await.until("server holds " + BURST + " more connections", Duration.ofSeconds(10),
					() -> stats().activeConnections() >= activeBefore + BURST);
		}
		finally {
			for (SocketChannel channel : open) {
				channel.close();
			}
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
