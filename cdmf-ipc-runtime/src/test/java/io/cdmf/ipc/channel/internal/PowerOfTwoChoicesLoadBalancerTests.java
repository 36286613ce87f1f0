package io.cdmf.ipc.channel.internal;

import java.util.List;

import io.cdmf.ipc.channel.LoadBalancer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Shares drawn at random are checked over 20,000 picks with a tolerance of at least six standard deviations.
 */
class PowerOfTwoChoicesLoadBalancerTests {

	private static final int PICKS = 20_000;

	private final PowerOfTwoChoicesLoadBalancer balancer = new PowerOfTwoChoicesLoadBalancer();

	@Test
	void shouldSpreadIdleEqualEndpointsEvenly() {
		FakeSubchannel a = FakeSubchannel.ready("a");
		FakeSubchannel b = FakeSubchannel.ready("b");
		FakeSubchannel c = FakeSubchannel.ready("c");
		FakeSubchannel d = FakeSubchannel.ready("d");
		List<FakeSubchannel> candidates = List.of(a, b, c, d);

		Picks picks = Picks.of(PICKS, () -> this.balancer.pick(candidates));

		for (FakeSubchannel each : candidates) {
			assertThat(picks.share(each)).as("%s in %s", each, picks).isCloseTo(0.25, within(0.02));
		}
	}

	@Test
	void shouldDrawIdleEndpointsAsOftenAsTheirWeight() {
		FakeSubchannel light = FakeSubchannel.weighted("light", 1);
		FakeSubchannel middle = FakeSubchannel.weighted("middle", 2);
		FakeSubchannel heavy = FakeSubchannel.weighted("heavy", 7);
		List<FakeSubchannel> candidates = List.of(light, middle, heavy);

		Picks picks = Picks.of(PICKS, () -> this.balancer.pick(candidates));

		assertThat(picks.share(light)).as(picks.toString()).isCloseTo(0.1, within(0.02));
		assertThat(picks.share(middle)).as(picks.toString()).isCloseTo(0.2, within(0.02));
		assertThat(picks.share(heavy)).as(picks.toString()).isCloseTo(0.7, within(0.02));
	}

	@Test
	void shouldNeverPickTheBusierOfTwo() {
		FakeSubchannel busy = FakeSubchannel.ready("busy").outstanding(1);
		FakeSubchannel idle = FakeSubchannel.ready("idle");
		List<FakeSubchannel> candidates = List.of(busy, idle);

		Picks picks = Picks.of(PICKS, () -> this.balancer.pick(candidates));

		// Two distinct candidates are compared every time: drawing the busy one twice would let it win.
		assertThat(picks.count(busy)).as(picks.toString()).isZero();
	}

	@Test
	void shouldPreferFewerOutstandingCalls() {
		FakeSubchannel slow = FakeSubchannel.ready("slow").outstanding(8);
		FakeSubchannel fast = FakeSubchannel.ready("fast").outstanding(1);
		FakeSubchannel faster = FakeSubchannel.ready("faster");
		List<FakeSubchannel> candidates = List.of(slow, fast, faster);

		Picks picks = Picks.of(PICKS, () -> this.balancer.pick(candidates));

		// The most loaded endpoint loses every pair; the least loaded wins both pairs it is drawn in (2 of 3).
		assertThat(picks.count(slow)).isZero();
		assertThat(picks.share(faster)).as(picks.toString()).isCloseTo(2.0 / 3, within(0.03));
		assertThat(picks.share(fast)).as(picks.toString()).isCloseTo(1.0 / 3, within(0.03));
	}

	@Test
	void shouldCompareOutstandingCallsPerUnitOfWeight() {
		FakeSubchannel big = FakeSubchannel.weighted("big", 4).outstanding(4);
		FakeSubchannel small = FakeSubchannel.weighted("small", 1).outstanding(2);
		List<FakeSubchannel> candidates = List.of(big, small);

		Picks picks = Picks.of(PICKS, () -> this.balancer.pick(candidates));

		// 4 calls on weight 4 is 1 per unit, less than 2 on weight 1.
		assertThat(picks.count(small)).as(picks.toString()).isZero();
	}

	@Test
	void whenAHeavyEndpointIsDrawnFirstThenTheSecondIsAnother() {
		FakeSubchannel overloaded = FakeSubchannel.weighted("overloaded", 1_000).outstanding(1_000_000);
		FakeSubchannel a = FakeSubchannel.ready("a");
		FakeSubchannel b = FakeSubchannel.ready("b");
		List<FakeSubchannel> candidates = List.of(overloaded, a, b);

		Picks picks = Picks.of(PICKS, () -> this.balancer.pick(candidates));

		// Almost every first draw is the overloaded endpoint; the second must then be a or b, which win.
		assertThat(picks.count(overloaded)).as(picks.toString()).isZero();
		assertThat(picks.share(a)).as(picks.toString()).isCloseTo(0.5, within(0.03));
	}

	@Test
	void shouldReturnTheOnlyCandidate() {
		FakeSubchannel only = FakeSubchannel.ready("only").outstanding(99);

		assertThat(this.balancer.pick(List.of(only))).isSameAs(only);
	}

	@Test
	void shouldBeTheDefaultBalancer() {
		assertThat(this.balancer).hasToString(LoadBalancer.POWER_OF_TWO_CHOICES);
		assertThat(LoadBalancer.powerOfTwoChoices()).isInstanceOf(PowerOfTwoChoicesLoadBalancer.class);
	}

}
