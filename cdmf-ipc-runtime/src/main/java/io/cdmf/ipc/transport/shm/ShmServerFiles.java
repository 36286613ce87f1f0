package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.TransportConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.cdmf.ipc.transport.shm.ShmDescriptor.*;

/**
 * Claims a {@code shm://name} endpoint for a server: its directory, the lock that proves a live server, and a fresh
 * {@code server.cnc}.
 * <p>
 * Liveness is decided first by {@code flock} on {@code server.lock}, which the kernel releases when the process
 * dies, even by {@code kill -9}; then, in case the lock file was removed under a running server, by the old
 * {@code server.cnc}'s pid and heartbeat. Files of dead processes (the old server's, clients whose pid is gone) are
 * removed; a live process's files are never touched.
 *
 * @since 0.1.0
 */
final class ShmServerFiles implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ShmServerFiles.class);

	private final Path directory;

	private final Path lockPath;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final ShmFile serverFile;

	private ShmServerFiles(Path directory, Path lockPath, FileChannel lockChannel, FileLock lock, ShmFile serverFile) {
		this.directory = directory;
		this.lockPath = lockPath;
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.serverFile = serverFile;
	}

	/**
	 * Claims the endpoint.
	 * @param config the transport configuration
	 * @param options the shm settings
	 * @return the claim, holding the new server file (not yet signalled ready)
	 * @throws IpcException with {@code UNAVAILABLE} if a live server holds the endpoint, or {@code PERMISSION_DENIED}
	 * if its files cannot be made
	 */
	static ShmServerFiles claim(TransportConfig config, ShmOptions options) {
		String endpoint = config.endpoint().uri();
		Path directory = options.endpointDirectory(config.endpoint().requireName());
		try {
			FileModes.restrictDirectory(directory, config.socketPermissions());
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED, "Cannot create the directory " + directory + " for "
					+ endpoint + " or restrict it to its owner: " + ex.getMessage()
					+ ". Create it owned by this user or set the option 'directory'.", ex);
		}
		Path lockPath = directory.resolve(LOCK_FILE);
		FileChannel channel;
		try {
			channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileModes.restrictFile(lockPath, config.socketPermissions());
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED,
					"Cannot create the lock file " + lockPath + ": " + ex.getMessage(), ex);
		}
		FileLock lock = tryLock(channel, lockPath);
		if (lock == null) {
			close(channel);
			throw inUse(endpoint, directory.resolve(SERVER_FILE));
		}
		try {
			removeStaleFiles(endpoint, directory, options);
			Path serverPath = directory.resolve(SERVER_FILE);
			ShmFile file = ShmFile.create(serverPath, options.ringSize(), ThreadLocalRandom.current().nextLong(), 0,
					config.socketPermissions());
			return new ShmServerFiles(directory, lockPath, channel, lock, file);
		}
		catch (IOException | RuntimeException ex) {
			release(lock, channel);
			if (ex instanceof IpcException ipc) {
				throw ipc;
			}
			throw new IpcException(ErrorCode.PERMISSION_DENIED,
					"Cannot create the files of " + endpoint + " in " + directory + ": " + ex.getMessage(), ex);
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel, Path lockPath) {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// A server in this JVM holds it.
			return null;
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED, "Cannot lock " + lockPath + ": " + ex.getMessage(),
					ex);
		}
	}

	private static void removeStaleFiles(String endpoint, Path directory, ShmOptions options) throws IOException {
		Path serverPath = directory.resolve(SERVER_FILE);
		if (Files.exists(serverPath)) {
			long pid = -1;
			try {
				ShmFile old = ShmFile.open(serverPath);
				pid = old.pid();
				if (old.isOwnerAlive(System.currentTimeMillis(), options.livenessTimeoutMillis())) {
					throw inUse(endpoint, serverPath);
				}
			}
			catch (IpcException ex) {
				if (ex.getErrorCode() == ErrorCode.UNAVAILABLE) {
					throw ex;
				}
				logger.debug("Unreadable server file {} is replaced", serverPath, ex);
			}
			Files.deleteIfExists(serverPath);
			logger.info("Replaced stale shared-memory file {} of {} left by pid {}, which is no longer running",
					serverPath, endpoint, pid);
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, CLIENT_FILE_PREFIX + "*" + FILE_SUFFIX)) {
			for (Path file : files) {
				removeIfDead(file);
			}
		}
	}

	private static void removeIfDead(Path file) {
		long pid;
		try {
			pid = ShmFile.open(file).pid();
		}
		catch (IOException | IpcException ex) {
			// A client still creating its file is not complete yet: leave it unless it has no owner at all.
			logger.debug("Cannot read client file {}", file, ex);
			return;
		}
		if (!ShmFile.isProcessAlive(pid)) {
			ShmFile.deleteQuietly(file);
			logger.info("Removed stale shared-memory file {} of pid {}, which is no longer running", file, pid);
		}
	}

	private static IpcException inUse(String endpoint, Path serverPath) {
		return new IpcException(ErrorCode.UNAVAILABLE,
				"Another server is running on " + endpoint + " (" + serverPath + "): stop it or choose another name");
	}

	/**
	 * Returns the server's file.
	 * @return the file
	 */
	ShmFile serverFile() {
		return this.serverFile;
	}

	/**
	 * Returns the endpoint's directory.
	 * @return the directory
	 */
	Path directory() {
		return this.directory;
	}

	/**
	 * Removes the server file and releases the lock. Call only once no thread reads the server file.
	 */
	@Override
	public void close() {
		this.serverFile.signalClosed();
		this.serverFile.unmap();
		this.serverFile.delete();
		try {
			// Delete while still holding the lock, so no other server can be between its lock and ours.
			Files.deleteIfExists(this.lockPath);
		}
		catch (IOException ex) {
			logger.warn("Could not delete lock file {}: {}", this.lockPath, ex.getMessage());
		}
		release(this.lock, this.lockChannel);
		try {
			Files.deleteIfExists(this.directory);
		}
		catch (IOException ex) {
			// Clients' files are still there; the directory stays for them and the next server.
			logger.debug("Directory {} kept: {}", this.directory, ex.getMessage());
		}
	}

	private static void release(FileLock lock, FileChannel channel) {
		try {
			lock.release();
		}
		catch (IOException ex) {
			logger.warn("Could not release the lock of {}: {}", channel, ex.getMessage());
		}
		finally {
			close(channel);
		}
	}

	private static void close(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing lock channel failed", ex);
		}
	}

}
