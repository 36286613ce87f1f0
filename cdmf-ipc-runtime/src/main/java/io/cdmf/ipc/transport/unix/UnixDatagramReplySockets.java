package io.cdmf.ipc.transport.unix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.EndpointUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places a client's reply socket, which it needs because a datagram server answers the address a datagram came
 * from: beside the server's socket as {@code <path>.c<pid>-<n>}, or as {@code cdmf-dgram-<pid>-<n>.sock} under
 * {@code java.io.tmpdir} when that path would exceed the 108-byte {@code sun_path} or the directory is not
 * writable.
 *
 * @since 0.1.0
 */
final class UnixDatagramReplySockets {

	private static final Logger logger = LoggerFactory.getLogger(UnixDatagramReplySockets.class);

	private static final AtomicLong COUNTER = new AtomicLong();

	private UnixDatagramReplySockets() {
	}

	/**
	 * Binds a new reply socket for a client of a server.
	 * @param serverPath the server's socket path
	 * @param maxDatagramSize the datagram limit, to size the kernel buffers
	 * @param sendTimeout how long a send may wait for room
	 * @return the bound socket
	 * @throws IpcException if no place for it can be bound
	 */
	static BoundDatagramSocket bind(Path serverPath, int maxDatagramSize, Duration sendTimeout) {
		String suffix = ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
		Path besideServer = serverPath.resolveSibling(serverPath.getFileName() + ".c" + suffix);
		if (fits(besideServer)) {
			try {
				return bindFresh(besideServer, maxDatagramSize, sendTimeout);
			}
			catch (IpcException ex) {
				if (ex.getErrorCode() != ErrorCode.PERMISSION_DENIED) {
					throw ex;
				}
				logger.debug("Cannot bind a reply socket beside {} ({}); using java.io.tmpdir", serverPath,
						ex.getMessage());
			}
		}
		Path inTmp = Path.of(System.getProperty("java.io.tmpdir"), "cdmf-dgram-" + suffix + ".sock").toAbsolutePath();
		if (!fits(inTmp)) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "Cannot place a reply socket for " + serverPath
					+ ": both " + besideServer + " and " + inTmp + " exceed " + (EndpointUri.MAX_UNIX_PATH_BYTES - 1)
					+ " bytes. Use a shorter endpoint path or java.io.tmpdir.");
		}
		return bindFresh(inTmp, maxDatagramSize, sendTimeout);
	}

	private static BoundDatagramSocket bindFresh(Path path, int maxDatagramSize, Duration sendTimeout) {
		// The name holds our pid: a file already there was left by a dead process that had the same pid.
		if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !BoundDatagramSocket.isLive(path)) {
			delete(path);
		}
		return BoundDatagramSocket.bind(path, maxDatagramSize, sendTimeout);
	}

	private static boolean fits(Path path) {
		return path.toString().getBytes(StandardCharsets.UTF_8).length < EndpointUri.MAX_UNIX_PATH_BYTES;
	}

	/**
	 * Deletes a reply socket's file.
	 * @param path the file
	 * @throws IpcException with {@code PERMISSION_DENIED} if it cannot be deleted
	 */
	static void delete(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED,
					"Cannot delete reply socket file " + path + ": " + ex.getMessage(), ex);
		}
	}

}
