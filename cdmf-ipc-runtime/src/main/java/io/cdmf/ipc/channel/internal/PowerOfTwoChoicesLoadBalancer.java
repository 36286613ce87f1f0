package io.cdmf.ipc.channel.internal;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.channel.Subchannel;

/**
 * {@link LoadBalancer#powerOfTwoChoices()}: two distinct candidates drawn at random, each as likely as its weight;
 * the one with fewer outstanding calls per unit of weight wins (a tie goes to the first drawn). Stateless, so it
 * costs no contention between callers; a slow endpoint accumulates outstanding calls and so gets fewer new ones.
 */
public final class PowerOfTwoChoicesLoadBalancer implements LoadBalancer {

	@Override
	public Subchannel pick(List<? extends Subchannel> candidates) {
		int size = candidates.size();
		if (size == 1) {
			return candidates.get(0);
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int total = 0;
		for (int i = 0; i < size; i++) {
			total += candidates.get(i).weight();
		}
		int first;
		int second;
		if (total == size) {
			first = random.nextInt(size);
			second = random.nextInt(size - 1);
			if (second >= first) {
				second++;
			}
		}
		else {
			first = draw(candidates, random.nextInt(total));
			int rest = total - candidates.get(first).weight();
			second = drawExcept(candidates, first, random.nextInt(rest));
		}
		Subchannel a = candidates.get(first);
		Subchannel b = candidates.get(second);
		// Compare outstanding / weight without dividing: a.out * b.w <= b.out * a.w.
		return ((long) a.outstandingCalls() * b.weight() <= (long) b.outstandingCalls() * a.weight()) ? a : b;
	}

	private static int draw(List<? extends Subchannel> candidates, int slot) {
		for (int i = 0; i < candidates.size(); i++) {
			slot -= candidates.get(i).weight();
			if (slot < 0) {
				return i;
			}
		}
		return candidates.size() - 1;
	}

	private static int drawExcept(List<? extends Subchannel> candidates, int skipped, int slot) {
		for (int i = 0; i < candidates.size(); i++) {
			if (i == skipped) {
				continue;
			}
			slot -= candidates.get(i).weight();
			if (slot < 0) {
				return i;
			}
		}
		return (skipped == candidates.size() - 1) ? candidates.size() - 2 : candidates.size() - 1;
	}

	@Override
	public String toString() {
		return POWER_OF_TWO_CHOICES;
	}

}
