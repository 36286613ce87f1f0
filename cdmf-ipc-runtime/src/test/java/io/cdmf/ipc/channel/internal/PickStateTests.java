package io.cdmf.ipc.channel.internal;

import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.channel.HealthConfig;
import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.channel.SubchannelState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Locality tiers and their shares, with the default overprovisioning factor of 1.4. Shares drawn at random are
 * checked over 20,000 picks with a tolerance of at least six standard deviations.
 */
class PickStateTests {

	private static final double OVERPROVISIONING = HealthConfig.DEFAULT_LOCALITY_OVERPROVISIONING;

	private static final int PICKS = 20_000;

	private final LoadBalancer balancer = new RoundRobinLoadBalancer();

	@Test
	void shouldSendEveryCallToTheNearestTierThatIsHealthy() {
		FakeSubchannel inProcess = subchannel("in-process", Locality.SAME_PROCESS, SubchannelState.READY);
		FakeSubchannel local = subchannel("local", Locality.SAME_HOST, SubchannelState.READY);
		FakeSubchannel remote = subchannel("remote", Locality.OTHER_HOST, SubchannelState.READY);
		PickState<FakeSubchannel> state = state(remote, local, inProcess);

		Picks picks = Picks.of(1_000, () -> state.pick(this.balancer, null));

		assertThat(picks.count(inProcess)).isEqualTo(1_000);
		assertThat(state.share(Locality.SAME_PROCESS)).isEqualTo(1.0);
		assertThat(state.share(Locality.SAME_HOST)).isZero();
		assertThat(state.share(Locality.OTHER_HOST)).isZero();
	}

	@Test
	void shouldPreferSameHostOverOtherHosts() {
		FakeSubchannel local = subchannel("local", Locality.SAME_HOST, SubchannelState.READY);
		FakeSubchannel remoteA = subchannel("remote-a", Locality.OTHER_HOST, SubchannelState.READY);
		FakeSubchannel remoteB = subchannel("remote-b", Locality.OTHER_HOST, SubchannelState.READY);
		PickState<FakeSubchannel> state = state(remoteA, local, remoteB);

		Picks picks = Picks.of(1_000, () -> state.pick(this.balancer, null));

		assertThat(picks.count(local)).isEqualTo(1_000);
	}

	@Test
	void whenATierIsHealthyEnoughWithOverprovisioningThenItKeepsEveryCall() {
		// 3 of 4 ready: 0.75 x 1.4 = 1.05, at least 1.
		FakeSubchannel[] local = tier("local", Locality.SAME_HOST, 4, 3);
		FakeSubchannel remote = subchannel("remote", Locality.OTHER_HOST, SubchannelState.READY);
		PickState<FakeSubchannel> state = state(local[0], local[1], local[2], local[3], remote);

		Picks picks = Picks.of(PICKS, () -> state.pick(this.balancer, null));

		assertThat(state.share(Locality.SAME_HOST)).isEqualTo(1.0);
		assertThat(picks.count(remote)).isZero();
	}

	@Test
	void whenATierLosesEndpointsThenItsShareSpillsToTheNextTier() {
		// 2 of 4 ready: 0.5 x 1.4 = 0.7 stays, 0.3 spills over.
		FakeSubchannel[] local = tier("local", Locality.SAME_HOST, 4, 2);
		FakeSubchannel remote = subchannel("remote", Locality.OTHER_HOST, SubchannelState.READY);
		PickState<FakeSubchannel> state = state(local[0], local[1], local[2], local[3], remote);

		Picks picks = Picks.of(PICKS, () -> state.pick(this.balancer, null));

		assertThat(state.share(Locality.SAME_HOST)).isCloseTo(0.7, within(1e-9));
		assertThat(state.share(Locality.OTHER_HOST)).isCloseTo(0.3, within(1e-9));
		assertThat(picks.share(remote)).as(picks.toString()).isCloseTo(0.3, within(0.02));
		assertThat(picks.share(local[0]) + picks.share(local[1])).as(picks.toString()).isCloseTo(0.7, within(0.02));
		assertThat(picks.count(local[2]) + picks.count(local[3])).isZero();
	}

