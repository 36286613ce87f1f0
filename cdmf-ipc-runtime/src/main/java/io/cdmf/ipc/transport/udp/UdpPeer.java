package io.cdmf.ipc.transport.udp;

import java.net.InetSocketAddress;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;

/**
 * The other end of a {@link UdpTransport}: for a server, one sender address; for a client, its server. UDP has no
 * connection to close and tells nothing about the sender but its address, so {@link #peerCredentials()} is
 * {@link PeerCredentials#UNKNOWN}.
 *
 * @since 0.1.0
 */
final class UdpPeer implements Connection {

	private final UdpTransport transport;

	private final long id;

	private final InetSocketAddress address;

	private final boolean server;

	private volatile boolean closed;

	UdpPeer(UdpTransport transport, long id, InetSocketAddress address, boolean server) {
		this.transport = transport;
		this.id = id;
		this.address = address;
		this.server = server;
	}

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public PeerCredentials peerCredentials() {
		return PeerCredentials.UNKNOWN;
	}

	@Override
	public boolean isOpen() {
		return !this.closed && this.transport.isConnected();
	}

	/**
	 * Sends a datagram to this peer.
	 * @param message the message
	 * @throws IpcException with {@code UNAVAILABLE} if this peer was closed, as {@link UdpTransport#send(Message)}
	 * otherwise
	 */
	@Override
	public void send(Message message) {
		if (this.closed) {
			throw new IpcException(ErrorCode.UNAVAILABLE, "Connection to " + describe() + " is closed");
		}
		this.transport.sendToPeer(this, message);
	}

	/**
	 * Closes this peer: a client disconnects from its server; a server forgets the sender (a new datagram from the
	 * same address makes a new peer).
	 */
	@Override
	public void close() {
		this.closed = true;
		this.transport.closePeer(this);
	}

	@Override
	public String describe() {
		return "udp://" + this.address.getAddress().getHostAddress() + ":" + this.address.getPort();
	}

	InetSocketAddress address() {
		return this.address;
	}

	boolean isServer() {
		return this.server;
	}

	boolean belongsTo(UdpTransport candidate) {
		return this.transport == candidate;
	}

	@Override
	public String toString() {
		return "UdpPeer[id=" + this.id + ", " + describe() + "]";
	}

}
