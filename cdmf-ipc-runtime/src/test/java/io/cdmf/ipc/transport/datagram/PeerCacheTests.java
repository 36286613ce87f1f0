package io.cdmf.ipc.transport.datagram;

import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.transport.TransportCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link PeerCache}: one peer per address, least recently heard from evicted, every peer counted as a connection.
 */
class PeerCacheTests {

	private final TransportCounters counters = new TransportCounters();

	private final AtomicInteger made = new AtomicInteger();

	private String make(String address) {
		return address + "#" + this.made.incrementAndGet();
	}

	@Test
	void shouldReuseThePeerOfAnAddressAndCountItOnce() {
		PeerCache<String, String> cache = new PeerCache<>(4, this.counters);

		String first = cache.peerFor("a", this::make);
		String again = cache.peerFor("a", this::make);

		assertThat(again).isSameAs(first);
		assertThat(cache.size()).isOne();
		assertThat(this.counters.snapshot().connectionsOpened()).isOne();
		assertThat(this.counters.snapshot().activeConnections()).isOne();
	}

	@Test
	void shouldEvictTheLeastRecentlyHeardFromAndCountItClosed() {
		PeerCache<String, String> cache = new PeerCache<>(2, this.counters);
		String a = cache.peerFor("a", this::make);
		cache.peerFor("b", this::make);
		cache.peerFor("a", this::make);

		cache.peerFor("c", this::make);

		assertThat(cache.size()).isEqualTo(2);
		assertThat(cache.peerFor("a", this::make)).as("a was heard from after b").isSameAs(a);
		assertThat(cache.peerFor("b", this::make)).as("b was evicted, so it is made anew").isEqualTo("b#4");
		assertThat(this.counters.snapshot().connectionsClosed()).isEqualTo(2);
		assertThat(this.counters.snapshot().activeConnections()).isEqualTo(2);
	}

	@Test
	void shouldRemoveOnlyThePeerStillKeptForItsAddress() {
		PeerCache<String, String> cache = new PeerCache<>(2, this.counters);
		String a = cache.peerFor("a", this::make);

		cache.remove("a", "an older peer of a");
		assertThat(cache.size()).isOne();
		cache.remove("a", a);
		assertThat(cache.size()).isZero();
		assertThat(this.counters.snapshot().activeConnections()).isZero();
	}

	@Test
	void shouldCountEveryPeerClosedWhenCleared() {
		PeerCache<String, String> cache = new PeerCache<>(8, this.counters);
		cache.peerFor("a", this::make);
		cache.peerFor("b", this::make);

		cache.clear();

		assertThat(cache.size()).isZero();
		assertThat(this.counters.snapshot().connectionsClosed()).isEqualTo(2);
	}

	@Test
	void shouldRefuseACapacityOfZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PeerCache<String, String>(0, this.counters))
			.withMessageContaining("capacity");
	}

}
