package io.cdmf.ipc.channel.internal;

import java.util.List;

import io.cdmf.ipc.channel.LoadBalancer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoundRobinLoadBalancerTests {

	private final RoundRobinLoadBalancer balancer = new RoundRobinLoadBalancer();

	@Test
	void shouldTakeEqualEndpointsInTurn() {
		FakeSubchannel a = FakeSubchannel.ready("a");
		FakeSubchannel b = FakeSubchannel.ready("b");
		FakeSubchannel c = FakeSubchannel.ready("c");
		List<FakeSubchannel> candidates = List.of(a, b, c);

		assertThat(List.of(pick(candidates), pick(candidates), pick(candidates), pick(candidates), pick(candidates),
				pick(candidates)))
			.containsExactly(a, b, c, a, b, c);
	}

	@Test
	void shouldGiveEachEndpointAsManyTurnsAsItsWeight() {
		FakeSubchannel light = FakeSubchannel.weighted("light", 1);
		FakeSubchannel middle = FakeSubchannel.weighted("middle", 2);
		FakeSubchannel heavy = FakeSubchannel.weighted("heavy", 7);
		List<FakeSubchannel> candidates = List.of(light, middle, heavy);

		Picks picks = Picks.of(10_000, () -> pick(candidates));

		assertThat(picks.count(light)).isEqualTo(1_000);
		assertThat(picks.count(middle)).isEqualTo(2_000);
		assertThat(picks.count(heavy)).isEqualTo(7_000);
	}

	@Test
	void shouldIgnoreOutstandingCalls() {
		FakeSubchannel busy = FakeSubchannel.ready("busy").outstanding(1_000);
		FakeSubchannel idle = FakeSubchannel.ready("idle");
		List<FakeSubchannel> candidates = List.of(busy, idle);

		Picks picks = Picks.of(1_000, () -> pick(candidates));

		assertThat(picks.count(busy)).isEqualTo(500);
	}

	@Test
	void whenCandidatesChangeThenRotationContinuesOverTheNewSet() {
		FakeSubchannel a = FakeSubchannel.ready("a");
		FakeSubchannel b = FakeSubchannel.ready("b");
		FakeSubchannel c = FakeSubchannel.ready("c");
		pick(List.of(a, b, c));

		Picks picks = Picks.of(1_000, () -> pick(List.of(a, c)));

		assertThat(picks.count(a)).isEqualTo(500);
		assertThat(picks.count(c)).isEqualTo(500);
		assertThat(picks.count(b)).isZero();
	}

	@Test
	void shouldReturnTheOnlyCandidate() {
		FakeSubchannel only = FakeSubchannel.weighted("only", 5);

		assertThat(pick(List.of(only))).isSameAs(only);
	}

	@Test
	void shouldBeNamedAsItsFactory() {
		assertThat(this.balancer).hasToString(LoadBalancer.ROUND_ROBIN);
		assertThat(LoadBalancer.roundRobin()).isInstanceOf(RoundRobinLoadBalancer.class);
	}

	private FakeSubchannel pick(List<FakeSubchannel> candidates) {
		return (FakeSubchannel) this.balancer.pick(candidates);
	}

}
