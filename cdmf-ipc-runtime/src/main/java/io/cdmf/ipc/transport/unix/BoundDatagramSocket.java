package io.cdmf.ipc.transport.unix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import jnr.constants.platform.Errno;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketOptions;
import org.jspecify.annotations.Nullable;

/**
 * A {@link UnixDatagramChannel} bound to a path, with sends and receives that report {@code errno} as an
 * {@link IpcException} of the right {@link ErrorCode}.
 * <p>
 * Sends may run on many threads at once: the kernel sends each datagram whole. They hold a read lock while they use
 * the file descriptor and {@link #close()} takes the write lock, so that a send never reaches a descriptor number
 * that was closed and reused. The single receiving thread is woken by {@link #shutdown()} and must have returned
 * before {@link #close()}, for the same reason.
 *
 * @since 0.1.0
 */
final class BoundDatagramSocket implements AutoCloseable {

	/** Room the kernel keeps beside a datagram in the send buffer ({@code sk_sndbuf - 32} in {@code af_unix.c}). */
	private static final int KERNEL_OVERHEAD = 32;

	private final UnixDatagramChannel channel;

	private final int fd;

	private final Path path;

	private final ReadWriteLock closeLock = new ReentrantReadWriteLock();

	private volatile boolean closed;

	private BoundDatagramSocket(UnixDatagramChannel channel, Path path) {
		this.channel = channel;
		this.fd = channel.getFD();
		this.path = path;
	}

