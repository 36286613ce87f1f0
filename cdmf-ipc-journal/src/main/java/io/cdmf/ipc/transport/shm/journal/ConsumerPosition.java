package io.cdmf.ipc.transport.shm.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.MessageId;
import org.agrona.concurrent.UnsafeBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's persisted position: the queue index of the last event its handler finished, in a small mapped file
 * {@code consumers/<name>.pos}, locked ({@code flock}) while the consumer runs so that two consumers of one name
 * fail clearly rather than share the stream.
 * <p>
 * The index is stored with release semantics after the handler returned, into shared memory that outlives the
 * process (the page cache keeps a killed process's writes), so a restarted consumer resumes after the last event
 * it finished. Layout (little-endian):
 *
 * <pre>
 *  0: int  version (1)            8: long last processed index, -1 = none
 * 16: long message id, high      24: long message id, low
 * 32: long epoch millis of the last commit
 * </pre>
 *
 * @since 0.1.0
 */
final class ConsumerPosition implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerPosition.class);

	/** File name suffix. */
	static final String SUFFIX = ".pos";

	/** No event processed yet. */
	static final long NONE = -1;

	private static final int VERSION = 1;

	private static final int INDEX_OFFSET = 8;

	private static final int ID_HIGH_OFFSET = 16;

	private static final int ID_LOW_OFFSET = 24;

	private static final int TIME_OFFSET = 32;

	private static final int LENGTH = 64;

	private final FileChannel channel;

	private final FileLock lock;

	private final UnsafeBuffer buffer;

	private ConsumerPosition(FileChannel channel, FileLock lock, MappedByteBuffer mapped) {
		this.channel = channel;
		this.lock = lock;
		this.buffer = new UnsafeBuffer(mapped);
	}

	/**
	 * Opens or creates a consumer's position and locks it.
	 * @param directory the consumers directory
	 * @param consumer the consumer name
	 * @return the position
	 * @throws IpcException with {@code UNAVAILABLE} if a consumer of that name runs
	 */
	static ConsumerPosition open(Path directory, String consumer) {
		Path path = directory.resolve(consumer + SUFFIX);
		FileChannel channel = null;
		try {
			Files.createDirectories(directory);
			channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				throw new IpcException(ErrorCode.UNAVAILABLE, "Another consumer named '" + consumer
						+ "' is running on this journal (" + path + "): stop it or set another option 'consumer'");
			}
			boolean fresh = channel.size() < LENGTH;
			if (fresh) {
				// Written before it is mapped: on a full file system a mapped write to a sparse page raises SIGBUS;
				// a write fails with "No space left on device" instead.
				ByteBuffer zeros = ByteBuffer.allocate(LENGTH);
				while (zeros.hasRemaining()) {
					channel.write(zeros, zeros.position());
				}
			}
			MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, LENGTH);
			ConsumerPosition position = new ConsumerPosition(channel, lock, mapped);
			if (fresh || position.buffer.getInt(0) != VERSION) {
				position.buffer.putLong(INDEX_OFFSET, NONE);
				position.buffer.putIntOrdered(0, VERSION);
			}
			return position;
		}
		catch (IOException ex) {
			closeQuietly(channel);
			deleteIfEmpty(path);
			String reason = String.valueOf(ex.getMessage());
			if (reason.contains("No space left")) {
				throw new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "Cannot create the consumer position " + path
						+ ": " + reason + ". Free space on that file system, or set the option 'directory' to a "
						+ "larger one.", ex);
			}
			throw new IpcException(ErrorCode.PERMISSION_DENIED,
					"Cannot open the consumer position " + path + ": " + reason, ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
	}

	/**
	 * Removes a position file left empty by a failed first write, so that a later start creates it afresh.
	 */
	private static void deleteIfEmpty(Path path) {
		try {
			if (Files.isRegularFile(path) && Files.size(path) == 0) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot remove the empty consumer position {}", path, ex);
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	/**
	 * Reads the index stored in a position file, without locking it.
	 * @param path the position file
	 * @return the index, or {@link #NONE}
	 * @throws IOException if it cannot be read
	 */
	static long readIndex(Path path) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			while (bytes.hasRemaining() && channel.read(bytes) > 0) {
				// Read the whole record.
			}
		}
		return (bytes.position() >= 16 && bytes.getInt(0) == VERSION) ? bytes.getLong(INDEX_OFFSET) : NONE;
	}

	/**
	 * Returns the index of the last event processed.
	 * @return the index, or {@link #NONE}
	 */
	long index() {
		return this.buffer.getLongVolatile(INDEX_OFFSET);
	}

	/**
	 * Records that an event was processed: the id first, the index last (the index is what a restart trusts).
	 * @param index the event's queue index
	 * @param id the event's message id
	 */
	void commit(long index, MessageId id) {
		commit(index, id.high(), id.low());
	}

	/**
	 * Records that an event was processed, from the two halves of its id (no {@link MessageId} needed).
	 * @param index the event's queue index
	 * @param idHigh the high 8 bytes of the event's message id
	 * @param idLow the low 8 bytes of the event's message id
	 */
	void commit(long index, long idHigh, long idLow) {
		this.buffer.putLong(ID_HIGH_OFFSET, idHigh);
		this.buffer.putLong(ID_LOW_OFFSET, idLow);
		this.buffer.putLong(TIME_OFFSET, System.currentTimeMillis());
		this.buffer.putLongOrdered(INDEX_OFFSET, index);
	}

	/**
	 * Returns the id of the last event processed.
	 * @return the id, {@link MessageId#NONE} if none
	 */
	MessageId lastMessageId() {
		long high = this.buffer.getLong(ID_HIGH_OFFSET);
		long low = this.buffer.getLong(ID_LOW_OFFSET);
		return (high == 0 && low == 0) ? MessageId.NONE : new MessageId(high, low);
	}

	/**
	 * Releases the lock; the file stays, so the position survives.
	 */
	@Override
	public void close() {
		try {
			this.lock.release();
		}
		catch (IOException ex) {
			logger.debug("Releasing the position lock failed; closing the channel releases it", ex);
		}
		closeQuietly(this.channel);
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				logger.debug("Closing a position file failed", ex);
			}
		}
	}

}
