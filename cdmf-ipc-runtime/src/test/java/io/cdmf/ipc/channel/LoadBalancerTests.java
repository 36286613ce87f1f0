package io.cdmf.ipc.channel;

import java.util.List;

import io.cdmf.ipc.channel.internal.PickFirstLoadBalancer;
import io.cdmf.ipc.channel.internal.PowerOfTwoChoicesLoadBalancer;
import io.cdmf.ipc.channel.internal.RoundRobinLoadBalancer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class LoadBalancerTests {

	@ParameterizedTest
	@ValueSource(strings = { "p2c", "P2C", "power-of-two-choices", "POWER_OF_TWO_CHOICES", " p2c " })
	void shouldNamePowerOfTwoChoices(String name) {
		LoadBalancer.Factory factory = LoadBalancer.named(name);

		assertThat(factory.name()).isEqualTo(LoadBalancer.POWER_OF_TWO_CHOICES);
		assertThat(factory.create()).isInstanceOf(PowerOfTwoChoicesLoadBalancer.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "round-robin", "ROUND_ROBIN", "Round-Robin" })
	void shouldNameRoundRobin(String name) {
		LoadBalancer.Factory factory = LoadBalancer.named(name);

		assertThat(factory.name()).isEqualTo(LoadBalancer.ROUND_ROBIN);
		assertThat(factory.create()).isInstanceOf(RoundRobinLoadBalancer.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "pick-first", "PICK_FIRST" })
	void shouldNamePickFirst(String name) {
		LoadBalancer.Factory factory = LoadBalancer.named(name);

		assertThat(factory.name()).isEqualTo(LoadBalancer.PICK_FIRST);
		assertThat(factory.create()).isInstanceOf(PickFirstLoadBalancer.class);
	}

	@Test
	void shouldMakeANewBalancerForEachChannel() {
		LoadBalancer.Factory factory = LoadBalancer.named(LoadBalancer.ROUND_ROBIN);

		// A round robin keeps its turn: two channels must not share one.
		assertThat(factory.create()).isNotSameAs(factory.create());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "random", "least-request" })
	void shouldRejectAnUnknownNameListingTheKnownOnes(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadBalancer.named(name))
			.withMessage("load balancer must be p2c, round-robin or pick-first: '" + name + "'");
	}

	@Test
	void shouldMakeAFactoryOfACustomBalancer() {
		LoadBalancer last = candidates -> candidates.get(candidates.size() - 1);
		LoadBalancer.Factory factory = LoadBalancer.Factory.of("last", () -> last);

		assertThat(factory.name()).isEqualTo("last");
		assertThat(factory).hasToString("last");
		assertThat(factory.create()).isSameAs(last);
		assertThatNullPointerException().isThrownBy(() -> LoadBalancer.Factory.of(null, () -> last));
		assertThatNullPointerException().isThrownBy(() -> LoadBalancer.named(null));
		assertThat(List.of(factory.name())).containsExactly("last");
	}

}