	/**
	 * Opens a datagram socket and binds it to a path.
	 * @param path the socket file to create; it must not exist
	 * @param maxDatagramSize the largest datagram to send and receive, to size the kernel buffers
	 * @param sendTimeout how long a send may wait for room at the receiver
	 * @return the bound socket
	 * @throws IpcException with {@code UNAVAILABLE} if the path is in use, {@code PERMISSION_DENIED} if it cannot be
	 * created
	 */
	static BoundDatagramSocket bind(Path path, int maxDatagramSize, Duration sendTimeout) {
		UnixDatagramChannel channel;
		try {
			channel = UnixDatagramChannel.open();
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "Cannot open a datagram socket: " + ex.getMessage(),
					ex);
		}
		try {
			// SO_SNDBUF bounds the datagram size (sk_sndbuf - 32) and the bytes in flight, which are charged to the
			// sender; the kernel doubles the value asked for and caps it at net.core.wmem_max. A receiver's queue is
			// bounded by net.unix.max_dgram_qlen, not SO_RCVBUF, which is set only for completeness. SO_SNDTIMEO
			// bounds how long a blocking send waits for room.
			int bufferBytes = (int) Math.min(Integer.MAX_VALUE / 2, (long) maxDatagramSize + KERNEL_OVERHEAD);
			channel.setOption(UnixSocketOptions.SO_SNDBUF, bufferBytes);
			channel.setOption(UnixSocketOptions.SO_RCVBUF, bufferBytes);
			channel.setOption(UnixSocketOptions.SO_SNDTIMEO, (int) Math.min(Integer.MAX_VALUE, sendTimeout.toMillis()));
		}
		catch (IOException | RuntimeException ex) {
			closeAfterFailure(channel, ex);
			throw new IpcException(ErrorCode.UNKNOWN, "Cannot set socket options for " + path + ": " + ex, ex);
		}
		try {
			channel.bind(new UnixSocketAddress(path.toFile()));
		}
		catch (IOException ex) {
			// jnr-unixsocket reports only strerror text; the errno of the failed bind(2) is still this thread's.
			int errno = UnixDatagramNative.errno();
			closeAfterFailure(channel, ex);
			ErrorCode code = UnixDatagramNative.is(errno, Errno.EADDRINUSE) ? ErrorCode.UNAVAILABLE
					: ErrorCode.PERMISSION_DENIED;
			throw new IpcException(code, "Cannot bind datagram socket " + path + ": "
					+ UnixDatagramNative.describe(errno)
					+ ". Check the directory's permissions or choose another path.", ex);
		}
		return new BoundDatagramSocket(channel, path);
	}

	/**
	 * Returns the largest datagram the kernel lets this socket send, from its actual send buffer.
	 * @return the size in bytes
	 */
	int kernelMaxDatagramSize() {
		try {
			return Math.max(0, this.channel.getOption(UnixSocketOptions.SO_SNDBUF) - KERNEL_OVERHEAD);
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.UNKNOWN, "Cannot read SO_SNDBUF of " + this.path + ": " + ex, ex);
		}
	}

	/**
	 * Connects to a peer with {@code connect(2)}: later {@link #send} calls go to it, and the kernel lets only it
	 * send to this socket.
	 * @param peer the peer's socket path
	 * @throws IpcException with {@code UNAVAILABLE} if nothing is bound there, {@code PERMISSION_DENIED} if the
	 * file may not be written
	 */
	void connect(Path peer) {
		byte[] address = UnixDatagramNative.sockaddr(peer);
		if (UnixDatagramNative.libc().connect(this.fd, address, address.length) != 0) {
			int errno = UnixDatagramNative.errno();
			ErrorCode code = (UnixDatagramNative.is(errno, Errno.EACCES) || UnixDatagramNative.is(errno, Errno.EPERM))
					? ErrorCode.PERMISSION_DENIED : ErrorCode.UNAVAILABLE;
			throw new IpcException(code, "No unix+dgram server is reachable at " + peer + ": "
					+ UnixDatagramNative.describe(errno) + ". Start the server or check the endpoint path.");
		}
	}

	/**
	 * Returns whether a socket is bound at a path, by connecting a throw-away datagram socket to it. A socket file
	 * that no process has bound refuses with {@code ECONNREFUSED}: it is stale. Any other answer but "no such file"
	 * counts as live, so that a file this process cannot judge is never deleted.
	 * @param path the socket file
	 * @return whether it is live
	 */
	static boolean isLive(Path path) {
		try (UnixDatagramChannel probe = UnixDatagramChannel.open()) {
			byte[] address = UnixDatagramNative.sockaddr(path);
			if (UnixDatagramNative.libc().connect(probe.getFD(), address, address.length) == 0) {
				return true;
			}
			int errno = UnixDatagramNative.errno();
			return !UnixDatagramNative.is(errno, Errno.ECONNREFUSED) && !UnixDatagramNative.is(errno, Errno.ENOENT);
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.UNKNOWN, "Cannot open a socket to probe " + path + ": " + ex, ex);
		}
	}

	/**
	 * Sends a datagram to the connected peer.
	 * @param datagram the bytes from position to limit; the position is not moved
	 * @param peer the peer's description, for messages
	 * @throws IpcException as {@link #sendTo}
	 */
	void send(ByteBuffer datagram, String peer) {
		transmit(datagram, null, 0, peer);
	}

	/**
	 * Sends a datagram to an address.
	 * @param datagram the bytes from position to limit; the position is not moved
	 * @param address the peer's {@code sockaddr_un}
	 * @param flags {@code 0} to wait up to the send timeout for room, or {@link UnixDatagramNative#MSG_DONTWAIT}
	 * @param peer the peer's description, for messages
	 * @throws IpcException with {@code UNAVAILABLE} if the peer's socket is gone, {@code RESOURCE_EXHAUSTED} if it
	 * stayed full, {@code MESSAGE_TOO_LARGE} if the kernel refused the size
	 */
	void sendTo(ByteBuffer datagram, byte[] address, int flags, String peer) {
		transmit(datagram, address, flags, peer);
	}

	private void transmit(ByteBuffer datagram, byte @Nullable [] address, int flags, String peer) {
		Lock lock = this.closeLock.readLock();
		lock.lock();
		try {
			if (this.closed) {
				throw new IpcException(ErrorCode.UNAVAILABLE, "Socket " + this.path + " is closed");
			}
			UnixDatagramNative.LibC libc = UnixDatagramNative.libc();
			int length = datagram.remaining();
			while (true) {
				int sent = (address != null) ? libc.sendto(this.fd, datagram, length, flags, address, address.length)
						: libc.send(this.fd, datagram, length, flags);
				if (sent >= 0) {
					return;
				}
				int errno = UnixDatagramNative.errno();
				if (!UnixDatagramNative.is(errno, Errno.EINTR)) {
					throw sendFailure(errno, length, peer);
				}
			}
		}
		finally {
			lock.unlock();
		}
	}

	private IpcException sendFailure(int errno, int length, String peer) {
		String reason = UnixDatagramNative.describe(errno);
		if (UnixDatagramNative.is(errno, Errno.EAGAIN) || UnixDatagramNative.is(errno, Errno.EWOULDBLOCK)
				|| UnixDatagramNative.is(errno, Errno.ENOBUFS) || UnixDatagramNative.is(errno, Errno.ENOMEM)) {
			return new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "The receive queue of " + peer
					+ " stayed full for the send timeout; the datagram of " + length + " bytes was not sent: "
					+ reason);
		}
		if (UnixDatagramNative.is(errno, Errno.EMSGSIZE)) {
			return new IpcException(ErrorCode.MESSAGE_TOO_LARGE, "The kernel refused a datagram of " + length
					+ " bytes to " + peer + ": " + reason + ". Raise net.core.wmem_max or lower max-datagram-size.");
		}
		if (UnixDatagramNative.is(errno, Errno.EACCES) || UnixDatagramNative.is(errno, Errno.EPERM)) {
			return new IpcException(ErrorCode.PERMISSION_DENIED,
					"Not allowed to send to " + peer + ": " + reason + ". Check the socket file's permissions.");
		}
		return new IpcException(ErrorCode.UNAVAILABLE, "Cannot send to " + peer + ": " + reason
				+ (this.closed ? " (socket closed)" : ". The peer's socket is gone."));
	}

	/**
	 * Receives one datagram, blocking until one arrives or {@link #shutdown()} is called.
	 * @param buffer where it goes, from index 0; its position and limit are not used
	 * @param address receives the sender's {@code sockaddr_un}, {@link UnixDatagramNative#SOCKADDR_UN_LENGTH} bytes
	 * @param addressLength one element, receives the length of the sender's address
	 * @return the datagram's real length, which is above the buffer's capacity if it was cut short; 0 after
	 * {@link #shutdown()} (or for an empty datagram)
	 * @throws IOException if the socket failed
	 */
	int receive(ByteBuffer buffer, byte[] address, int[] addressLength) throws IOException {
		UnixDatagramNative.LibC libc = UnixDatagramNative.libc();
		while (true) {
			addressLength[0] = address.length;
			int length = libc.recvfrom(this.fd, buffer.clear(), buffer.capacity(), UnixDatagramNative.MSG_TRUNC,
					address, addressLength);
			if (length >= 0) {
				return length;
			}
			int errno = UnixDatagramNative.errno();
			if (!UnixDatagramNative.is(errno, Errno.EINTR)) {
				throw new IOException("recvfrom on " + this.path + " failed: " + UnixDatagramNative.describe(errno));
			}
		}
	}

	/**
	 * Wakes a thread blocked in {@link #receive} and any blocked send; the socket can no longer be used.
	 */
	void shutdown() {
		if (!this.closed) {
			// Never fails on a valid descriptor; on Linux close(2) alone would not wake a blocked recvfrom.
			UnixDatagramNative.shutdown(this.fd);
		}
	}

	/**
	 * Returns the bound path.
	 * @return the socket file path
	 */
	Path path() {
		return this.path;
	}

	/**
	 * Shuts the socket down and closes it, waiting for sends in progress. Does not delete the socket file.
	 */
	@Override
	public void close() {
		shutdown();
		Lock lock = this.closeLock.writeLock();
		lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.channel.close();
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.UNKNOWN, "Cannot close datagram socket " + this.path + ": " + ex, ex);
		}
		finally {
			lock.unlock();
		}
	}

	private static void closeAfterFailure(UnixDatagramChannel channel, Exception failure) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

}
