package io.cdmf.ipc.transport.shm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
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

	/**
	 * Record type that {@link #read} hands its handler for bytes it skipped because a record header in them was
	 * impossible (a length shorter than a header, past the end of the ring or past what producers claimed); the
	 * index and length are those of the skipped bytes.
	 */
	static final int CORRUPT = -2;

	private static final BooleanSupplier ALWAYS_READER = () -> true;

	private final MappedByteBuffer mapped;

	private final ManyToOneRingBuffer ring;

	private final ByteBuffer readView;

	private final ThreadLocal<ByteBuffer> writeViews;

	private final int headPositionIndex;

	/** Read position and bytes of the batch the reader is in, for {@link #releaseAbandonedBatch()}. */
	private long batchHead;

	private int batchBytes;

	private final int tailPositionIndex;

	ShmRing(MappedByteBuffer mapped, int capacity) {
		this.mapped = mapped;
		this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(mapped, ShmDescriptor.HEADER_LENGTH,
				capacity + RingBufferDescriptor.TRAILER_LENGTH));
		this.readView = mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		this.writeViews = ThreadLocal.withInitial(() -> mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN));
		this.headPositionIndex = capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
		this.tailPositionIndex = capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
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
		return read(handler, limit, ALWAYS_READER);
	}

	/**
	 * Reads up to a number of records as {@link #read(MessageHandler, int)} does, for a reader that can be replaced
	 * while a record's handler runs ({@link io.cdmf.ipc.transport.ReceiverRelay}): once {@code stillReader} says no
	 * after a handler returned, this returns at once and leaves the batch to its successor, which gives the records
	 * read so far back to the producers with {@link #releaseAbandonedBatch()}.
	 * @param handler receives each record
	 * @param limit the most records to read
	 * @param stillReader asked after each record's handler
	 * @return how many were read
	 */
	int read(MessageHandler handler, int limit, BooleanSupplier stillReader) {
		// Agrona's read trusts the length in each record header, and any process that maps the ring can write one: a
		// length longer than the claim moves the read position past the producers' (the reader then reads the middle
		// of later records and never finds a record start again), one past the end of the ring reads and zeroes the
		// trailer or throws, every batch again. So the records are read here by the same layout (RecordDescriptor),
		// with each length checked against the block and the claimed bytes first (found by ShmRingFuzzer).
		AtomicBuffer buffer = this.ring.buffer();
		int capacity = this.ring.capacity();
		long head = buffer.getLong(this.headPositionIndex);
		int headIndex = (int) head & (capacity - 1);
		int blockLength = capacity - headIndex;
		long tail = head;
		int bytesRead = 0;
		int read = 0;
		try {
			while (bytesRead < blockLength && read < limit) {
				int recordIndex = headIndex + bytesRead;
				int recordLength = buffer.getIntVolatile(RecordDescriptor.lengthOffset(recordIndex));
				if (recordLength <= 0) {
					break;
				}
				long recordEnd = head + bytesRead + align(recordLength);
				if (recordEnd > tail) {
					// The length was read (acquire) after the record's claim moved the tail: a fresh tail covers it.
					tail = buffer.getLongVolatile(this.tailPositionIndex);
				}
				if (recordLength < RecordDescriptor.HEADER_LENGTH || recordLength > blockLength - bytesRead
						|| recordEnd > tail) {
					int skipped = skipCorrupt(head + bytesRead, tail, blockLength - bytesRead);
					bytesRead += skipped;
					handler.onMessage(CORRUPT, buffer, recordIndex, skipped);
					read++;
					break;
				}
				bytesRead += align(recordLength);
				int type = buffer.getInt(RecordDescriptor.typeOffset(recordIndex));
				if (type != RingBuffer.PADDING_MSG_TYPE_ID) {
					// What a successor releases if this reader is replaced while the handler runs; the relay's
					// ordered write in the handler publishes it.
					this.batchHead = head;
					this.batchBytes = bytesRead;
					handler.onMessage(type, buffer, recordIndex + RecordDescriptor.HEADER_LENGTH,
							recordLength - RecordDescriptor.HEADER_LENGTH);
					read++;
					if (!stillReader.getAsBoolean()) {
						// Replaced: the successor released the batch and reads on; nothing here touches the ring.
						bytesRead = 0;
						return read;
					}
				}
			}
		}
		finally {
			if (bytesRead > 0) {
				// Zeroed as Agrona's reader leaves it: a claim's length stays 0 until its writer commits.
				buffer.setMemory(headIndex, bytesRead, (byte) 0);
				buffer.putLongRelease(this.headPositionIndex, head + bytesRead);
			}
		}
		return read;
	}

	/**
	 * Gives back to the producers the records of the batch a replaced reader was in, up to and including the one
	 * whose handler was still running (it holds its own copy of the record); called by the new reader before it
	 * reads. A no-op when called again.
	 */
	void releaseAbandonedBatch() {
		int bytes = this.batchBytes;
		if (bytes <= 0) {
			return;
		}
		AtomicBuffer buffer = this.ring.buffer();
		long head = this.batchHead;
		if (buffer.getLong(this.headPositionIndex) == head) {
			buffer.setMemory((int) head & (this.ring.capacity() - 1), bytes, (byte) 0);
			buffer.putLongRelease(this.headPositionIndex, head + bytes);
		}
		this.batchBytes = 0;
	}

	/**
	 * Returns how many bytes to skip from a record whose header cannot be right: up to the producers' position, or
	 * to the end of the ring if that is nearer or the position is not ahead (it may have been overwritten too).
	 */
	private static int skipCorrupt(long position, long tail, int rest) {
		long claimed = tail - position;
		return (claimed > 0 && claimed < rest) ? Math.min(align((int) claimed), rest) : rest;
	}

	private static int align(int recordLength) {
		// As a long: a length near Integer.MAX_VALUE must not wrap to a negative size.
		return (int) Math.min(Integer.MAX_VALUE & ~(RecordDescriptor.ALIGNMENT - 1),
				((long) recordLength + RecordDescriptor.ALIGNMENT - 1) & ~(RecordDescriptor.ALIGNMENT - 1));
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
		return releaseImpossibleClaim() || this.ring.unblock() || releaseClaimAtEnd();
	}

	/**
	 * Releases a claim whose header gives a length that no producer claims: Agrona's {@code unblock} turns a claim
	 * in progress (a negative length) into padding of that length, and the length {@link Integer#MIN_VALUE} stays
	 * negative when negated, so the ring would stay blocked however often it is called (found by
	 * {@code ShmRingFuzzer}). Such a header is written by no producer that follows the protocol: the bytes up to the
	 * producers' position (or the end of the ring) become padding.
	 * @return whether a claim was released
	 */
	private boolean releaseImpossibleClaim() {
		AtomicBuffer buffer = this.ring.buffer();
		int capacity = this.ring.capacity();
		long head = this.ring.consumerPosition();
		int headIndex = (int) head & (capacity - 1);
		int length = buffer.getIntVolatile(RecordDescriptor.lengthOffset(headIndex));
		if (length >= 0 || (length != Integer.MIN_VALUE && -length >= RecordDescriptor.HEADER_LENGTH
				&& -length <= capacity - headIndex)) {
			return false;
		}
		int padding = skipCorrupt(head, this.ring.producerPosition(), capacity - headIndex);
		buffer.putInt(RecordDescriptor.typeOffset(headIndex), RingBuffer.PADDING_MSG_TYPE_ID);
		buffer.putIntRelease(RecordDescriptor.lengthOffset(headIndex), padding);
		return true;
	}

	/**
	 * Releases a claim that was never written and that ends exactly at the end of the ring.
	 * <p>
	 * Why: Agrona's {@code unblock} releases a zeroed claim by padding up to the next record it finds between the
	 * claim and the end of the ring; a claim that reaches the end has its next record at index 0, after the wrap, so
	 * it is never released and the ring stays blocked for every client (found by {@code ShmRingFuzzer}). When the
	 * producers have claimed past the end and no record length is set from the read position to the end, that block
	 * is a dead claim: it becomes padding, as Agrona pads the ones it finds.
	 * @return whether a claim was released
	 */
	private boolean releaseClaimAtEnd() {
		AtomicBuffer buffer = this.ring.buffer();
		int capacity = this.ring.capacity();
		long head = this.ring.consumerPosition();
		int headIndex = (int) head & (capacity - 1);
		if (this.ring.producerPosition() - head <= capacity - headIndex) {
			return false;
		}
		for (int i = headIndex; i < capacity; i += RecordDescriptor.ALIGNMENT) {
			if (buffer.getIntVolatile(RecordDescriptor.lengthOffset(i)) != 0) {
				return false;
			}
		}
		buffer.putInt(RecordDescriptor.typeOffset(headIndex), RingBuffer.PADDING_MSG_TYPE_ID);
		buffer.putIntRelease(RecordDescriptor.lengthOffset(headIndex), capacity - headIndex);
		return true;
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
