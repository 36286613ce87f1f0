package io.cdmf.ipc.transport.datagram;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;

/**
 * The other end of a datagram transport: for a server, one sender address; for a client, its server. Datagrams
 * have no connection to close and tell nothing about the sender but its address, so {@link #peerCredentials()} is
 * {@link PeerCredentials#UNKNOWN}.
 *
 * @param <T> the transport the peer belongs to
 * @since 0.1.0
 */
public abstract class DatagramPeer<T extends DatagramTransport<?, ?>> implements Connection {

	private final T transport;

	private final long id;

	private final boolean server;

	private volatile boolean closed;

	/**
	 * Creates a peer.
	 * @param transport the transport that received from it or connected to it
	 * @param id an id unique within its transport
	 * @param server whether this is a client's server, reached through the connected socket
	 */
	protected DatagramPeer(T transport, long id, boolean server) {
		this.transport = transport;
		this.id = id;
		this.server = server;
	}

	@Override
	public final long id() {
		return this.id;
	}

	@Override
	public PeerCredentials peerCredentials() {
		return PeerCredentials.UNKNOWN;
	}

	@Override
	public final boolean isOpen() {
		return !this.closed && isReachable();
	}

	/**
	 * Sends a datagram to this peer.
	 * @param message the message
	 * @throws IpcException with {@code UNAVAILABLE} if this peer was closed, as the transport's {@code send}
	 * otherwise
	 */
	@Override
	public final void send(Message message) {
		if (this.closed) {
			throw new IpcException(ErrorCode.UNAVAILABLE, "Connection to " + describe() + " is closed");
		}
		transmit(message);
	}

	/**
	 * Closes this peer: a client disconnects from its server; a server forgets the sender, and further sends through
	 * this object fail (a new datagram from the same address makes a new peer).
	 */
	@Override
	public final void close() {
		this.closed = true;
		forget();
	}

	/**
	 * Returns whether this is a client's server, reached through the connected socket.
	 * @return whether it is the server
	 */
	public final boolean isServer() {
		return this.server;
	}

	/**
	 * Returns the transport this peer belongs to.
	 * @return the transport that received from it or connected to it
	 */
	protected final T transport() {
		return this.transport;
	}

	/**
	 * Returns whether this peer belongs to a transport.
	 * @param candidate the transport
	 * @return whether it is the one that made this peer
	 */
	public final boolean belongsTo(Object candidate) {
		return this.transport == candidate;
	}

	/**
	 * Returns whether datagrams can be sent to this peer now (its transport is connected or listening).
	 * @return whether it can be reached
	 */
	protected abstract boolean isReachable();

	/**
	 * Sends through the transport; {@link #send(Message)} checked that this peer is not closed.
	 * @param message the message
	 */
	protected abstract void transmit(Message message);

	/**
	 * Tells the transport that this peer was closed.
	 */
	protected abstract void forget();

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[id=" + this.id + ", " + describe() + "]";
	}

}
