package io.cdmf.ipc.benchmark;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The raw Chronicle Queue baseline's server: one busy-spinning thread tails the requests queue; an echo document's
 * payload is appended straight to the responses queue, a one-way document is counted.
 *
 * @since 0.1.0
 */
final class RawChronicleServer implements Runnable, AutoCloseable {

	private final SingleChronicleQueue requests;

	private final SingleChronicleQueue responses;

	private final ReceiverProbe probe;

	private final Thread thread;

	private volatile boolean running = true;

	private RawChronicleServer(ShmCaseFiles files, ReceiverProbe probe) {
		this.requests = RawChronicle.open(files, RawChronicle.REQUESTS);
		this.responses = RawChronicle.open(files, RawChronicle.RESPONSES);
		this.probe = probe;
		this.thread = new Thread(this, "raw-chronicle-server");
		this.thread.setDaemon(true);
	}

	/**
	 * Creates the queues and starts the tailing thread.
	 * @param files the case's files
	 * @param probe the receiver probe
	 * @return the running server
	 */
	static RawChronicleServer start(ShmCaseFiles files, ReceiverProbe probe) {
		RawChronicleServer server = new RawChronicleServer(files, probe);
		server.thread.start();
		return server;
	}

	@Override
	public void run() {
		// Chronicle's tailers and appenders belong to the thread that uses them.
		try (ExcerptTailer tailer = this.requests.createTailer();
				ExcerptAppender appender = this.responses.createAppender()) {
			while (this.running) {
				if (!readOne(tailer, appender)) {
					Thread.onSpinWait();
				}
			}
		}
	}

	private boolean readOne(ExcerptTailer tailer, ExcerptAppender appender) {
		try (DocumentContext context = tailer.readingDocument()) {
			if (!context.isPresent()) {
				return false;
			}
			Bytes<?> in = context.wire().bytes();
			int type = in.readInt();
			if (type == RawChronicle.ECHO) {
				try (DocumentContext out = appender.writingDocument()) {
					out.wire().bytes().writeInt(RawChronicle.ECHO).write(in, in.readPosition(), in.readRemaining());
				}
				this.probe.received(0);
			}
			else {
				this.probe.received((in.readRemaining() >= Long.BYTES) ? in.readLong(in.readPosition()) : 0);
			}
			return true;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(1_000);
		this.requests.close();
		this.responses.close();
	}

}
