package io.cdmf.ipc.transport.shm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A {@link ManyToOneRingBuffer} in the ring area of a mapped {@link ShmDescriptor} file: any number of threads of
 * any number of processes {@link #writeFrame write}, one thread {@link #read reads}.
 * <p>
 * A frame is encoded straight into the claimed slot (no intermediate copy): {@code tryClaim}, encode, then
 * {@code commit}, or {@code abort} if encoding fails. Each writing thread encodes through its own duplicate of the
 * mapped buffer, because the encoder moves a buffer's position while it computes the checksum. A full ring is
 * back-pressure: the writer idles (spin, yield, park) until there is room or its timeout passes.
 *
 * @since 0.1.0
 */
final class ShmRing {

	/** {@link #writeFrame} result: the ring stayed full for the whole timeout. */
	static final int TIMED_OUT = -2;

	/** {@link #writeFrame} result: the reader went away while waiting. */
	static final int CLOSED = -3;

	private final MappedByteBuffer mapped;

	private final ManyToOneRingBuffer ring;

	private final ByteBuffer readView;

	private final ThreadLocal<ByteBuffer> writeViews;

	ShmRing(MappedByteBuffer mapped, int capacity) {
		this.mapped = mapped;
		this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(mapped, ShmDescriptor.HEADER_LENGTH,
				capacity + RingBufferDescriptor.TRAILER_LENGTH));
		this.readView = mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		this.writeViews = ThreadLocal.withInitial(() -> mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN));
	}

	/**
	 * Returns the largest record the ring takes: an eighth of its capacity.
	 * @return the maximum length in bytes
	 */
	int maxMessageLength() {
		return this.ring.maxMsgLength();
	}

	/**
	 * Writes a message as a frame, waiting while the ring is full.
	 * @param msgTypeId the record type
	 * @param message the message
	 * @param encoder the encoder
	 * @param frameLength what {@link FrameEncoder#frameLength} returned, at most {@link #maxMessageLength()}
	 * @param timeoutNanos how long to wait for room
	 * @param open whether the reader is still there, asked while waiting
	 * @return {@code frameLength}, {@link #TIMED_OUT} or {@link #CLOSED}
	 */
	int writeFrame(int msgTypeId, Message message, FrameEncoder encoder, int frameLength, long timeoutNanos,
			BooleanSupplier open) {
		int index = this.ring.tryClaim(msgTypeId, frameLength);
		if (index < 0) {
			index = awaitClaim(msgTypeId, frameLength, timeoutNanos, open);
			if (index < 0) {
				return index;
			}
		}
		try {
			encoder.encode(message, this.writeViews.get(), ShmDescriptor.HEADER_LENGTH + index, frameLength);
		}
		catch (RuntimeException | Error ex) {
			this.ring.abort(index);
			throw ex;
		}
		this.ring.commit(index);
		return frameLength;
	}

	private int awaitClaim(int msgTypeId, int length, long timeoutNanos, BooleanSupplier open) {
		IdleStrategy idle = ShmOptions.newBackPressureIdleStrategy();
		long deadline = System.nanoTime() + timeoutNanos;
		int polls = 0;
		while (true) {
			idle.idle();
			int index = this.ring.tryClaim(msgTypeId, length);
			if (index >= 0) {
				return index;
			}
			if ((++polls & 63) == 0 && !open.getAsBoolean()) {
				return CLOSED;
			}
			if (System.nanoTime() - deadline >= 0) {
				return TIMED_OUT;
			}
		}
	}

	/**
	 * Writes a small control record once, without waiting.
	 * @param msgTypeId the record type
	 * @param body the body
	 * @param length the body length
	 * @return whether it was written
	 */
	boolean writeControl(int msgTypeId, DirectBuffer body, int length) {
		return this.ring.write(msgTypeId, body, 0, length);
	}

	/**
	 * Writes a control record, waiting up to a timeout for room.
	 * @param msgTypeId the record type
	 * @param body the body
	 * @param length the body length
	 * @param timeoutNanos how long to wait
	 * @return whether it was written
	 */
	boolean writeControl(int msgTypeId, DirectBuffer body, int length, long timeoutNanos) {
		IdleStrategy idle = ShmOptions.newBackPressureIdleStrategy();
		long deadline = System.nanoTime() + timeoutNanos;
		while (!this.ring.write(msgTypeId, body, 0, length)) {
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			idle.idle();
		}
		return true;
	}

	/**
	 * Reads up to a number of records; only one thread may read.
	 * @param handler receives each record; its index is relative to the ring, see {@link #frameOffset(int)}
	 * @param limit the most records to read
	 * @return how many were read
	 */
	int read(MessageHandler handler, int limit) {
		return this.ring.read(handler, limit);
	}

	/**
	 * Returns the buffer the reading thread decodes frames from; its indexes are offsets in the file.
	 * @return the reader's view of the mapped file
	 */
	ByteBuffer readView() {
		return this.readView;
	}

	/**
	 * Converts a record index given to a {@link MessageHandler} to an offset in {@link #readView()}.
	 * @param index the record index
	 * @return the offset in the file
	 */
	static int frameOffset(int index) {
		return ShmDescriptor.HEADER_LENGTH + index;
	}

	/**
	 * Releases a record left half-written by a producer that died between claim and commit, so the reader can go on.
	 * @return whether a record was released
	 */
	boolean unblock() {
		return this.ring.unblock();
	}

	/**
	 * Returns how far producers have claimed.
	 * @return the producer position
	 */
	long producerPosition() {
		return this.ring.producerPosition();
	}

	/**
	 * Returns how far the reader has read.
	 * @return the consumer position
	 */
	long consumerPosition() {
		return this.ring.consumerPosition();
	}

	/**
	 * Returns the mapped file.
	 * @return the mapping
	 */
	MappedByteBuffer mapped() {
		return this.mapped;
	}

}