	@Test
	void whenTheFirstTiersTakeEverythingThenLaterTiersGetNothing() {
		// Same process 1 of 2 (0.7), same host full (takes the remaining 0.3), other hosts nothing.
		FakeSubchannel inProcess = subchannel("in-process", Locality.SAME_PROCESS, SubchannelState.READY);
		FakeSubchannel inProcessDown = subchannel("in-process-down", Locality.SAME_PROCESS,
				SubchannelState.TRANSIENT_FAILURE);
		FakeSubchannel local = subchannel("local", Locality.SAME_HOST, SubchannelState.READY);
		FakeSubchannel remote = subchannel("remote", Locality.OTHER_HOST, SubchannelState.READY);
		PickState<FakeSubchannel> state = state(inProcess, inProcessDown, local, remote);

		Picks picks = Picks.of(PICKS, () -> state.pick(this.balancer, null));

		assertThat(state.share(Locality.SAME_PROCESS)).isCloseTo(0.7, within(1e-9));
		assertThat(state.share(Locality.SAME_HOST)).isCloseTo(0.3, within(1e-9));
		assertThat(state.share(Locality.OTHER_HOST)).isZero();
		assertThat(picks.share(inProcess)).as(picks.toString()).isCloseTo(0.7, within(0.02));
		assertThat(picks.count(remote)).isZero();
	}

	@Test
	void whenAllTiersTogetherFallShortThenSharesAreScaledToWhatIsReady() {
		// Same host 1 of 4 (0.35) and other hosts 1 of 4 (0.35): 0.7 in all, scaled to one half each.
		FakeSubchannel[] local = tier("local", Locality.SAME_HOST, 4, 1);
		FakeSubchannel[] remote = tier("remote", Locality.OTHER_HOST, 4, 1);
		PickState<FakeSubchannel> state = state(local[0], local[1], local[2], local[3], remote[0], remote[1],
				remote[2], remote[3]);

		Picks picks = Picks.of(PICKS, () -> state.pick(this.balancer, null));

		assertThat(state.share(Locality.SAME_HOST)).isCloseTo(0.5, within(1e-9));
		assertThat(state.share(Locality.OTHER_HOST)).isCloseTo(0.5, within(1e-9));
		assertThat(picks.share(local[0])).as(picks.toString()).isCloseTo(0.5, within(0.03));
		assertThat(picks.share(remote[0])).as(picks.toString()).isCloseTo(0.5, within(0.03));
	}

	@Test
	void whenATierHasNoReadyEndpointThenTheNextTakesEverything() {
		FakeSubchannel inProcess = subchannel("in-process", Locality.SAME_PROCESS, SubchannelState.CONNECTING);
		FakeSubchannel local = subchannel("local", Locality.SAME_HOST, SubchannelState.READY);
		PickState<FakeSubchannel> state = state(inProcess, local);

		assertThat(state.share(Locality.SAME_HOST)).isEqualTo(1.0);
		assertThat(state.share(Locality.SAME_PROCESS)).isZero();
		assertThat(state.pick(this.balancer, null)).isSameAs(local);
	}

	@Test
	void shouldUseEjectedEndpointsOnlyWhenNoneIsReady() {
		FakeSubchannel ejected = subchannel("ejected", Locality.SAME_HOST, SubchannelState.EJECTED);
		FakeSubchannel ready = subchannel("ready", Locality.OTHER_HOST, SubchannelState.READY);
		FakeSubchannel down = subchannel("down", Locality.SAME_HOST, SubchannelState.TRANSIENT_FAILURE);

		PickState<FakeSubchannel> withReady = state(ejected, ready);
		assertThat(Picks.of(1_000, () -> withReady.pick(this.balancer, null)).count(ready)).isEqualTo(1_000);
		assertThat(withReady.hasReady()).isTrue();

		PickState<FakeSubchannel> withoutReady = state(ejected, down);
		assertThat(Picks.of(1_000, () -> withoutReady.pick(this.balancer, null)).count(ejected)).isEqualTo(1_000);
		assertThat(withoutReady.hasReady()).isFalse();
	}

	@Test
	void whenNothingIsReadyOrEjectedThenPicksNothing() {
		PickState<FakeSubchannel> state = state(subchannel("idle", Locality.SAME_HOST, SubchannelState.IDLE),
				subchannel("connecting", Locality.SAME_HOST, SubchannelState.CONNECTING),
				subchannel("down", Locality.SAME_HOST, SubchannelState.TRANSIENT_FAILURE),
				subchannel("removed", Locality.SAME_HOST, SubchannelState.SHUTDOWN));

		assertThat(state.pick(this.balancer, null)).isNull();
		assertThat(state.hasReady()).isFalse();
		assertThat(state.share(Locality.SAME_HOST)).isZero();
		assertThat(PickState.EMPTY.pick(this.balancer, null)).isNull();
	}

