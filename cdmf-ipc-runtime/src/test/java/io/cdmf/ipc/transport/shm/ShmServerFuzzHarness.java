package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A real shm:// server whose duty cycle the caller runs, one {@link #poll()} at a time, over a real request ring in a
 * file under {@code /dev/shm}; with one attached client whose side the caller plays, as a hostile process would.
 * <p>
 * The server is what {@link ShmTransport#start()} builds (its files, its {@link ShmServer}) without the thread that
 * would run it, so a fuzz target can write bytes into the ring memory and then let the server read them, on one
 * thread and deterministically. The client's file is created and attached as a client process does; its response
 * ring is drained after every poll, so that the server never waits for room.
 *
 * @since 0.1.0
 */
public final class ShmServerFuzzHarness implements AutoCloseable {

	/** The attached client's id, the record type of its frames. */
	public static final int CLIENT_ID = ShmDescriptor.FIRST_CLIENT_ID;

	private static final int RING_SIZE = 4096;

	private final ShmTestDirectory directory = new ShmTestDirectory();

	private final ShmTransport transport;

	private final ShmServerFiles files;

	private final ShmServer server;

	private final ShmRing ring;

	private final ByteBuffer memory;

	private final ShmFile clientFile;

	private final FrameEncoder encoder = new FrameEncoder(RING_SIZE, false);

	private long received;

	private long responses;

	/**
	 * Creates the server and attaches the client.
	 */
	public ShmServerFuzzHarness() {
		String endpoint = this.directory.endpoint("fuzz", "ring-size=" + RING_SIZE, "response-ring-size=" + RING_SIZE,
				"liveness-timeout-ms=60000");
		Transport created = TransportFactory.create(endpoint);
		this.transport = (ShmTransport) created;
		this.transport.setMessageCallback((message) -> this.received++);
		this.files = ShmServerFiles.claim(this.transport.getConfig(), this.transport.options());
		this.server = new ShmServer(this.transport, this.transport.options(), this.files);
		this.files.serverFile().signalReady();
		this.ring = this.files.serverFile().ring();
		this.memory = this.ring.mapped().duplicate().order(ByteOrder.LITTLE_ENDIAN);
		Path clientPath = this.files.directory().resolve(ShmDescriptor.clientFileName(CLIENT_ID));
		try {
			this.clientFile = ShmFile.create(clientPath, RING_SIZE, ThreadLocalRandom.current().nextLong(), CLIENT_ID,
					PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.clientFile.signalReady();
		if (!ensureAttached()) {
			throw new IllegalStateException("the client was not attached");
		}
	}

	/**
	 * Attaches the client again if the server detached it: any client can write a detach record with another
	 * client's id into the shared ring.
	 * @return whether the client is attached
	 */
	public boolean ensureAttached() {
		if (this.transport.getStats().activeConnections() > 0) {
			return true;
		}
		UnsafeBuffer body = new UnsafeBuffer(new byte[4]);
		body.putInt(0, CLIENT_ID);
		if (this.ring.writeControl(ShmDescriptor.ATTACH, body, 4)) {
			poll();
		}
		return this.transport.getStats().activeConnections() > 0;
	}

	/**
	 * Returns the capacity of the request ring (its record area) in bytes.
	 * @return the capacity, a power of two
	 */
	public int capacity() {
		return RING_SIZE;
	}

	/**
	 * Returns the file offset at which the ring's record area starts.
	 * @return the offset in {@link #memory()}
	 */
	public int ringOffset() {
		return ShmDescriptor.HEADER_LENGTH;
	}

	/**
	 * Returns the file offset of the ring's trailer field at an offset of {@link RingBufferDescriptor}.
	 * @param trailerField for example {@link RingBufferDescriptor#TAIL_POSITION_OFFSET}
	 * @return the offset in {@link #memory()}
	 */
	public int trailerOffset(int trailerField) {
		return ShmDescriptor.HEADER_LENGTH + RING_SIZE + trailerField;
	}

	/**
	 * Returns the mapped server file, little-endian, as a client process maps it: every byte is writable.
	 * @return a view of the whole file
	 */
	public ByteBuffer memory() {
		return this.memory;
	}

	/**
	 * Writes a well-formed frame of the attached client into the ring, as a well-behaved client does.
	 * @param message the message
	 * @return whether there was room
	 */
	public boolean writeFrame(Message message) {
		int length = this.encoder.frameLength(message);
		return this.ring.writeFrame(CLIENT_ID, message, this.encoder, length, 0, () -> true) == length;
	}

	/**
	 * Runs one duty cycle of the server (a batch of ring records and housekeeping), then drains the client's
	 * response ring and keeps the client's heartbeat fresh.
	 * @return the work count of the duty cycle
	 */
	public int poll() {
		int work = this.server.doWork();
		this.responses += this.clientFile.ring().read((type, buffer, index, length) -> {
		}, Integer.MAX_VALUE);
		this.clientFile.heartbeat(System.currentTimeMillis());
		return work;
	}

	/**
	 * Releases a record that was claimed and never committed, as the server's duty cycle does once the ring has
	 * not moved for the liveness timeout (which the fuzzer cannot wait for).
	 * @return whether a record was released
	 */
	public boolean unblock() {
		return this.ring.unblock();
	}

	/**
	 * Returns how many messages the server delivered to its callback.
	 * @return the count
	 */
	public long received() {
		return this.received;
	}

	/**
	 * Returns how many records the server wrote into the client's response ring.
	 * @return the count
	 */
	public long responses() {
		return this.responses;
	}

	/**
	 * Returns how many records or frames the server rejected.
	 * @return the count
	 */
	public long rejected() {
		return this.transport.getStats().framesRejected();
	}

	/**
	 * Returns how far the server has read the ring.
	 * @return the consumer position
	 */
	public long consumerPosition() {
		return this.ring.consumerPosition();
	}

	/**
	 * Returns how far producers have claimed the ring.
	 * @return the producer position
	 */
	public long producerPosition() {
		return this.ring.producerPosition();
	}

	/**
	 * Returns whether every byte from the server's read position up to a position is zero: a claim that its
	 * producer never wrote.
	 * @param position a producer position, at most a ring ahead of the read position
	 * @return whether the bytes are all zero
	 */
	public boolean isZeroUpTo(long position) {
		for (long p = consumerPosition(); p < position; p++) {
			if (this.memory.get(ringOffset() + ((int) p & (RING_SIZE - 1))) != 0) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void close() {
		this.clientFile.unmap();
		this.clientFile.delete();
		this.server.onClose();
		this.files.close();
		this.transport.stop();
		this.directory.close();
	}

}
