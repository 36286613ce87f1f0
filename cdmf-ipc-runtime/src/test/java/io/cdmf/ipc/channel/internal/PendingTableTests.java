package io.cdmf.ipc.channel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pending calls of a connection, found by the id halves of a response: ids in one bucket (low halves 32 apart),
 * ids that differ only in the high half, removal by identity, scans, and many threads adding and removing at once.
 */
class PendingTableTests {

	private static final long HIGH = 0x1234_5678_9ABC_DEF0L;

	private final PendingTable table = new PendingTable();

	@Test
	void shouldFindEachCallByItsIdAmongCallsOfTheSameBucket() {
		List<PendingCall> calls = new ArrayList<>();
		for (long low = 7; low < 7 + 32 * 5; low += 32) {
			PendingCall call = call(HIGH, low);
			calls.add(call);
			this.table.add(call);
		}
		assertThat(this.table.size()).isEqualTo(5);

		assertThat(this.table.remove(HIGH, 7 + 64)).isSameAs(calls.get(2));
		assertThat(this.table.remove(HIGH, 7 + 64)).as("removed once").isNull();
		assertThat(this.table.remove(HIGH, 7)).isSameAs(calls.get(0));
		assertThat(this.table.remove(HIGH, 7 + 128)).isSameAs(calls.get(4));
		assertThat(this.table.size()).isEqualTo(2);
		assertThat(this.table.remove(calls.get(1))).isTrue();
		assertThat(this.table.remove(calls.get(3))).isTrue();
		assertThat(this.table.remove(calls.get(3))).isFalse();
		assertThat(this.table.size()).isZero();
	}

	@Test
	void shouldNotMatchAnIdThatDiffersInItsHighHalf() {
		PendingCall call = call(HIGH, 42);
		this.table.add(call);

		assertThat(this.table.remove(HIGH + 1, 42)).isNull();
		assertThat(this.table.remove(0, 42)).isNull();
		assertThat(this.table.remove(HIGH, 42)).isSameAs(call);
	}

	@Test
	void shouldRemoveByIdentityOnlyTheCallGiven() {
		PendingCall first = call(HIGH, 3);
		PendingCall sameId = call(HIGH, 3);
		this.table.add(first);

		assertThat(this.table.remove(sameId)).isFalse();
		assertThat(this.table.size()).isEqualTo(1);
		assertThat(this.table.remove(first)).isTrue();
	}

	@Test
	void shouldFindAndSelectWithoutRemoving() {
		for (long low = 1; low <= 100; low++) {
			this.table.add(call(HIGH, low));
		}

		assertThat(this.table.find((call) -> call.idLow == 77).idLow).isEqualTo(77);
		assertThat(this.table.find((call) -> call.idLow == 1000)).isNull();
		assertThat(this.table.select((call) -> call.idLow % 10 == 0)).extracting((call) -> call.idLow)
			.containsExactlyInAnyOrder(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
		assertThat(this.table.select((call) -> false)).isEmpty();
		assertThat(this.table.size()).isEqualTo(100);
	}

	@Test
	void shouldKeepEveryCallOfManyThreadsAddingAndRemovingAtOnce() throws Exception {
		int threads = 8;
		int perThread = 20_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> found = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				long base = (long) t * perThread;
				found.add(pool.submit(() -> {
					start.await();
					int matched = 0;
					for (long low = base; low < base + perThread; low++) {
						PendingCall call = call(HIGH, low);
						this.table.add(call);
						if (this.table.remove(HIGH, low) == call) {
							matched++;
						}
					}
					return matched;
				}));
			}
			start.countDown();
			for (Future<Integer> each : found) {
				assertThat(each.get(60, TimeUnit.SECONDS)).isEqualTo(perThread);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.table.size()).isZero();
	}

	private static PendingCall call(long high, long low) {
		// No connection: these calls are never finished, only filed and found.
		return new PendingCall(high, low, "echo", System.nanoTime(), null, false);
	}

}
