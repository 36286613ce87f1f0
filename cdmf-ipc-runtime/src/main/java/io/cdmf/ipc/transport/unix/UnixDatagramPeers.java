package io.cdmf.ipc.transport.unix;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import io.cdmf.ipc.transport.TransportCounters;

/**
 * A server's {@link UnixDatagramPeer}s by sender address, least recently heard from evicted first, so that replies
 * reuse one peer per sender without the map growing with every address ever seen.
 * <p>
 * Each peer entering the map counts as an opened connection and each leaving it as a closed one. An evicted peer
 * still works: a handler may reply through it; it is just no longer reused.
 *
 * @since 0.1.0
 */
final class UnixDatagramPeers {

	private final UnixDatagramTransport transport;

	private final LongSupplier ids;

	private final TransportCounters counters;

	private final UnixDatagramPeer unbound;

	private final Map<String, UnixDatagramPeer> peers;

	/**
	 * Creates an empty cache.
	 * @param transport the transport the peers send through
	 * @param capacity the most peers kept
	 * @param ids makes peer ids
	 * @param counters where opened and closed peers are counted
	 */
	UnixDatagramPeers(UnixDatagramTransport transport, int capacity, LongSupplier ids, TransportCounters counters) {
		if (capacity <= 0) {
			throw new IllegalArgumentException("capacity must be positive: " + capacity);
		}
		this.transport = transport;
		this.ids = ids;
		this.counters = counters;
		this.unbound = UnixDatagramPeer.unbound(transport, ids.getAsLong());
		this.peers = new LinkedHashMap<>(Math.min(capacity, 64), 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, UnixDatagramPeer> eldest) {
				boolean full = size() > capacity;
				if (full) {
					UnixDatagramPeers.this.counters.connectionClosed();
				}
				return full;
			}

		};
	}

	/**
	 * Returns the peer for a sender address, making it on first sight.
	 * @param address the buffer holding the sender's {@code sockaddr_un}
	 * @param length the address length
	 * @return the peer; a shared peer without address for unbound senders
	 */
	synchronized UnixDatagramPeer peerFor(byte[] address, int length) {
		if (length <= 2) {
			return this.unbound;
		}
		// ISO-8859-1 maps each byte to one char, so the key is exact for paths and abstract names alike.
		String key = new String(address, 0, length, StandardCharsets.ISO_8859_1);
		UnixDatagramPeer peer = this.peers.get(key);
		if (peer == null) {
			peer = new UnixDatagramPeer(this.transport, this.ids.getAsLong(), Arrays.copyOf(address, length),
					UnixDatagramNative.pathOf(address, length), false);
			this.peers.put(key, peer);
			this.counters.connectionOpened();
		}
		return peer;
	}

	/**
	 * Forgets a peer.
	 * @param peer the peer
	 */
	synchronized void remove(UnixDatagramPeer peer) {
		String key = new String(peer.address(), StandardCharsets.ISO_8859_1);
		if (this.peers.remove(key, peer)) {
			this.counters.connectionClosed();
		}
	}

	/**
	 * Returns how many peers are kept.
	 * @return the count
	 */
	synchronized int size() {
		return this.peers.size();
	}

	/**
	 * Forgets every peer.
	 */
	synchronized void clear() {
		for (int i = this.peers.size(); i > 0; i--) {
			this.counters.connectionClosed();
		}
		this.peers.clear();
	}

}
