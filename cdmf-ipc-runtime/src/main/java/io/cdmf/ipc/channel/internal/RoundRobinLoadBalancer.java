package io.cdmf.ipc.channel.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.channel.Subchannel;

/**
 * {@link LoadBalancer#roundRobin()}: a shared counter walks the candidates, each taking as many turns as its weight.
 * With equal weights this is plain rotation; the set of candidates may change between picks (an endpoint ejected or
 * back), which only shifts where the rotation continues.
 */
public final class RoundRobinLoadBalancer implements LoadBalancer {

	private final AtomicLong next = new AtomicLong();

	@Override
	public Subchannel pick(List<? extends Subchannel> candidates) {
		int size = candidates.size();
		if (size == 1) {
			return candidates.get(0);
		}
		long turn = this.next.getAndIncrement();
		int total = 0;
		boolean weighted = false;
		for (int i = 0; i < size; i++) {
			int weight = candidates.get(i).weight();
			total += weight;
			weighted |= weight != 1;
		}
		if (!weighted) {
			return candidates.get((int) Math.floorMod(turn, (long) size));
		}
		long slot = Math.floorMod(turn, (long) total);
		for (int i = 0; i < size; i++) {
			Subchannel candidate = candidates.get(i);
			slot -= candidate.weight();
			if (slot < 0) {
				return candidate;
			}
		}
		return candidates.get(size - 1);
	}

	@Override
	public String toString() {
		return ROUND_ROBIN;
	}

}
