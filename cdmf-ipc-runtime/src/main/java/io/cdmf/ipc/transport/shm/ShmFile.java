package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.MarkFile;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.cdmf.ipc.transport.shm.ShmDescriptor.*;

/**
 * One mapped {@link ShmDescriptor} file: the header, read and written through Agrona's {@link MarkFile} (version
 * signalled last, heartbeat timestamp written with release semantics), and the ring after it.
 * <p>
 * A file is {@link #unmap() unmapped} only by its owner and only once no other thread can touch it; a mapping that
 * other threads may still write into (a peer's ring) is left to the garbage collector, because an explicit unmap
 * under a concurrent writer would crash the JVM.
 *
 * @since 0.1.0
 */
final class ShmFile {

	private static final Logger logger = LoggerFactory.getLogger(ShmFile.class);

	private final Path path;

	private final MarkFile mark;

	private final UnsafeBuffer header;

	private final ShmRing ring;

	private final int capacity;

	private ShmFile(Path path, MappedByteBuffer mapped, int capacity) {
		this.path = path;
		this.mark = new MarkFile(mapped, VERSION_OFFSET, TIMESTAMP_OFFSET);
		this.header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
		this.ring = new ShmRing(mapped, capacity);
		this.capacity = capacity;
	}

	/**
	 * Creates a file that must not exist yet, maps it and writes its header (not yet ready).
	 * @param path the file
	 * @param capacity the ring capacity
	 * @param sessionId the session id to record
	 * @param clientId the client id, 0 for a server
	 * @param permissions the file's permissions
	 * @return the mapped file
	 * @throws IOException if it exists already ({@link java.nio.file.FileAlreadyExistsException}) or cannot be made
	 */
	static ShmFile create(Path path, int capacity, long sessionId, int clientId, Set<PosixFilePermission> permissions)
			throws IOException {
		Files.createFile(path);
		try {
			Files.setPosixFilePermissions(path, permissions);
		}
		catch (UnsupportedOperationException ex) {
			logger.debug("File system of {} has no POSIX permissions", path, ex);
		}
		MappedByteBuffer mapped;
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			preallocate(path, channel, fileLength(capacity));
			mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength(capacity));
		}
		ShmFile file = new ShmFile(path, mapped, capacity);
		file.header.putLong(PID_OFFSET, ProcessHandle.current().pid());
		file.header.putLong(SESSION_ID_OFFSET, sessionId);
		file.header.putInt(RING_CAPACITY_OFFSET, capacity);
		file.header.putInt(CLIENT_ID_OFFSET, clientId);
		file.heartbeat(System.currentTimeMillis());
		return file;
	}

	/**
	 * Writes the whole file once before it is mapped. A mapping past the end of a file extends it sparsely, and on a
	 * full file system (a full {@code /dev/shm}) the first touch of a page without backing store raises
	 * {@code SIGBUS}: in this process, or in a peer writing into this file's ring, which the JVM turns into an
	 * {@link InternalError} at best. Written first, the pages exist, and a full file system fails here instead.
	 */
	private static void preallocate(Path path, FileChannel channel, long length) {
		try {
			IoUtil.fill(channel, 0, length, (byte) 0);
		}
		catch (Exception ex) {
			// IoUtil rethrows the write's IOException unchecked ("No space left on device").
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException deleteFailure) {
				ex.addSuppressed(deleteFailure);
			}
			throw new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "No room for the shared-memory file " + path + " ("
					+ length + " bytes) in " + path.getParent() + ": " + ex.getMessage() + ". Free space on that file "
					+ "system (df " + path.getParent() + "), or set the option 'directory' to a larger one or "
					+ "'ring-size' / 'response-ring-size' to smaller rings.", ex);
		}
	}

	/**
	 * Maps a peer's file, checking its declared capacity against its real size first (mapping past the end of a file
	 * would fault on access).
	 * @param path the file
	 * @return the mapped file
	 * @throws IOException if it cannot be read
	 * @throws IpcException with {@code ILLEGAL_STATE} if it is not a valid file of this layout
	 */
	static ShmFile open(Path path) throws IOException {
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long size = channel.size();
			ByteBuffer head = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
			while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
				// Read the whole header.
			}
			int capacity = head.getInt(RING_CAPACITY_OFFSET);
			if (head.hasRemaining() || capacity < 4096 || !BitUtil.isPowerOfTwo(capacity)
					|| size < fileLength(capacity)) {
				throw new IpcException(ErrorCode.ILLEGAL_STATE, path + " is not a complete shm:// file (size " + size
						+ ", ring capacity " + capacity + ")");
			}
			MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength(capacity));
			return new ShmFile(path, mapped, capacity);
		}
	}

	/**
	 * Publishes the file as ready: the version is written last, with release semantics.
	 */
	void signalReady() {
		this.mark.signalReady(VERSION);
	}

	/**
	 * Marks the file closed by its owner, so that peers stop using it at once.
	 */
	void signalClosed() {
		this.mark.signalReady(CLOSED_VERSION);
	}

	/**
	 * Returns whether the owner closed the file.
	 * @return whether it is closed
	 */
	boolean isClosedByOwner() {
		return this.mark.versionVolatile() == CLOSED_VERSION;
	}

	/**
	 * Returns whether the owner finished writing the file.
	 * @return whether the version is set
	 */
	boolean isReady() {
		return this.mark.versionVolatile() == VERSION;
	}

	/**
	 * Writes the heartbeat.
	 * @param epochMillis the current time
	 */
	void heartbeat(long epochMillis) {
		this.mark.timestampOrdered(epochMillis);
	}

	/**
	 * Returns the last heartbeat.
	 * @return epoch milliseconds
	 */
	long heartbeat() {
		return this.mark.timestampVolatile();
	}

	/**
	 * Returns the owner's process id.
	 * @return the pid
	 */
	long pid() {
		return this.header.getLongVolatile(PID_OFFSET);
	}

	/**
	 * Returns the session id.
	 * @return the session id
	 */
	long sessionId() {
		return this.header.getLongVolatile(SESSION_ID_OFFSET);
	}

	/**
	 * Returns the client id, 0 for a server file.
	 * @return the client id
	 */
	int clientId() {
		return this.header.getInt(CLIENT_ID_OFFSET);
	}

	/**
	 * Returns whether the owner is alive: ready, its process running and its heartbeat recent.
	 * @param nowMillis the current epoch time
	 * @param timeoutMillis how old a heartbeat may be
	 * @return whether it is alive
	 */
	boolean isOwnerAlive(long nowMillis, long timeoutMillis) {
		return isReady() && isProcessAlive(pid()) && nowMillis - heartbeat() <= timeoutMillis;
	}

	/**
	 * Returns the ring.
	 * @return the ring
	 */
	ShmRing ring() {
		return this.ring;
	}

	/**
	 * Returns the ring capacity.
	 * @return bytes
	 */
	int capacity() {
		return this.capacity;
	}

	/**
	 * Returns the file path.
	 * @return the path
	 */
	Path path() {
		return this.path;
	}

	/**
	 * Unmaps the file. Only for a file no other thread can still read or write.
	 */
	void unmap() {
		this.mark.close();
	}

	/**
	 * Deletes the file; a missing file is not an error.
	 */
	void delete() {
		deleteQuietly(this.path);
	}

	/**
	 * Deletes a file, logging rather than failing when it cannot be.
	 * @param path the file
	 */
	static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}: {}", path, ex.getMessage());
		}
	}

	/**
	 * Returns whether a process runs.
	 * @param pid the process id
	 * @return whether it is alive
	 */
	static boolean isProcessAlive(long pid) {
		return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

}
