package io.cdmf.ipc.transport.unix;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.transport.RateLimitedLog;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportType;
import io.cdmf.ipc.transport.datagram.DatagramFrames;
import io.cdmf.ipc.transport.datagram.DatagramTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code unix+dgram://} transport: each message is one Unix domain datagram ({@code SOCK_DGRAM}) carrying one
 * frame, on jnr-unixsocket (the JDK has no Unix datagram sockets).
 * <p>
 * A server binds the endpoint path, claimed through {@link UnixSocketFiles}, and answers each sender at the address
 * the datagram came from. A client binds its own socket next to the server's ({@code <path>.c<pid>-<n>}, or under
 * {@code java.io.tmpdir} when that path is too long or the directory is not writable) so that it can receive
 * replies, and {@code connect(2)}s it to the server, so that the kernel lets only the server send to it. Both files
 * are deleted on {@link #stop()}.
 * <p>
 * A message must fit in one datagram: option {@value #OPTION_MAX_DATAGRAM_SIZE} (default
 * {@value #DEFAULT_MAX_DATAGRAM_SIZE} bytes, at most {@link TransportConfig#maxFrameLength()}); a larger one fails
 * with {@code MESSAGE_TOO_LARGE} before anything is sent. The kernel sizes the send buffer from it, within
 * {@code net.core.wmem_max}; if the kernel allows less, the lower limit applies and a warning says so. A send waits
 * up to {@link TransportConfig#sendTimeout()} while the receiver's queue is full (for a server's socket at most
 * {@code net.unix.max_dgram_qlen} datagrams, often 10), then fails with {@code RESOURCE_EXHAUSTED}; nothing is
 * dropped silently. Replies from a server share its one send buffer, so a client that stops reading can hold up
 * replies to others for up to the send timeout.
 * <p>
 * Peer credentials are {@link io.cdmf.ipc.transport.PeerCredentials#UNKNOWN}: uid/gid/pid are not available for
 * datagrams. Thread-safe: any number of threads may send at once. Linux only.
 *
 * @since 0.1.0
 */
public final class UnixDatagramTransport extends DatagramTransport<UnixDatagramPeer, UnixDatagramSession> {

	/** Option: the largest datagram, in bytes, sent or accepted. */
	public static final String OPTION_MAX_DATAGRAM_SIZE = "max-datagram-size";

	/** Default datagram limit: 64 KiB. */
	public static final int DEFAULT_MAX_DATAGRAM_SIZE = 65536;

	private static final Logger logger = LoggerFactory.getLogger(UnixDatagramTransport.class);

	private static final long REJECT_LOG_INTERVAL_MILLIS = 10_000;

	private final AtomicLong peerIds = new AtomicLong();

	private final RateLimitedLog rejectLog = new RateLimitedLog(logger, REJECT_LOG_INTERVAL_MILLIS);

	/** Encodes sends; made by {@link #doInit}, one per transport so reconnecting keeps the threads' buffers. */
	private @Nullable DatagramFrames frames;

	private volatile int maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE;

	/**
	 * Creates a transport; call {@link #init(TransportConfig)} next.
	 */
	public UnixDatagramTransport() {
		super(UnixDatagramPeer.class, "unix+dgram");
	}

	@Override
	protected void doInit(TransportConfig config) {
		if (config.type() != TransportType.UNIX_DATAGRAM) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"UnixDatagramTransport serves unix+dgram:// endpoints, not " + config.endpoint());
		}
		if (!UnixDatagramNative.isAvailable()) {
			throw new IpcException(ErrorCode.UNAVAILABLE, UnixDatagramNative.unavailableReason());
		}
		long size = config.longOption(OPTION_MAX_DATAGRAM_SIZE, DEFAULT_MAX_DATAGRAM_SIZE);
		if (size < FrameDescriptor.MIN_MAX_FRAME_LENGTH) {
			throw new IllegalArgumentException(OPTION_MAX_DATAGRAM_SIZE + " must be at least "
					+ FrameDescriptor.MIN_MAX_FRAME_LENGTH + ": " + size);
		}
		this.maxDatagramSize = (int) Math.min(size, config.maxFrameLength());
		this.frames = new DatagramFrames(new FrameEncoder(config.maxFrameLength()), this.maxDatagramSize,
				"Raise option " + OPTION_MAX_DATAGRAM_SIZE + " on both sides or use unix:// for large messages.");
	}

	/**
	 * Returns the configured datagram limit: the largest message, as encoded, that is sent or accepted.
	 * @return the limit in bytes
	 */
	public int getMaxDatagramSize() {
		return this.maxDatagramSize;
	}

	/**
	 * Returns the socket file this transport is bound to: the endpoint path for a server, its own reply socket for
	 * a client.
	 * @return the path, or {@code null} while not started or connected
	 */
	public @Nullable Path getLocalPath() {
		UnixDatagramSession current = session();
		return (current != null) ? current.socket.path() : null;
	}

	/**
	 * Binds the endpoint path and starts receiving datagrams.
	 * @throws IpcException with {@code UNAVAILABLE} if a live server holds the path, {@code PERMISSION_DENIED} if
	 * the file cannot be created or given its permissions, {@code ILLEGAL_STATE} if already started, connected or
	 * stopped
	 */
	@Override
	public synchronized void start() {
		checkIdle("start()");
		TransportConfig config = getConfig();
		Path path = config.endpoint().requirePath();
		UnixSocketFiles files = UnixSocketFiles.claim(path, BoundDatagramSocket::isLive);
		BoundDatagramSocket socket = null;
		try {
			socket = BoundDatagramSocket.bind(path, this.maxDatagramSize, config.sendTimeout());
			files.applyPermissions(config.socketPermissions());
			UnixDatagramPeers peers = new UnixDatagramPeers(this, config.maxConnections(),
					this.peerIds::incrementAndGet, this.counters);
			UnixDatagramSession started = open(socket, files, peers, null);
			logger.info("Listening on {} (max datagram {} bytes)", config.endpoint(), started.frames.limit());
		}
		catch (RuntimeException ex) {
			if (socket != null) {
				closeAfterFailure(socket, ex);
			}
			files.close();
			throw ex;
		}
	}

	/**
	 * Binds a reply socket and connects it to the server; after {@link #disconnect()}, or once a send found the
	 * server gone, calling it again reconnects.
	 * @throws IpcException with {@code UNAVAILABLE} if no server is bound at the endpoint path, {@code ILLEGAL_STATE}
	 * if already connected, started as a server or stopped
	 */
	@Override
	public synchronized void connect() {
		UnixDatagramSession current = session();
		if (current != null && current.isClient() && current.lost().get()) {
			close(current);
		}
		checkIdle("connect()");
		TransportConfig config = getConfig();
		Path serverPath = config.endpoint().requirePath();
		BoundDatagramSocket socket = UnixDatagramReplySockets.bind(serverPath, this.maxDatagramSize,
				config.sendTimeout());
		try {
			socket.connect(serverPath);
			UnixDatagramPeer server = new UnixDatagramPeer(this, this.peerIds.incrementAndGet(),
					UnixDatagramNative.sockaddr(serverPath), serverPath.toString(), true);
			open(socket, null, null, server);
		}
		catch (RuntimeException ex) {
			closeAfterFailure(socket, ex);
			try {
				UnixDatagramReplySockets.delete(socket.path());
			}
			catch (IpcException deleteFailure) {
				ex.addSuppressed(deleteFailure);
			}
			throw ex;
		}
		this.counters.connectionOpened();
		logger.debug("Connected to {} from {}", config.endpoint(), socket.path());
	}

	void sendToPeer(UnixDatagramPeer peer, Message message) {
		sendTo(peer, message);
	}

	/**
	 * Answers a rejected datagram without waiting: a sender that does not read must not stall the receive loop.
	 */
	void sendRejection(UnixDatagramPeer peer, Message error) {
		transmit(requireSession(), peer, error, UnixDatagramNative.MSG_DONTWAIT);
	}

	@Override
	protected void transmit(UnixDatagramSession current, UnixDatagramPeer peer, Message message) {
		transmit(current, peer, message, 0);
	}

	private void transmit(UnixDatagramSession current, UnixDatagramPeer peer, Message message, int flags) {
		if (!peer.hasAddress()) {
			this.counters.sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE, "Cannot answer " + peer.describe()
					+ ": its socket is not bound to an address, so it cannot receive datagrams");
		}
		ByteBuffer buffer;
		try {
			buffer = current.encode(message, getConfig().endpoint());
		}
		catch (IpcException ex) {
			this.counters.sendError();
			throw ex;
		}
		int length = buffer.remaining();
		try {
			if (peer.isServer()) {
				current.socket.send(buffer, peer.describe());
			}
			else {
				current.socket.sendTo(buffer, peer.address(), flags, peer.describe());
			}
		}
		catch (IpcException ex) {
			this.counters.sendError();
			if (peer.isServer() && ex.getErrorCode() == ErrorCode.UNAVAILABLE) {
				lostServer(current, ex.getMessage(), ex);
			}
			throw ex;
		}
		this.counters.messageSent(length);
	}

	void forgetPeer(UnixDatagramPeer peer) {
		closePeer(peer);
	}

	/**
	 * Lets the receive loop reach {@link #deliver(Message)}, which is protected in another package.
	 */
	void handOver(Message message) {
		deliver(message);
	}

	/**
	 * Lets the receive loop reach {@link #reportError(TransportError)}.
	 */
	void report(TransportError error) {
		reportError(error);
	}

	/**
	 * Handles a failure that ended the receive loop: the transport no longer counts as connected.
	 */
	void receiveFailed(Exception failure) {
		failReceiving(failure);
	}

	private UnixDatagramSession open(BoundDatagramSocket socket, @Nullable UnixSocketFiles files,
			@Nullable UnixDatagramPeers peers, @Nullable UnixDatagramPeer server) {
		UnixDatagramReceiver receiver = new UnixDatagramReceiver(this, socket, this.maxDatagramSize, peers, server,
				this.counters, this.rejectLog);
		UnixDatagramSession opened = new UnixDatagramSession(socket, files, peers, server,
				Objects.requireNonNull(this.frames, "transport is not initialized"), receiver);
		open(opened);
		opened.start();
		return opened;
	}

	private static void closeAfterFailure(BoundDatagramSocket socket, RuntimeException failure) {
		try {
			socket.close();
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

}
