package io.cdmf.ipc.transport.datagram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.cdmf.ipc.transport.TransportCounters;

/**
 * A datagram server's peers by sender address, least recently heard from evicted first, so that replies reuse one
 * peer per sender without the map growing with every address ever seen.
 * <p>
 * Each peer entering the cache counts as an opened connection and each leaving it as a closed one. An evicted peer
 * still works: a handler may reply through it; it is just no longer reused. Thread-safe.
 *
 * @param <K> the sender address
 * @param <P> the peer
 * @since 0.1.0
 */
public final class PeerCache<K, P> {

	private final TransportCounters counters;

	private final Map<K, P> peers;

	/**
	 * Creates an empty cache.
	 * @param capacity the most peers kept
	 * @param counters where opened and closed peers are counted
	 */
	public PeerCache(int capacity, TransportCounters counters) {
		if (capacity <= 0) {
			throw new IllegalArgumentException("capacity must be positive: " + capacity);
		}
		this.counters = counters;
		this.peers = new LinkedHashMap<>(Math.min(capacity, 64), 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<K, P> eldest) {
				boolean full = size() > capacity;
				if (full) {
					PeerCache.this.counters.connectionClosed();
				}
				return full;
			}

		};
	}

	/**
	 * Returns the peer for a sender, making it on first sight.
	 * @param address the sender's address
	 * @param factory makes the peer of a new sender
	 * @return the peer
	 */
	public synchronized P peerFor(K address, Function<? super K, ? extends P> factory) {
		P peer = this.peers.get(address);
		if (peer == null) {
			peer = factory.apply(address);
			this.peers.put(address, peer);
			this.counters.connectionOpened();
		}
		return peer;
	}

	/**
	 * Forgets a peer, if it is still the one kept for its address.
	 * @param address the peer's address
	 * @param peer the peer
	 */
	public synchronized void remove(K address, P peer) {
		if (this.peers.remove(address, peer)) {
			this.counters.connectionClosed();
		}
	}

	/**
	 * Returns how many peers are kept.
	 * @return the count
	 */
	public synchronized int size() {
		return this.peers.size();
	}

	/**
	 * Forgets every peer.
	 */
	public synchronized void clear() {
		for (int i = this.peers.size(); i > 0; i--) {
			this.counters.connectionClosed();
		}
		this.peers.clear();
	}

}
