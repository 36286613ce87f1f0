package io.cdmf.ipc.channel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.channel.Subchannel;
import io.cdmf.ipc.channel.SubchannelState;
import org.jspecify.annotations.Nullable;

/**
 * What a pick reads, rebuilt whenever an endpoint's state or the endpoint set changes (rarely) so that a pick
 * (every call) reads one volatile field and allocates nothing: the ready endpoints of each locality tier and each
 * tier's share of the calls.
 * <p>
 * Shares follow Envoy's priority levels: a tier whose ready fraction times the overprovisioning factor reaches 1 takes
 * every call; below that it takes that much and the rest spills to the next tier; when all tiers together reach less
 * than 1, shares are scaled up so that calls still go to what is ready.
 * <p>
 * It reads only what {@link Subchannel} offers, so it is typed by the channel's own subchannels and can be tested
 * with fakes.
 *
 * @param <S> the type of the subchannels
 */
final class PickState<S extends Subchannel> {

	private static final int TIERS = Locality.values().length;

	static final PickState<DefaultSubchannel> EMPTY = new PickState<>(new DefaultSubchannel[0], 1.0);

	/** Every subchannel of the channel, in endpoint order. */
	final S[] all;

	private final List<List<S>> readyByTier;

	private final double[] cumulativeShare;

	private final int onlyTier;

	/** Ejected endpoints: used only when none is ready, rather than fail every call (Envoy's panic mode). */
	private final List<S> ejected;

	PickState(S[] all, double overprovisioning) {
		this.all = all;
		List<S> out = new ArrayList<>();
		for (S subchannel : all) {
			if (subchannel.state() == SubchannelState.EJECTED) {
				out.add(subchannel);
			}
		}
		this.ejected = List.copyOf(out);
		List<List<S>> ready = new ArrayList<>(TIERS);
		int[] totals = new int[TIERS];
		for (int tier = 0; tier < TIERS; tier++) {
			ready.add(new ArrayList<>());
		}
		for (S subchannel : all) {
			int tier = subchannel.endpoint().locality().ordinal();
			totals[tier]++;
			if (subchannel.state() == SubchannelState.READY) {
				ready.get(tier).add(subchannel);
			}
		}
		double[] shares = new double[TIERS];
		double left = 1.0;
		double sum = 0;
		int withReady = 0;
		int lastWithReady = -1;
		for (int tier = 0; tier < TIERS; tier++) {
			if (ready.get(tier).isEmpty()) {
				continue;
			}
			withReady++;
			lastWithReady = tier;
			double share = Math.min(left, overprovisioning * ready.get(tier).size() / totals[tier]);
			shares[tier] = share;
			left -= share;
			sum += share;
		}
		this.readyByTier = new ArrayList<>(TIERS);
		for (List<S> tier : ready) {
			this.readyByTier.add(List.copyOf(tier));
		}
		this.cumulativeShare = new double[TIERS];
		double running = 0;
		for (int tier = 0; tier < TIERS; tier++) {
			running += (sum > 0) ? shares[tier] / sum : 0;
			this.cumulativeShare[tier] = running;
		}
		boolean single = withReady == 1 || (withReady > 0 && shares[firstWithReady(ready)] >= 1.0);
		this.onlyTier = (withReady == 0) ? -1 : single ? firstWithReady(ready) : TIERS;
		if (lastWithReady >= 0) {
			this.cumulativeShare[lastWithReady] = 1.0;
		}
	}

	private static int firstWithReady(List<? extends List<?>> ready) {
		for (int tier = 0; tier < ready.size(); tier++) {
			if (!ready.get(tier).isEmpty()) {
				return tier;
			}
		}
		return -1;
	}

	/**
	 * Returns whether some endpoint is ready.
	 * @return whether a pick can succeed
	 */
	boolean hasReady() {
		return this.onlyTier >= 0;
	}

	/**
	 * Returns whether an endpoint other than a given one is ready, in any tier: whether a retry that avoids that one
	 * has somewhere else to go.
	 * @param subchannel the endpoint to leave out
	 * @return whether another endpoint is ready
	 */
	boolean hasReadyBesides(S subchannel) {
		for (int tier = 0; tier < TIERS; tier++) {
			List<S> ready = this.readyByTier.get(tier);
			for (int i = 0; i < ready.size(); i++) {
				if (ready.get(i) != subchannel) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Picks the endpoint of a call.
	 * @param balancer the channel's balancer
	 * @param avoid an endpoint to leave out when another is ready (the one a retried attempt failed on), or null
	 * @return the endpoint, or {@code null} if none is ready
	 */
	@Nullable S pick(LoadBalancer balancer, @Nullable S avoid) {
		int tier = this.onlyTier;
		if (tier < 0) {
			return this.ejected.isEmpty() ? null : picked(balancer, this.ejected);
		}
		if (tier == TIERS) {
			double draw = ThreadLocalRandom.current().nextDouble();
			tier = 0;
			while (tier < TIERS - 1 && (this.readyByTier.get(tier).isEmpty() || draw >= this.cumulativeShare[tier])) {
				tier++;
			}
		}
		List<S> candidates = this.readyByTier.get(tier);
		if (avoid != null && candidates.contains(avoid)) {
			candidates = without(avoid, tier);
			if (candidates.isEmpty()) {
				return avoid;
			}
		}
		return picked(balancer, candidates);
	}

	/**
	 * Asks the balancer; it returns one of the candidates it is given, so the cast holds.
	 */
	@SuppressWarnings("unchecked")
	private S picked(LoadBalancer balancer, List<S> candidates) {
		return (S) balancer.pick(candidates);
	}

	private List<S> without(S avoid, int preferredTier) {
		List<S> rest = new ArrayList<>(this.readyByTier.get(preferredTier));
		rest.remove(avoid);
		if (rest.isEmpty()) {
			// The tier had only the endpoint to avoid: try the next tiers before going back to it.
			for (int tier = 0; tier < TIERS && rest.isEmpty(); tier++) {
				if (tier != preferredTier) {
					rest.addAll(this.readyByTier.get(tier));
				}
			}
		}
		return rest;
	}

	/**
	 * Returns the share of calls each tier takes, for statistics and tests.
	 * @param locality the tier
	 * @return its share, from 0 to 1
	 */
	double share(Locality locality) {
		int tier = locality.ordinal();
		if (this.onlyTier < 0) {
			return 0;
		}
		if (this.onlyTier < TIERS) {
			return (tier == this.onlyTier) ? 1 : 0;
		}
		double previous = (tier == 0) ? 0 : this.cumulativeShare[tier - 1];
		return this.readyByTier.get(tier).isEmpty() ? 0 : this.cumulativeShare[tier] - previous;
	}

}
