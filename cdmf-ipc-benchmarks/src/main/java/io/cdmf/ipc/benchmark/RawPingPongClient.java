package io.cdmf.ipc.benchmark;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * The raw baselines' client: writes one length-prefixed payload, reads the echo fully, on one blocking channel and
 * one thread. Works on any {@link ByteChannel}, so the JDK and jnr-unixsocket run the same code.
 *
 * @since 0.1.0
 */
final class RawPingPongClient implements SyncClient {

	private final ByteChannel channel;

	private final ByteBuffer request;

	private final ByteBuffer response;

	private final int size;

	RawPingPongClient(ByteChannel channel, int size) {
		this.channel = channel;
		this.size = size;
		this.request = RawEcho.frame(size);
		this.response = ByteBuffer.allocateDirect(RawEcho.HEADER_LENGTH + size);
	}

	@Override
	public void roundTrip(boolean verify) throws IOException {
		this.request.rewind();
		RawEcho.writeFully(this.channel, this.request);
		ByteBuffer in = this.response;
		in.clear();
		// Only one frame is in flight, so reading exactly its length never takes bytes of the next one.
		while (in.hasRemaining()) {
			if (this.channel.read(in) < 0) {
				throw new EOFException("server closed the connection");
			}
		}
		if (in.getInt(0) != this.size) {
			throw new IOException("echo of " + in.getInt(0) + " bytes, expected " + this.size);
		}
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
