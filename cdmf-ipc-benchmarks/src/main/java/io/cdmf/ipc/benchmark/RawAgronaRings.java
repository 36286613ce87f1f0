package io.cdmf.ipc.benchmark;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The raw Agrona baseline's file: a request ring then a response ring, both {@link ManyToOneRingBuffer}s of
 * {@value #CAPACITY} bytes (the ring type and size {@code shm://} uses by default, so the comparison isolates what
 * the framework adds: framing, checksums, decoding, dispatch, statistics). Records carry no header of their own: the
 * type id says echo or one-way, the body is the payload.
 *
 * @since 0.1.0
 */
final class RawAgronaRings implements AutoCloseable {

	/** Capacity of each ring: the default {@code ring-size} of {@code shm://}. */
	static final int CAPACITY = 1024 * 1024;

	/** Record type of a request to echo. */
	static final int ECHO = 1;

	/** Record type of a one-way message, whose first 8 bytes are the producer's {@code System.nanoTime()}. */
	static final int ONE_WAY = 2;

	private static final int RING_LENGTH = CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;

	private final MappedByteBuffer mapped;

	private final ManyToOneRingBuffer requests;

	private final ManyToOneRingBuffer responses;

	private RawAgronaRings(MappedByteBuffer mapped) {
		this.mapped = mapped;
		this.requests = new ManyToOneRingBuffer(new UnsafeBuffer(mapped, 0, RING_LENGTH));
		this.responses = new ManyToOneRingBuffer(new UnsafeBuffer(mapped, RING_LENGTH, RING_LENGTH));
	}

	/**
	 * Creates the file, zeroed; the server side.
	 * @param file the file
	 * @return the rings
	 */
	static RawAgronaRings create(Path file) {
		return new RawAgronaRings(IoUtil.mapNewFile(file.toFile(), 2L * RING_LENGTH, true));
	}

	/**
	 * Maps the server's file; the client side.
	 * @param file the file
	 * @return the rings
	 */
	static RawAgronaRings open(Path file) {
		return new RawAgronaRings(IoUtil.mapExistingFile(file.toFile(), "raw Agrona rings"));
	}

	/**
	 * Returns the ring the client writes and the server reads.
	 * @return the request ring
	 */
	ManyToOneRingBuffer requests() {
		return this.requests;
	}

	/**
	 * Returns the ring the server writes and the client reads.
	 * @return the response ring
	 */
	ManyToOneRingBuffer responses() {
		return this.responses;
	}

	@Override
	public void close() {
		IoUtil.unmap(this.mapped);
	}

}
