package io.cdmf.ipc.transport.udp;

import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

import io.cdmf.ipc.transport.TransportCounters;
import io.cdmf.ipc.transport.datagram.PeerCache;

/**
 * A server's {@link UdpPeer}s by sender address, in a {@link PeerCache}: least recently heard from evicted first,
 * each peer counted as a connection while kept.
 *
 * @since 0.1.0
 */
final class UdpPeers {

	private final UdpTransport transport;

	private final LongSupplier ids;

	private final PeerCache<InetSocketAddress, UdpPeer> cache;

	UdpPeers(UdpTransport transport, int capacity, LongSupplier ids, TransportCounters counters) {
		this.transport = transport;
		this.ids = ids;
		this.cache = new PeerCache<>(capacity, counters);
	}

	UdpPeer peerFor(InetSocketAddress address) {
		return this.cache.peerFor(address, from -> new UdpPeer(this.transport, this.ids.getAsLong(), from, false));
	}

	void remove(UdpPeer peer) {
		this.cache.remove(peer.address(), peer);
	}

	int size() {
		return this.cache.size();
	}

	void clear() {
		this.cache.clear();
	}

}
