package io.cdmf.ipc.channel.internal;

import java.util.List;

import io.cdmf.ipc.channel.LoadBalancer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PickFirstLoadBalancerTests {

	private final PickFirstLoadBalancer balancer = new PickFirstLoadBalancer();

	@Test
	void shouldAlwaysPickTheFirstCandidate() {
		FakeSubchannel primary = FakeSubchannel.ready("primary").outstanding(100);
		FakeSubchannel secondary = FakeSubchannel.weighted("secondary", 1_000);
		List<FakeSubchannel> candidates = List.of(primary, secondary);

		Picks picks = Picks.of(100, () -> this.balancer.pick(candidates));

		assertThat(picks.count(primary)).isEqualTo(100);
	}

	@Test
	void whenThePrimaryIsNotACandidateThenPicksTheNextInOrder() {
		FakeSubchannel secondary = FakeSubchannel.ready("secondary");
		FakeSubchannel tertiary = FakeSubchannel.ready("tertiary");

		assertThat(this.balancer.pick(List.of(secondary, tertiary))).isSameAs(secondary);
	}

	@Test
	void shouldBeNamedAsItsFactory() {
		assertThat(this.balancer).hasToString(LoadBalancer.PICK_FIRST);
		assertThat(LoadBalancer.pickFirst()).isInstanceOf(PickFirstLoadBalancer.class);
	}

}
