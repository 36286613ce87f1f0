package io.cdmf.ipc.transport.datagram;

import java.util.Objects;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.transport.AbstractTransport;
import io.cdmf.ipc.transport.Connection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the datagram transports share: one session at a time (a server's or a client's), its life cycle, and sending
 * one message as one datagram to a client's server or to the origin of a server's reply. Subclasses open the socket
 * ({@code start()}, {@code connect()}) and write the datagram ({@link #transmit}).
 *
 * @param <P> the peer type
 * @param <S> the session type
 * @since 0.1.0
 */
public abstract class DatagramTransport<P extends DatagramPeer<?>, S extends DatagramSession<P>>
		extends AbstractTransport {

	private static final Logger logger = LoggerFactory.getLogger(DatagramTransport.class);

	private final Class<P> peerType;

	private final String scheme;

	private volatile @Nullable S session;

	private boolean stopped;

	/**
	 * Creates a transport.
	 * @param peerType the class of its peers
	 * @param scheme its URI scheme, for error messages
	 */
	protected DatagramTransport(Class<P> peerType, String scheme) {
		this.peerType = peerType;
		this.scheme = scheme;
	}

	/**
	 * Returns the current session.
	 * @return the session, or {@code null} while neither started nor connected
	 */
	protected final @Nullable S session() {
		return this.session;
	}

	/**
	 * Makes a session the current one; call from {@code start()} or {@code connect()} after {@link #checkIdle}, then
	 * start its receiving.
	 * @param opened the session
	 */
	protected final void open(S opened) {
		this.session = opened;
	}

	/**
	 * Closes a client's socket; {@code connect()} may follow. Does nothing on a server.
	 */
	@Override
	public synchronized void disconnect() {
		S current = this.session;
		if (current != null && current.isClient()) {
			close(current);
			logger.debug("Disconnected from {}", getConfig().endpoint());
		}
	}

	/**
	 * Stops receiving and closes the socket. Idempotent; the transport cannot be started again.
	 */
	@Override
	public synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		// Mark closed first, so that a receive thread waiting for room in the receive() queue gives up.
		markClosed();
		S current = this.session;
		if (current != null) {
			String where = getBoundEndpoint();
			close(current);
			if (!current.isClient()) {
				logger.info("Stopped listening on {}", where);
			}
		}
	}

	@Override
	public boolean isConnected() {
		S current = this.session;
		return current != null && !current.lost().get();
	}

	/**
	 * Sends a message as one datagram: a client to its server, a server to the message's origin (a reply built with
	 * {@link Message#createResponse()} carries it).
	 * @param message the message; it is encoded before this method returns
	 * @throws IpcException with {@code MESSAGE_TOO_LARGE} if the encoded message exceeds the datagram limit (nothing
	 * is sent), {@code UNAVAILABLE} if not connected or the peer is gone, {@code INVALID_ARGUMENT} if a server's
	 * message has no origin from this transport; subclasses name more
	 */
	@Override
	public void send(Message message) {
		Objects.requireNonNull(message, "message must not be null");
		S current = requireSession();
		P server = current.server();
		if (server != null) {
			transmit(current, server, message);
			return;
		}
		MessageOrigin origin = message.getOrigin();
		if (!this.peerType.isInstance(origin) || !this.peerType.cast(origin).belongsTo(this)) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "A " + this.scheme + " server sends replies only: "
					+ "message " + message.getMessageId() + " has no origin received by " + getConfig().endpoint()
					+ " (origin: " + ((origin != null) ? origin.describe() : "none") + "); build it with "
					+ "createResponse()");
		}
		transmit(current, this.peerType.cast(origin), message);
	}

	/**
	 * Sends through a peer of this transport: the connected socket for a client's server, the peer's address
	 * otherwise.
	 * @param peer the peer
	 * @param message the message
	 */
	protected final void sendTo(P peer, Message message) {
		Objects.requireNonNull(message, "message must not be null");
		if (!peer.belongsTo(this)) {
			throw new IllegalArgumentException("peer belongs to another transport: " + peer);
		}
		transmit(requireSession(), peer, message);
	}

	/**
	 * Encodes and writes one datagram.
	 * @param current the session
	 * @param peer where to: the client's server or a sender
	 * @param message the message
	 * @throws IpcException if it cannot be sent; count the failure in {@link #counters}
	 */
	protected abstract void transmit(S current, P peer, Message message);

	/**
	 * Closes a peer: a client disconnects from its server, a server forgets the sender.
	 * @param peer the peer
	 */
	protected final void closePeer(P peer) {
		S current = this.session;
		if (current == null) {
			return;
		}
		if (peer.isServer()) {
			disconnect();
		}
		else {
			current.forget(peer);
		}
	}

	/**
	 * Reports, once per session, that a client's server is gone; {@code connect()} then starts afresh.
	 * @param current the client's session
	 * @param why what showed it, for the error message
	 * @param cause the failure
	 */
	protected final void lostServer(S current, String why, Exception cause) {
		if (current.isClient() && current.lost().compareAndSet(false, true)) {
			reportError(ErrorCode.UNAVAILABLE, "Lost the server at " + getConfig().endpoint() + " (" + why
					+ "); call connect() to reconnect", current.server(), true, cause);
		}
	}

	/**
	 * Handles a failure that ended the receive loop: the transport no longer counts as connected.
	 * @param failure what failed
	 */
	protected final void failReceiving(Exception failure) {
		S current = this.session;
		if (current != null) {
			current.lost().set(true);
		}
		logger.error("Receiving on {} failed; the transport no longer receives", getConfig().endpoint(), failure);
		Connection server = (current != null) ? current.server() : null;
		reportError(ErrorCode.UNAVAILABLE, "Receiving failed: " + failure.getMessage(), server, true, failure);
	}

	/**
	 * Closes a session and forgets it.
	 * @param current the session
	 */
	protected final void close(S current) {
		this.session = null;
		try {
			current.close();
		}
		finally {
			if (current.isClient()) {
				this.counters.connectionClosed();
			}
		}
	}

	/**
	 * Checks that the transport is neither stopped nor already started or connected.
	 * @param operation what is about to happen, for the error message
	 * @throws IpcException with {@code ILLEGAL_STATE} otherwise
	 */
	protected final void checkIdle(String operation) {
		if (this.stopped) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, operation + " after stop(): " + getConfig().endpoint()
					+ " cannot be reused; create a new transport");
		}
		S current = this.session;
		if (current != null) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, operation + " on " + getConfig().endpoint()
					+ ", which is already " + (current.isClient() ? "connected" : "listening"));
		}
	}

	/**
	 * Returns the session to send with.
	 * @return the session
	 * @throws IpcException with {@code UNAVAILABLE} if neither started nor connected
	 */
	protected final S requireSession() {
		S current = this.session;
		if (current == null) {
			throw new IpcException(ErrorCode.UNAVAILABLE, (isClosed() ? "Transport is stopped: " : "Not connected: ")
					+ getConfig().endpoint() + (isClosed() ? "" : "; call connect() or start() first"));
		}
		return current;
	}

}
