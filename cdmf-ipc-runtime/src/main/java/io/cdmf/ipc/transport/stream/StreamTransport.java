package io.cdmf.ipc.transport.stream;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.AbstractTransport;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.RateLimitedLog;
import io.cdmf.ipc.transport.TransportCounters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the transports that carry frames over a stream socket ({@code unix://}, {@code tcp://}): non-blocking
 * channels on one {@link IoLoop} thread, many connections per server, ordered writes per connection.
 * <p>
 * Subclasses give the address and the socket-specific steps (claiming a socket file, TCP options, peer
 * credentials).
 *
 * @since 0.1.0
 */
public abstract class StreamTransport extends AbstractTransport {

	private static final Logger logger = LoggerFactory.getLogger(StreamTransport.class);

	private static final long STOP_TIMEOUT_MILLIS = 5_000;

	private final RateLimitedLog rejectedLog = new RateLimitedLog(logger, 1_000);

	private final AtomicLong connectionIds = new AtomicLong();

	private final Map<Long, StreamConnection> connections = new ConcurrentHashMap<>();

	private @Nullable FrameEncoder encoder;

	private @Nullable IoLoop loop;

	private @Nullable ServerSocketChannel serverChannel;

	private volatile @Nullable StreamConnection clientConnection;

	private volatile boolean serving;

	/** Read buffers of closed server connections, for the next ones. */
	private final ReadBuffers readBuffers = new ReadBuffers();

	/** Whether {@link #loop} is shared with other clients, and so outlives this transport. */
	private boolean sharedLoop;

	/**
	 * Returns the protocol family of the sockets.
	 * @return the family
	 */
	protected abstract ProtocolFamily protocolFamily();

	/**
	 * Returns the address to bind (server) or connect to (client).
	 * @return the address
	 */
	protected abstract SocketAddress address();

	/**
	 * Runs before a server binds: claim the address.
	 */
	protected void beforeBind() {
	}

	/**
	 * Runs after a server bound: set permissions, note the bound port.
	 * @param channel the bound channel
	 * @throws IOException if the channel cannot be queried
	 */
	protected void afterBind(ServerSocketChannel channel) throws IOException {
	}

	/**
	 * Runs after a server closed its listening channel (or failed to bind): release the address.
	 */
	protected void afterUnbind() {
	}

	/**
	 * Sets socket options on a new connection.
	 * @param channel the connected channel
	 * @throws IOException if an option cannot be set
	 */
	protected void configure(SocketChannel channel) throws IOException {
	}

	/**
	 * Returns who is at the other end of an accepted connection.
	 * @param channel the accepted channel
	 * @return the credentials
	 */
	protected PeerCredentials peerCredentials(SocketChannel channel) {
		return PeerCredentials.UNKNOWN;
	}

	/**
	 * Describes the peer of a connection, for logs and errors.
	 * @param channel the channel
	 * @param credentials its credentials
	 * @return the description
	 */
	protected String describePeer(SocketChannel channel, PeerCredentials credentials) {
		try {
			SocketAddress remote = channel.getRemoteAddress();
			return String.valueOf(remote);
		}
		catch (IOException ex) {
			return "closed peer";
		}
	}

	@Override
	protected void doInit(io.cdmf.ipc.transport.TransportConfig config) {
		this.encoder = new FrameEncoder(config.maxFrameLength());
	}

	ReadBuffers readBuffers() {
		return this.readBuffers;
	}

	FrameEncoder encoder() {
		FrameEncoder result = this.encoder;
		if (result == null) {
			throw new IllegalStateException("transport is not initialized");
		}
		return result;
	}

	TransportCounters counters() {
		return this.counters;
	}

	/**
	 * Returns this transport's I/O loop: its own for a server, one of the process's shared {@link ClientLoops} for a
	 * client.
	 */
	private synchronized IoLoop loop(boolean client) {
		if (isClosed()) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "transport for " + getConfig().endpoint() + " is stopped");
		}
		IoLoop result = this.loop;
		if (result == null && client) {
			result = ClientLoops.next();
			this.loop = result;
			this.sharedLoop = true;
		}
		else if (result == null) {
			try {
				result = new IoLoop("cdmf-io-" + getConfig().endpoint().uri(), true);
			}
			catch (IOException ex) {
				throw new IpcException(ErrorCode.INTERNAL, "cannot open a selector: " + ex.getMessage(), ex);
			}
			result.start();
			this.loop = result;
		}
		return result;
	}

	// ---- server role ----

	@Override
	public synchronized void start() {
		if (this.serving) {
			return;
		}
		if (this.clientConnection != null) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "a connected client transport cannot also serve");
		}
		IoLoop ioLoop = loop(false);
		beforeBind();
		ServerSocketChannel channel = null;
		try {
			channel = ServerSocketChannel.open(protocolFamily());
			channel.bind(address(), 1024);
			channel.configureBlocking(false);
			afterBind(channel);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(channel);
			afterUnbind();
			throw (ex instanceof IpcException ipc) ? ipc
					: new IpcException(ErrorCode.UNAVAILABLE,
							"Cannot listen on " + getConfig().endpoint() + ": " + ex.getMessage(), ex);
		}
		this.serverChannel = channel;
		ServerSocketChannel listening = channel;
		ioLoop.register(channel, SelectionKey.OP_ACCEPT, new Acceptor(listening, ioLoop), key -> {
		});
		this.serving = true;
		logger.info("Listening on {}", getBoundEndpoint());
	}

	private final class Acceptor implements IoLoop.Handler {

		private final ServerSocketChannel channel;

		private final IoLoop ioLoop;

		Acceptor(ServerSocketChannel channel, IoLoop ioLoop) {
			this.channel = channel;
			this.ioLoop = ioLoop;
		}

		@Override
		public void onReady(SelectionKey key) {
			SocketChannel accepted;
			try {
				while ((accepted = this.channel.accept()) != null) {
					accept(accepted, this.ioLoop);
				}
			}
			catch (IOException ex) {
				rejectedLog.warn("Accepting a connection on {} failed: {}", getConfig().endpoint(), ex.getMessage());
			}
		}

		@Override
		public void onClose(@Nullable Throwable cause) {
			closeQuietly(this.channel);
		}

	}

	private void accept(SocketChannel channel, IoLoop ioLoop) {
		if (this.connections.size() >= getConfig().maxConnections()) {
			rejectedLog.warn("Refused a connection on {}: {} connections are open, the limit", getConfig().endpoint(),
					this.connections.size());
			closeQuietly(channel);
			return;
		}
		try {
			channel.configureBlocking(false);
			configure(channel);
		}
		catch (IOException ex) {
			rejectedLog.warn("Could not set up a connection on {}: {}", getConfig().endpoint(), ex.getMessage());
			closeQuietly(channel);
			return;
		}
		PeerCredentials credentials = peerCredentials(channel);
		StreamConnection connection;
		try {
			connection = new StreamConnection(this, channel, ioLoop, this.connectionIds.incrementAndGet(),
					credentials, describePeer(channel, credentials), false);
		}
		catch (IOException ex) {
			rejectedLog.warn("Could not set up a connection on {}: {}", getConfig().endpoint(), ex.getMessage());
			closeQuietly(channel);
			return;
		}
		this.connections.put(connection.id(), connection);
		this.counters.connectionOpened();
		ioLoop.register(channel, connection.initialInterest(), connection, connection::registered);
		logger.debug("Accepted {} on {}", connection, getConfig().endpoint());
	}

	// ---- client role ----

	@Override
	public void connect() {
		synchronized (this) {
			if (this.serving) {
				throw new IpcException(ErrorCode.ILLEGAL_STATE, "a serving transport cannot also connect");
			}
			StreamConnection current = this.clientConnection;
			if (current != null && current.isOpen()) {
				return;
			}
			IoLoop ioLoop = loop(true);
			SocketChannel channel = openConnected();
			StreamConnection connection;
			try {
				connection = new StreamConnection(this, channel, ioLoop, this.connectionIds.incrementAndGet(),
						PeerCredentials.UNKNOWN, getConfig().endpoint().uri(), true);
			}
			catch (IOException ex) {
				closeQuietly(channel);
				throw new IpcException(ErrorCode.UNAVAILABLE,
						"Cannot read from " + getConfig().endpoint() + ": " + ex.getMessage(), ex);
			}
			this.connections.put(connection.id(), connection);
			this.counters.connectionOpened();
			this.clientConnection = connection;
			ioLoop.register(channel, connection.initialInterest(), connection, connection::registered);
			logger.debug("Connected to {}", getConfig().endpoint());
		}
	}

	private SocketChannel openConnected() {
		SocketChannel channel = null;
		try {
			channel = SocketChannel.open(protocolFamily());
			channel.configureBlocking(false);
			if (!channel.connect(address())) {
				try (Selector selector = Selector.open()) {
					channel.register(selector, SelectionKey.OP_CONNECT);
					if (selector.select(Math.max(1, getConfig().connectTimeout().toMillis())) == 0) {
						throw new IOException("no answer within " + getConfig().connectTimeout().toMillis() + " ms");
					}
				}
				channel.finishConnect();
			}
			configure(channel);
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(channel);
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot connect to " + getConfig().endpoint() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void disconnect() {
		StreamConnection connection = this.clientConnection;
		if (connection != null) {
			connection.awaitFlushed(STOP_TIMEOUT_MILLIS);
			connection.close();
		}
	}

	@Override
	public @Nullable ReceiveLease leaseReceive() {
		StreamConnection connection = this.clientConnection;
		return (connection != null && !this.serving) ? connection.leaseReceive() : null;
	}

	@Override
	public boolean canLeaseReceive() {
		return !this.serving;
	}

	@Override
	public boolean isConnected() {
		if (this.serving) {
			return true;
		}
		StreamConnection connection = this.clientConnection;
		return connection != null && connection.isOpen();
	}

	// ---- both roles ----

	@Override
	public void send(Message message) {
		MessageOrigin origin = message.getOrigin();
		Connection target;
		if (this.serving) {
			if (!(origin instanceof StreamConnection connection) || !this.connections.containsKey(connection.id())) {
				this.counters.sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "cannot send " + message.getType() + " from server "
						+ getConfig().endpoint() + ": the message's origin connection is gone or unknown");
			}
			target = connection;
		}
		else {
			StreamConnection connection = this.clientConnection;
			if (connection == null || !connection.isOpen()) {
				this.counters.sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "not connected to " + getConfig().endpoint());
			}
			target = connection;
		}
		target.send(message);
	}

	@Override
	public void stop() {
		IoLoop ioLoop;
		ServerSocketChannel channel;
		synchronized (this) {
			if (isClosed()) {
				return;
			}
			markClosed();
			ioLoop = this.sharedLoop ? null : this.loop;
			channel = this.serverChannel;
			this.serverChannel = null;
		}
		StreamConnection client = this.clientConnection;
		if (client != null) {
			client.awaitFlushed(STOP_TIMEOUT_MILLIS);
		}
		for (StreamConnection connection : this.connections.values()) {
			connection.awaitFlushed(STOP_TIMEOUT_MILLIS);
		}
		closeQuietly(channel);
		if (ioLoop != null) {
			ioLoop.shutdown(STOP_TIMEOUT_MILLIS);
		}
		for (StreamConnection connection : this.connections.values()) {
			connection.close();
		}
		if (this.serving) {
			this.serving = false;
			afterUnbind();
			logger.info("Stopped listening on {}", getBoundEndpoint());
		}
	}

	// ---- callbacks from connections ----

	void received(Message message, int frameLength) {
		this.counters.messageReceived(frameLength);
		deliver(message);
	}

	void frameRejected(StreamConnection connection, FrameException ex, boolean fatal) {
		this.counters.frameRejected();
		this.rejectedLog.warn("Rejected a frame from {} on {}: {}{}", connection.describe(), getConfig().endpoint(),
				ex.getErrorInfo(), fatal ? "; closing the connection" : "");
		if (this.serving) {
			replyWithError(connection, ex);
		}
		if (fatal) {
			connection.close(ex.getErrorCode(), "closed after a bad frame: " + ex.getErrorInfo().message(), ex);
		}
		else {
			reportError(ex.getErrorCode(), ex.getErrorInfo().message(), connection, false, ex);
		}
	}

	private void replyWithError(StreamConnection connection, FrameException ex) {
		Message reply = Message.create(MessageType.ERROR).setErrorInfo(ex.getErrorInfo());
		// A frame that could not be read ran nothing: the caller may send its request elsewhere.
		reply.getHeader().setCorrelationId(ex.getClaimedMessageId()).setFlag(MessageHeader.FLAG_NOT_EXECUTED, true);
		try {
			connection.send(reply);
		}
		catch (IpcException sendFailure) {
			logger.debug("Could not tell {} that its frame was rejected", connection.describe(), sendFailure);
		}
	}

	void connectionClosed(StreamConnection connection, ErrorCode code, String reason, @Nullable Throwable cause) {
		if (this.connections.remove(connection.id()) != null) {
			this.counters.connectionClosed();
		}
		logger.debug("Closed {}: {}", connection, reason);
		reportError(code, reason, connection, true, cause);
	}

	private static void closeQuietly(java.nio.channels.@Nullable Channel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				logger.debug("Closing channel failed", ex);
			}
		}
	}

}
