package io.cdmf.ipc.channel.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.cdmf.ipc.channel.Subchannel;

/**
 * How often each subchannel was picked over many picks.
 */
final class Picks {

	private final Map<Subchannel, Integer> counts = new LinkedHashMap<>();

	private final int total;

	private Picks(int total) {
		this.total = total;
	}

	/**
	 * Picks many times and counts.
	 * @param times how many picks
	 * @param pick one pick
	 * @return the counts
	 */
	static Picks of(int times, Supplier<? extends Subchannel> pick) {
		Picks picks = new Picks(times);
		for (int i = 0; i < times; i++) {
			picks.counts.merge(pick.get(), 1, Integer::sum);
		}
		return picks;
	}

	int count(Subchannel subchannel) {
		return this.counts.getOrDefault(subchannel, 0);
	}

	double share(Subchannel subchannel) {
		return (double) count(subchannel) / this.total;
	}

	@Override
	public String toString() {
		return this.counts.toString();
	}

}
