package io.cdmf.ipc.transport.udp;

import java.net.InetSocketAddress;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.datagram.DatagramPeer;

/**
 * The other end of a {@link UdpTransport}: for a server, one sender address; for a client, its server.
 *
 * @since 0.1.0
 */
final class UdpPeer extends DatagramPeer<UdpTransport> {

	private final InetSocketAddress address;

	UdpPeer(UdpTransport transport, long id, InetSocketAddress address, boolean server) {
		super(transport, id, server);
		this.address = address;
	}

	@Override
	protected boolean isReachable() {
		return transport().isConnected();
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
		return "udp://" + this.address.getAddress().getHostAddress() + ":" + this.address.getPort();
	}

	InetSocketAddress address() {
		return this.address;
	}
}
