package io.cdmf.ipc.transport.unix;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongSupplier;

import io.cdmf.ipc.transport.TransportCounters;
import io.cdmf.ipc.transport.datagram.PeerCache;

/**
 * A server's {@link UnixDatagramPeer}s by sender address, in a {@link PeerCache}: least recently heard from evicted
 * first, each peer counted as a connection while kept. Senders without an address (unbound sockets) share one peer
 * that cannot be answered.
 *
 * @since 0.1.0
 */
final class UnixDatagramPeers {

	private final UnixDatagramTransport transport;

	private final LongSupplier ids;

	private final UnixDatagramPeer unbound;

	private final PeerCache<String, UnixDatagramPeer> cache;

	/**
	 * Creates an empty cache.
	 * @param transport the transport the peers send through
	 * @param capacity the most peers kept
	 * @param ids makes peer ids
	 * @param counters where opened and closed peers are counted
	 */
	UnixDatagramPeers(UnixDatagramTransport transport, int capacity, LongSupplier ids, TransportCounters counters) {
		this.transport = transport;
		this.ids = ids;
		this.cache = new PeerCache<>(capacity, counters);
		this.unbound = UnixDatagramPeer.unbound(transport, ids.getAsLong());
	}

	/**
	 * Returns the peer for a sender address, making it on first sight.
	 * @param address the buffer holding the sender's {@code sockaddr_un}
	 * @param length the address length
	 * @return the peer; a shared peer without address for unbound senders
	 */
	UnixDatagramPeer peerFor(byte[] address, int length) {
		if (length <= 2) {
			return this.unbound;
		}
		return this.cache.peerFor(key(address, length), key -> new UnixDatagramPeer(this.transport,
				this.ids.getAsLong(), Arrays.copyOf(address, length), UnixDatagramNative.pathOf(address, length), false));
	}

	/**
	 * Forgets a peer.
	 * @param peer the peer
	 */
	void remove(UnixDatagramPeer peer) {
		this.cache.remove(key(peer.address(), peer.address().length), peer);
	}

	/**
	 * Returns how many peers are kept.
	 * @return the count
	 */
	int size() {
		return this.cache.size();
	}

	/**
	 * Forgets every peer.
	 */
	void clear() {
		this.cache.clear();
	}

	private static String key(byte[] address, int length) {
		// ISO-8859-1 maps each byte to one char, so the key is exact for paths and abstract names alike.
		return new String(address, 0, length, StandardCharsets.ISO_8859_1);
	}

}
