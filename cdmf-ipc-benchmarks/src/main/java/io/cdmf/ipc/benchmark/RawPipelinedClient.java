package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.atomic.AtomicLongArray;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw asynchronous baseline: the caller writes frames back to back (one {@code write} each) while a reader
 * thread reads the echoes and reports them in order. The server is the same echo loop as for the ping-pong; it
 * answers everything one {@code read} brought in with one {@code write}.
 *
 * @since 0.1.0
 */
final class RawPipelinedClient implements AsyncClient {

	private static final Logger logger = LoggerFactory.getLogger(RawPipelinedClient.class);

	private final ByteChannel channel;

	private final ByteBuffer request;

	private final int size;

	private final AsyncClient.Completion completion;

	private final AtomicLongArray startTimes;

	private final int mask;

	private final Thread reader;

	private long sent;

	private volatile boolean closing;

	RawPipelinedClient(ByteChannel channel, int size, int window, AsyncClient.Completion completion) {
		this.channel = channel;
		this.size = size;
		this.completion = completion;
		this.request = RawEcho.frame(size);
		// The harness never has more than `window` calls in flight, so a slot is free again when it comes round.
		int slots = Integer.highestOneBit(Math.max(1, window - 1)) << 1;
		this.startTimes = new AtomicLongArray(slots);
		this.mask = slots - 1;
		this.reader = new Thread(this::readLoop, "raw-pipelined-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	@Override
	public void submit(long startNanos) throws IOException {
		this.startTimes.set((int) (this.sent++ & this.mask), startNanos);
		this.request.rewind();
		RawEcho.writeFully(this.channel, this.request);
	}

	private void readLoop() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(RawEcho.BUFFER_SIZE);
		long received = 0;
		try {
			while (RawEcho.read(this.channel, buffer) >= 0) {
				int end = RawEcho.completeFramesEnd(buffer, buffer.position());
				int frame = 0;
				while (frame < end) {
					int length = buffer.getInt(frame);
					long start = this.startTimes.get((int) (received++ & this.mask));
					this.completion.done(start, (length == this.size) ? null
							: "echo of " + length + " bytes, expected " + this.size);
					frame += RawEcho.HEADER_LENGTH + length;
				}
				int total = buffer.position();
				buffer.limit(total).position(end);
				buffer.compact();
			}
		}
		catch (IOException ex) {
			if (!this.closing) {
				logger.error("Raw pipelined reader failed after {} responses", received, ex);
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.closing = true;
		this.channel.close();
		try {
			this.reader.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
