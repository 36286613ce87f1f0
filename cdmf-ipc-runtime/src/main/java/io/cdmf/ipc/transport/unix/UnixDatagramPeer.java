package io.cdmf.ipc.transport.unix;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.datagram.DatagramPeer;

/**
 * The other end of a {@link UnixDatagramTransport}: for a server, one sender address; for a client, its server.
 * <p>
 * Datagram sockets have no connection to close and no {@code SO_PEERCRED} per sender, so
 * {@link #peerCredentials()} is {@link PeerCredentials#UNKNOWN}: uid/gid/pid are not available for datagrams
 * (jnr-unixsocket offers no {@code recvmsg} for {@code SCM_CREDENTIALS}).
 *
 * @since 0.1.0
 */
final class UnixDatagramPeer extends DatagramPeer<UnixDatagramTransport> {

	private static final byte[] NO_ADDRESS = new byte[0];

	private final byte[] address;

	private final String path;

	/**
	 * Creates a peer.
	 * @param transport the transport that received from it or connected to it
	 * @param id an id unique within the transport
	 * @param address its {@code sockaddr_un}, exactly as long as the address; empty for a sender with no address
	 * @param path its path, {@code @name} for an abstract address, empty for none
	 * @param server whether this is a client's server, reached through the connected socket
	 */
	UnixDatagramPeer(UnixDatagramTransport transport, long id, byte[] address, String path, boolean server) {
		super(transport, id, server);
		this.address = address;
		this.path = path;
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
	protected boolean isReachable() {
		return hasAddress() && transport().isConnected();
	}

	@Override
	protected void transmit(Message message) {
		transport().sendToPeer(this, message);
	}

	@Override
	protected void forget() {
		transport().forgetPeer(this);
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

}