	@Test
	void shouldLeaveOutTheEndpointToAvoidWhenAnotherIsReady() {
		FakeSubchannel failed = subchannel("failed", Locality.SAME_HOST, SubchannelState.READY);
		FakeSubchannel other = subchannel("other", Locality.SAME_HOST, SubchannelState.READY);
		PickState<FakeSubchannel> state = state(failed, other);

		assertThat(Picks.of(1_000, () -> state.pick(this.balancer, failed)).count(other)).isEqualTo(1_000);
	}

	@Test
	void whenTheEndpointToAvoidIsAloneInItsTierThenTriesAnotherTier() {
		FakeSubchannel failed = subchannel("failed", Locality.SAME_HOST, SubchannelState.READY);
		FakeSubchannel remote = subchannel("remote", Locality.OTHER_HOST, SubchannelState.READY);
		PickState<FakeSubchannel> state = state(failed, remote);

		assertThat(state.pick(this.balancer, failed)).isSameAs(remote);
	}

	@Test
	void whenTheEndpointToAvoidIsTheOnlyOneReadyThenPicksItAgain() {
		FakeSubchannel failed = subchannel("failed", Locality.SAME_HOST, SubchannelState.READY);
		FakeSubchannel down = subchannel("down", Locality.SAME_HOST, SubchannelState.TRANSIENT_FAILURE);
		PickState<FakeSubchannel> state = state(failed, down);

		assertThat(state.pick(this.balancer, failed)).isSameAs(failed);
	}

	@Test
	void shouldTellWhetherAnotherEndpointIsReadyInAnyTier() {
		FakeSubchannel failed = subchannel("failed", Locality.SAME_HOST, SubchannelState.READY);
		FakeSubchannel down = subchannel("down", Locality.SAME_HOST, SubchannelState.TRANSIENT_FAILURE);
		FakeSubchannel ejected = subchannel("ejected", Locality.SAME_HOST, SubchannelState.EJECTED);
		FakeSubchannel remote = subchannel("remote", Locality.OTHER_HOST, SubchannelState.READY);

		assertThat(state(failed, down, ejected).hasReadyBesides(failed)).isFalse();
		assertThat(state(failed, down, ejected, remote).hasReadyBesides(failed)).isTrue();
		assertThat(state(down, remote).hasReadyBesides(failed)).isTrue();
		assertThat(state(down, ejected).hasReadyBesides(failed)).isFalse();
	}

	@Test
	void shouldHandTheBalancerTheReadyEndpointsOfTheTierInChannelOrder() {
		FakeSubchannel first = subchannel("first", Locality.SAME_HOST, SubchannelState.READY);
		FakeSubchannel down = subchannel("down", Locality.SAME_HOST, SubchannelState.TRANSIENT_FAILURE);
		FakeSubchannel second = subchannel("second", Locality.SAME_HOST, SubchannelState.READY);
		PickState<FakeSubchannel> state = state(first, down, second);
		List<List<?>> seen = new ArrayList<>();

		state.pick(candidates -> {
			seen.add(List.copyOf(candidates));
			return candidates.get(0);
		}, null);

		assertThat(seen).containsExactly(List.of(first, second));
	}

	private static PickState<FakeSubchannel> state(FakeSubchannel... all) {
		return new PickState<>(all, OVERPROVISIONING);
	}

	private static FakeSubchannel subchannel(String name, Locality locality, SubchannelState state) {
		return FakeSubchannel.of(name, 1, locality, state);
	}

	/**
	 * Returns a tier of endpoints, the first {@code ready} of them ready and the rest in backoff.
	 */
	private static FakeSubchannel[] tier(String name, Locality locality, int size, int ready) {
		FakeSubchannel[] tier = new FakeSubchannel[size];
		for (int i = 0; i < size; i++) {
			tier[i] = subchannel(name + "-" + i, locality,
					(i < ready) ? SubchannelState.READY : SubchannelState.TRANSIENT_FAILURE);
		}
		return tier;
	}

}
