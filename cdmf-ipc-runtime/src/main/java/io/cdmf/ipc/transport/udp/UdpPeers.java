package io.cdmf.ipc.transport.udp;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import io.cdmf.ipc.transport.TransportCounters;

/**
 * A server's {@link UdpPeer}s by sender address, least recently heard from evicted first, so that replies reuse one
 * peer per sender without the map growing with every address ever seen. Each peer entering the map counts as an
 * opened connection and each leaving it as a closed one; an evicted peer still works for a reply in flight.
 *
 * @since 0.1.0
 */
final class UdpPeers {

	private final UdpTransport transport;

	private final LongSupplier ids;

	private final TransportCounters counters;

	private final Map<InetSocketAddress, UdpPeer> peers;

	UdpPeers(UdpTransport transport, int capacity, LongSupplier ids, TransportCounters counters) {
		if (capacity <= 0) {
			throw new IllegalArgumentException("capacity must be positive: " + capacity);
		}
		this.transport = transport;
		this.ids = ids;
		this.counters = counters;
		this.peers = new LinkedHashMap<>(Math.min(capacity, 64), 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, UdpPeer> eldest) {
				boolean full = size() > capacity;
				if (full) {
					UdpPeers.this.counters.connectionClosed();
				}
				return full;
			}

		};
	}

	synchronized UdpPeer peerFor(InetSocketAddress address) {
		UdpPeer peer = this.peers.get(address);
		if (peer == null) {
			peer = new UdpPeer(this.transport, this.ids.getAsLong(), address, false);
			this.peers.put(address, peer);
			this.counters.connectionOpened();
		}
		return peer;
	}

	synchronized void remove(UdpPeer peer) {
		if (this.peers.remove(peer.address(), peer)) {
			this.counters.connectionClosed();
		}
	}

	synchronized int size() {
		return this.peers.size();
	}

	synchronized void clear() {
		for (int i = this.peers.size(); i > 0; i--) {
			this.counters.connectionClosed();
		}
		this.peers.clear();
	}

}
