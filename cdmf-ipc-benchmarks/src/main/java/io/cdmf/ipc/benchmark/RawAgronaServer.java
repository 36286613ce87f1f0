package io.cdmf.ipc.benchmark;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

/**
 * The raw Agrona baseline's server: one busy-spinning thread reads the request ring in batches; an echo record is
 * copied straight into the response ring, a one-way record is counted.
 *
 * @since 0.1.0
 */
final class RawAgronaServer implements MessageHandler, Runnable, AutoCloseable {

	/** Most records one read takes, as the framework's server does. */
	static final int READ_LIMIT = 64;

	private final RawAgronaRings rings;

	private final ManyToOneRingBuffer requests;

	private final ManyToOneRingBuffer responses;

	private final ReceiverProbe probe;

	private final Thread thread;

	private volatile boolean running = true;

	private RawAgronaServer(RawAgronaRings rings, ReceiverProbe probe) {
		this.rings = rings;
		this.requests = rings.requests();
		this.responses = rings.responses();
		this.probe = probe;
		this.thread = new Thread(this, "raw-agrona-server");
		this.thread.setDaemon(true);
	}

	/**
	 * Creates the rings and starts the reading thread.
	 * @param files the case's files
	 * @param probe the receiver probe
	 * @return the running server
	 */
	static RawAgronaServer start(ShmCaseFiles files, ReceiverProbe probe) {
		RawAgronaServer server = new RawAgronaServer(RawAgronaRings.create(files.rings()), probe);
		server.thread.start();
		return server;
	}

	@Override
	public void run() {
		while (this.running) {
			if (this.requests.read(this, READ_LIMIT) == 0) {
				Thread.onSpinWait();
			}
		}
	}

	@Override
	public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
		if (msgTypeId == RawAgronaRings.ECHO) {
			while (!this.responses.write(RawAgronaRings.ECHO, buffer, index, length)) {
				Thread.onSpinWait();
			}
			this.probe.received(0);
		}
		else {
			this.probe.received((length >= Long.BYTES) ? buffer.getLong(index) : 0);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(1_000);
		this.rings.close();
	}

}
