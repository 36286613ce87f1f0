package io.cdmf.ipc.transport.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
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
import io.cdmf.ipc.transport.net.NetEndpoints;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code udp://host:port} transport: each message is one UDP datagram carrying one frame, on the JDK's
 * {@link DatagramChannel}. The same contract as {@code unix+dgram://}, across hosts.
 * <p>
 * A server binds the endpoint (port 0 binds a free port, which {@link #getBoundEndpoint()} reports) and answers each
 * sender at the address its datagram came from. A client binds a free port and {@code connect}s its channel to the
 * server, so that the kernel lets only the server's datagrams through and reports an ICMP "port unreachable": a
 * server that is gone is noticed on the next send (a request or the proxy's heartbeat) and reported as a lost
 * connection, and waiting calls fail with {@code UNAVAILABLE}.
 * <p>
 * A message must fit in one datagram: option {@value #OPTION_MAX_DATAGRAM_SIZE} (default and most
 * {@value #DEFAULT_MAX_DATAGRAM_SIZE} bytes, at most {@link TransportConfig#maxFrameLength()}); a larger one fails
 * with {@code MESSAGE_TOO_LARGE} before anything is sent. UDP may drop a datagram (on loopback when a receive buffer
 * is full): the call then ends in {@code TIMEOUT}, which a proxy with a retry policy retries under the same message
 * id, and the stub answers a repeat once ({@code FLAG_DEDUPLICATE}). Option {@value #OPTION_SOCKET_BUFFER_SIZE}
 * (default {@value #DEFAULT_SOCKET_BUFFER_SIZE} bytes, capped by the kernel's {@code net.core.rmem_max} and
 * {@code wmem_max}) sizes the socket buffers to make drops rare.
 * <p>
 * Peer credentials are {@link io.cdmf.ipc.transport.PeerCredentials#UNKNOWN}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class UdpTransport extends DatagramTransport<UdpPeer, UdpSession> {

	/** Option: the largest datagram, in bytes, sent or accepted. */
	public static final String OPTION_MAX_DATAGRAM_SIZE = "max-datagram-size";

	/** Option: the receive and send buffer size asked of the kernel, in bytes. */
	public static final String OPTION_SOCKET_BUFFER_SIZE = "socket-buffer-size";

	/** Default and largest datagram limit: the largest UDP payload over IPv4, 65507 bytes. */
	public static final int DEFAULT_MAX_DATAGRAM_SIZE = 65507;

	/** Default socket buffer size asked for: 4 MiB. */
	public static final int DEFAULT_SOCKET_BUFFER_SIZE = 4 * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(UdpTransport.class);

	private final AtomicLong peerIds = new AtomicLong();

	private final RateLimitedLog rejectLog = new RateLimitedLog(logger, 10_000);

	/** Encodes sends; made by {@link #doInit}, one per transport so reconnecting keeps the threads' buffers. */
	private @Nullable DatagramFrames frames;

	private int maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE;

	private int socketBufferSize = DEFAULT_SOCKET_BUFFER_SIZE;

	private @Nullable InetSocketAddress address;

	/**
	 * Creates a transport; call {@link #init(TransportConfig)} next.
	 */
	public UdpTransport() {
		super(UdpPeer.class, "udp");
	}

	@Override
	protected void doInit(TransportConfig config) {
		if (config.type() != TransportType.UDP) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"UdpTransport serves udp:// endpoints, not " + config.endpoint());
		}
		long size = config.longOption(OPTION_MAX_DATAGRAM_SIZE, DEFAULT_MAX_DATAGRAM_SIZE);
		if (size < FrameDescriptor.MIN_MAX_FRAME_LENGTH || size > DEFAULT_MAX_DATAGRAM_SIZE) {
			throw new IllegalArgumentException(OPTION_MAX_DATAGRAM_SIZE + " must be "
					+ FrameDescriptor.MIN_MAX_FRAME_LENGTH + " to " + DEFAULT_MAX_DATAGRAM_SIZE + ": " + size);
		}
		long buffers = config.longOption(OPTION_SOCKET_BUFFER_SIZE, DEFAULT_SOCKET_BUFFER_SIZE);
		if (buffers <= 0 || buffers > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(OPTION_SOCKET_BUFFER_SIZE + " must be positive: " + buffers);
		}
		this.maxDatagramSize = (int) Math.min(size, config.maxFrameLength());
		this.frames = new DatagramFrames(new FrameEncoder(config.maxFrameLength()), this.maxDatagramSize,
				"Raise option " + OPTION_MAX_DATAGRAM_SIZE + " on both sides (at most 65507) or use tcp:// for large "
						+ "messages.");
		this.socketBufferSize = (int) buffers;
		this.address = NetEndpoints.socketAddress(config.endpoint());
	}

	/**
	 * Returns the datagram limit: the largest message, as encoded, that is sent or accepted.
	 * @return the limit in bytes
	 */
	public int getMaxDatagramSize() {
		return this.maxDatagramSize;
	}

	/**
	 * Returns the endpoint with the port a server actually bound.
	 * @return the endpoint URI text
	 */
	@Override
	public String getBoundEndpoint() {
		UdpSession current = session();
		return (current != null && !current.isClient())
				? NetEndpoints.withPort(getConfig().endpoint(), current.boundPort) : getConfig().endpoint().uri();
	}

	/**
	 * Binds the endpoint and starts receiving datagrams.
	 * @throws IpcException with {@code UNAVAILABLE} if the port is taken, {@code ILLEGAL_STATE} if already started,
	 * connected or stopped
	 */
	@Override
	public synchronized void start() {
		checkIdle("start()");
		DatagramChannel channel = UdpSession.openChannel(requireAddress(), this.socketBufferSize, getConfig());
		try {
			channel.bind(requireAddress());
			int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
			UdpPeers peers = new UdpPeers(this, getConfig().maxConnections(), this.peerIds::incrementAndGet,
					this.counters);
			begin(channel, peers, null, port);
		}
		catch (IOException ex) {
			closeAfterFailure(channel, ex);
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot listen on " + getConfig().endpoint() + ": " + ex.getMessage(), ex);
		}
		logger.info("Listening on {} (max datagram {} bytes)", getBoundEndpoint(), this.maxDatagramSize);
	}

	/**
	 * Binds a free port and connects it to the server; after {@link #disconnect()}, or once the server was found
	 * gone, calling it again reconnects.
	 * @throws IpcException with {@code ILLEGAL_STATE} if already connected, started as a server or stopped
	 */
	@Override
	public synchronized void connect() {
		UdpSession current = session();
		if (current != null && current.isClient() && current.lost().get()) {
			close(current);
		}
		checkIdle("connect()");
		InetSocketAddress server = requireAddress();
		DatagramChannel channel = UdpSession.openChannel(server, this.socketBufferSize, getConfig());
		try {
			channel.bind(new InetSocketAddress(0));
			channel.connect(server);
			int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
			begin(channel, null, new UdpPeer(this, this.peerIds.incrementAndGet(), server, true), port);
		}
		catch (IOException ex) {
			closeAfterFailure(channel, ex);
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot connect to " + getConfig().endpoint() + ": " + ex.getMessage(), ex);
		}
		this.counters.connectionOpened();
		logger.debug("Connected to {}", getConfig().endpoint());
	}

	private void begin(DatagramChannel channel, @Nullable UdpPeers peers, @Nullable UdpPeer server, int port) {
		UdpReceiver receiver = new UdpReceiver(this, channel, this.maxDatagramSize, peers, server, this.counters,
				this.rejectLog);
		DatagramFrames encoding = Objects.requireNonNull(this.frames, "transport is not initialized");
		UdpSession opened = new UdpSession(channel, peers, server, port, encoding, receiver);
		open(opened);
		opened.start();
	}

	void sendToPeer(UdpPeer peer, Message message) {
		sendTo(peer, message);
	}

	@Override
	protected void transmit(UdpSession current, UdpPeer peer, Message message) {
		ByteBuffer buffer;
		try {
			buffer = current.encode(message, getConfig().endpoint().uri());
		}
		catch (IpcException ex) {
			this.counters.sendError();
			throw ex;
		}
		int length = buffer.remaining();
		try {
			if (peer.isServer()) {
				current.channel.write(buffer);
			}
			else {
				current.channel.send(buffer, peer.address());
			}
		}
		catch (PortUnreachableException ex) {
			this.counters.sendError();
			lostServer(current, "ICMP port unreachable", ex);
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Server " + getConfig().endpoint() + " is not listening", ex);
		}
		catch (IOException ex) {
			this.counters.sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Sending to " + peer.describe() + " failed: " + ex.getMessage(), ex);
		}
		this.counters.messageSent(length);
	}

	void forgetPeer(UdpPeer peer) {
		closePeer(peer);
	}

	void handOver(Message message) {
		deliver(message);
	}

	void report(TransportError error) {
		reportError(error);
	}

	void serverUnreachable(PortUnreachableException ex) {
		UdpSession current = session();
		if (current != null) {
			lostServer(current, "ICMP port unreachable", ex);
		}
	}

	void receiveFailed(Exception failure) {
		failReceiving(failure);
	}

	private static void closeAfterFailure(DatagramChannel channel, Exception failure) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

	private InetSocketAddress requireAddress() {
		InetSocketAddress result = this.address;
		if (result == null) {
			throw new IllegalStateException("transport is not initialized: call init(config) first");
		}
		return result;
	}

}
