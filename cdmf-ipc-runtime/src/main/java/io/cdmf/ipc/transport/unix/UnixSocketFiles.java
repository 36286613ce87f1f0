package io.cdmf.ipc.transport.unix;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Predicate;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a server's socket file: makes sure no live server is using the path, replaces a stale file left by a process
 * that died, sets the file's permissions and removes it on close.
 * <p>
 * Liveness is decided twice. First a lock file next to the socket ({@code <path>.lock}) is locked for the server's
 * lifetime with {@code flock}: the kernel releases it when the process dies, even by {@code kill -9}, so a held lock
 * means a live CDMF server. Then, for peers that do not take the lock (a server in another language), a connection
 * to an existing socket file is attempted: if it is accepted the file is live and is left alone.
 *
 * @since 0.1.0
 */
public final class UnixSocketFiles implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(UnixSocketFiles.class);

	private final Path socketPath;

	private final Path lockPath;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private volatile boolean closed;

	private UnixSocketFiles(Path socketPath, Path lockPath, FileChannel lockChannel, FileLock lock) {
		this.socketPath = socketPath;
		this.lockPath = lockPath;
		this.lockChannel = lockChannel;
		this.lock = lock;
	}

	/**
	 * Claims a socket path for a server that is about to bind it.
	 * @param socketPath the socket file path
	 * @param isLive answers whether a server accepts connections on an existing socket file
	 * @return the claim, to be {@link #close() closed} when the server stops
	 * @throws IpcException with {@code UNAVAILABLE} if a live server holds the path, or {@code PERMISSION_DENIED} if
	 * the directory cannot be written
	 */
	public static UnixSocketFiles claim(Path socketPath, Predicate<Path> isLive) {
		Path directory = socketPath.toAbsolutePath().getParent();
		try {
			if (directory != null && !Files.isDirectory(directory)) {
				Files.createDirectories(directory);
			}
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED, "Cannot create the directory " + directory
					+ " for socket " + socketPath + ": " + ex.getMessage() + ". Create it or choose another path.",
					ex);
		}
		Path lockPath = socketPath.resolveSibling(socketPath.getFileName() + ".lock");
		FileChannel channel;
		try {
			channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED, "Cannot create the lock file " + lockPath
					+ ": " + ex.getMessage() + ". Check the permissions of " + directory + ".", ex);
		}
		FileLock lock = tryLock(channel);
		if (lock == null) {
			closeQuietly(channel);
			throw inUse(socketPath);
		}
		UnixSocketFiles files = new UnixSocketFiles(socketPath, lockPath, channel, lock);
		try {
			files.removeStaleSocket(isLive);
			return files;
		}
		catch (RuntimeException ex) {
			files.releaseLock(false);
			throw ex;
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// Another transport in this JVM holds the lock: the path is in use.
			return null;
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED, "Cannot lock " + ex.getMessage(), ex);
		}
	}

	private void removeStaleSocket(Predicate<Path> isLive) {
		if (!Files.exists(this.socketPath, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		if (Files.isDirectory(this.socketPath, LinkOption.NOFOLLOW_LINKS)
				|| Files.isRegularFile(this.socketPath, LinkOption.NOFOLLOW_LINKS)) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "Cannot bind " + this.socketPath
					+ ": a file or directory that is not a socket is in the way. Remove it or choose another path.");
		}
		if (isLive.test(this.socketPath)) {
			throw inUse(this.socketPath);
		}
		try {
			Files.deleteIfExists(this.socketPath);
			logger.info("Replaced stale socket file {} left by a server that is no longer running", this.socketPath);
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED, "Cannot remove the stale socket file "
					+ this.socketPath + ": " + ex.getMessage() + ". Remove it by hand or fix its permissions.", ex);
		}
	}

	private static IpcException inUse(Path socketPath) {
		return new IpcException(ErrorCode.UNAVAILABLE, "Another server is running on " + socketPath
				+ ": stop it or choose another endpoint path");
	}

	/**
	 * Gives the bound socket file its permissions.
	 * @param permissions the permissions
	 * @throws IpcException with {@code PERMISSION_DENIED} if they cannot be set
	 */
	public void applyPermissions(Set<PosixFilePermission> permissions) {
		try {
			Files.setPosixFilePermissions(this.socketPath, permissions);
			Files.setPosixFilePermissions(this.lockPath, permissions);
		}
		catch (IOException | UnsupportedOperationException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED,
					"Cannot set permissions of " + this.socketPath + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the socket file path.
	 * @return the path
	 */
	public Path socketPath() {
		return this.socketPath;
	}

	/**
	 * Removes the socket file and releases the lock.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			Files.deleteIfExists(this.socketPath);
		}
		catch (IOException ex) {
			logger.warn("Could not remove socket file {} on close: {}; the next server on this path will replace it",
					this.socketPath, ex.getMessage());
		}
		releaseLock(true);
	}

	private void releaseLock(boolean deleteLockFile) {
		try {
			if (deleteLockFile) {
				// Delete while still holding the lock, so no other server can be between its lock and ours.
				Files.deleteIfExists(this.lockPath);
			}
			this.lock.release();
		}
		catch (IOException ex) {
			logger.warn("Could not release lock file {}: {}", this.lockPath, ex.getMessage());
		}
		finally {
			closeQuietly(this.lockChannel);
		}
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing lock file channel failed", ex);
		}
	}

}
