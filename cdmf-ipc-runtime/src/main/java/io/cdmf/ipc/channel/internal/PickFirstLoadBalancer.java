package io.cdmf.ipc.channel.internal;

import java.util.List;

import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.channel.Subchannel;

/**
 * {@link LoadBalancer#pickFirst()}: the first candidate; the channel lists them in its own order.
 */
public final class PickFirstLoadBalancer implements LoadBalancer {

	@Override
	public Subchannel pick(List<? extends Subchannel> candidates) {
		return candidates.get(0);
	}

	@Override
	public String toString() {
		return PICK_FIRST;
	}

}
