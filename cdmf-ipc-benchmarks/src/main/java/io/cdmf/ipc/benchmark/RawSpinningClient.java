package io.cdmf.ipc.benchmark;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The raw JDK ping-pong with the proxy's waiting policy: after writing, the caller polls a non-blocking
 * {@code read} for up to the spin time, then waits in a {@link Selector} like a parked caller. It shows what the raw
 * socket costs when the calling CPU does not go idle, which on a virtual machine without guest halt-polling is most
 * of the difference between a blocking and a spinning round trip.
 *
 * @since 0.1.0
 */
final class RawSpinningClient implements SyncClient {

	private final SocketChannel channel;

	private final Selector selector;

	private final ByteBuffer request;

	private final ByteBuffer response;

	private final int size;

	private final long spinNanos;

	RawSpinningClient(SocketChannel channel, int size, long spinNanos) throws IOException {
		this.channel = channel;
		this.size = size;
		this.spinNanos = spinNanos;
		this.request = RawEcho.frame(size);
		this.response = ByteBuffer.allocateDirect(RawEcho.HEADER_LENGTH + size);
		channel.configureBlocking(false);
		this.selector = Selector.open();
		channel.register(this.selector, SelectionKey.OP_READ);
	}

	@Override
	public void roundTrip(boolean verify) throws IOException {
		this.request.rewind();
		while (this.request.hasRemaining()) {
			if (this.channel.write(this.request) == 0) {
				Thread.onSpinWait();
			}
		}
		ByteBuffer in = this.response;
		in.clear();
		long spinEnd = System.nanoTime() + this.spinNanos;
		boolean spinning = true;
		while (in.hasRemaining()) {
			int count = this.channel.read(in);
			if (count < 0) {
				throw new EOFException("server closed the connection");
			}
			if (count > 0) {
				continue;
			}
			if (spinning && System.nanoTime() - spinEnd < 0) {
				Thread.onSpinWait();
			}
			else {
				spinning = false;
				this.selector.select();
				this.selector.selectedKeys().clear();
			}
		}
		if (in.getInt(0) != this.size) {
			throw new IOException("echo of " + in.getInt(0) + " bytes, expected " + this.size);
		}
	}

	@Override
	public void close() throws IOException {
		this.selector.close();
		this.channel.close();
	}

}
