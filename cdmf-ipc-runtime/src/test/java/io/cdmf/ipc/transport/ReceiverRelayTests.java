package io.cdmf.ipc.transport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiverRelayTests {

	private final AtomicInteger takeOvers = new AtomicInteger();

	private final ReceiverRelay relay = new ReceiverRelay(this.takeOvers::incrementAndGet);

	@Test
	void whenTheHandlerReturnsFirstThenItsRunCannotBeHandedOff() {
		int generation = this.relay.claim();
		long ticket = this.relay.begin();
		assertThat(this.relay.end(ticket)).isTrue();
		assertThat(this.relay.handOff(ticket)).isFalse();
		assertThat(this.relay.owns(generation)).isTrue();
		assertThat(this.takeOvers).hasValue(0);
	}

	@Test
	void whenARunIsHandedOffThenTheOldReceiverLosesItAndASuccessorClaimsIt() {
		int generation = this.relay.claim();
		long ticket = this.relay.begin();
		assertThat(this.relay.handOff(ticket)).isTrue();
		assertThat(this.relay.handOff(ticket)).as("a second hand-off of the same run").isFalse();
		assertThat(this.takeOvers).hasValue(1);
		assertThat(this.relay.owns(generation)).isFalse();
		int successor = this.relay.claim();
		assertThat(successor).isNotEqualTo(generation);
		assertThat(this.relay.owns(successor)).isTrue();
		assertThat(this.relay.end(ticket)).as("the old receiver's handler returns").isFalse();
		assertThat(this.relay.owns(successor)).isTrue();
	}

	@Test
	void aStaleTicketOfAnEarlierRunIsNotHandedOff() {
		this.relay.claim();
		long first = this.relay.begin();
		this.relay.end(first);
		long second = this.relay.begin();
		assertThat(second).isNotEqualTo(first);
		assertThat(this.relay.handOff(first)).isFalse();
		assertThat(this.relay.handOff(second)).isTrue();
	}

	@RepeatedTest(20)
	void whenEndAndHandOffRaceThenExactlyOneWins() throws InterruptedException {
		int generation = this.relay.claim();
		long ticket = this.relay.begin();
		CountDownLatch go = new CountDownLatch(1);
		boolean[] handedOff = new boolean[1];
		Thread watchdog = new Thread(() -> {
			awaitQuietly(go);
			handedOff[0] = this.relay.handOff(ticket);
		});
		watchdog.start();
		go.countDown();
		boolean ended = this.relay.end(ticket);
		watchdog.join();
		assertThat(ended).isNotEqualTo(handedOff[0]);
		assertThat(this.relay.owns(generation)).isEqualTo(ended);
		assertThat(this.takeOvers.get()).isEqualTo(handedOff[0] ? 1 : 0);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
