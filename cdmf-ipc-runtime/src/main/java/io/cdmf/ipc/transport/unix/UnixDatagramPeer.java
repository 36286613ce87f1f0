package io.cdmf.ipc.transport.unix;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;

/**
 * The other end of a {@link UnixDatagramTransport}: for a server, one sender address; for a client, its server.
 * <p>
 * Datagram sockets have no connection to close and no {@code SO_PEERCRED} per sender, so
 * {@link #peerCredentials()} is {@link PeerCredentials#UNKNOWN}: uid/gid/pid are not available for datagrams.
 *
 * @since 0.1.0
 */
final class UnixDatagramPeer implements Connection {

	private static final byte[] NO_ADDRESS = new byte[0];

	private final UnixDatagramTransport transport;

	private final long id;

	private final byte[] address;

	private final String path;

	private final boolean server;

	private volatile boolean closed;

	/**
	 * Creates a peer.
	 * @param transport the transport that received from it or connected to it
	 * @param id an id unique within the transport
	 * @param address its {@code sockaddr_un}, exactly as long as the address; empty for a sender with no address
	 * @param path its path, {@code @name} for an abstract address, empty for none
	 * @param server whether this is a client's server, reached through the connected socket
	 */
	UnixDatagramPeer(UnixDatagramTransport transport, long id, byte[] address, String path, boolean server) {
		this.transport = transport;
		this.id = id;
		this.address = address;
		this.path = path;
		this.server = server;
	}

	/**
	 * Creates the peer for senders whose socket is not bound: they can send but cannot be answered.
	 * @param transport the transport
	 * @param id the id
	 * @return the peer
	 */
	static UnixDatagramPeer unbound(UnixDatagramTransport transport, long id) {
		return new UnixDatagramPeer(transport, id, NO_ADDRESS, "", false);
	}

	@Override
	public long id() {
		return this.id;
	}

	/**
	 * Returns {@link PeerCredentials#UNKNOWN}: uid/gid/pid are not available for datagrams ({@code SO_PEERCRED}
	 * describes a connection, and jnr-unixsocket offers no {@code recvmsg} for {@code SCM_CREDENTIALS}).
	 * @return unknown credentials
	 */
	@Override
	public PeerCredentials peerCredentials() {
		return PeerCredentials.UNKNOWN;
	}

	@Override
	public boolean isOpen() {
		return !this.closed && hasAddress() && this.transport.isConnected();
	}

	/**
	 * Sends a datagram to this peer.
	 * @param message the message
	 * @throws IpcException with {@code UNAVAILABLE} if the peer is closed, has no address or its socket is gone,
	 * as {@link UnixDatagramTransport#send(Message)} otherwise
	 */
	@Override
	public void send(Message message) {
		if (this.closed) {
			throw new IpcException(ErrorCode.UNAVAILABLE, "Connection to " + describe() + " is closed");
		}
		this.transport.sendToPeer(this, message);
	}

	/**
	 * Closes this peer: a client disconnects from its server; a server forgets the sender, and further sends through
	 * this object fail (a new datagram from the same address makes a new peer).
	 */
	@Override
	public void close() {
		this.closed = true;
		this.transport.closePeer(this);
	}

	@Override
	public String describe() {
		return hasAddress() ? "unix+dgram://" + this.path : "unix+dgram sender without a bound address";
	}

	/**
	 * Returns whether datagrams can be sent back to this peer.
	 * @return whether it has an address
	 */
	boolean hasAddress() {
		return this.address.length > 0;
	}

	/**
	 * Returns the peer's {@code sockaddr_un}.
	 * @return the address bytes; do not modify
	 */
	byte[] address() {
		return this.address;
	}

	/**
	 * Returns whether this is a client's server, reached through the connected socket.
	 * @return whether it is the server
	 */
	boolean isServer() {
		return this.server;
	}

	/**
	 * Returns whether this peer belongs to a transport.
	 * @param candidate the transport
	 * @return whether it is the one that made this peer
	 */
	boolean belongsTo(UnixDatagramTransport candidate) {
		return this.transport == candidate;
	}

	@Override
	public String toString() {
		return "UnixDatagramPeer[id=" + this.id + ", " + describe() + "]";
	}

}
