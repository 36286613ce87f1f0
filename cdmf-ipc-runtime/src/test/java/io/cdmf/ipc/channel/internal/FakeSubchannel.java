package io.cdmf.ipc.channel.internal;

import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.channel.Subchannel;
import io.cdmf.ipc.channel.SubchannelState;

/**
 * A {@link Subchannel} whose state and outstanding calls a test sets, for balancers and pick states without sockets.
 */
final class FakeSubchannel implements Subchannel {

	private final ChannelEndpoint endpoint;

	private volatile SubchannelState state;

	private volatile int outstanding;

	private FakeSubchannel(ChannelEndpoint endpoint, SubchannelState state) {
		this.endpoint = endpoint;
		this.state = state;
	}

	/**
	 * Returns a ready subchannel of weight 1 on this host.
	 * @param name its name, which makes its endpoint path
	 * @return the subchannel
	 */
	static FakeSubchannel ready(String name) {
		return of(name, 1, Locality.SAME_HOST, SubchannelState.READY);
	}

	/**
	 * Returns a ready subchannel of a weight on this host.
	 * @param name its name
	 * @param weight its weight
	 * @return the subchannel
	 */
	static FakeSubchannel weighted(String name, int weight) {
		return of(name, weight, Locality.SAME_HOST, SubchannelState.READY);
	}

	/**
	 * Returns a subchannel.
	 * @param name its name
	 * @param weight its weight
	 * @param locality its locality
	 * @param state its state
	 * @return the subchannel
	 */
	static FakeSubchannel of(String name, int weight, Locality locality, SubchannelState state) {
		ChannelEndpoint endpoint = ChannelEndpoint.of("unix:///tmp/fake-" + name + ".sock")
			.withWeight(weight)
			.withLocality(locality);
		return new FakeSubchannel(endpoint, state);
	}

	FakeSubchannel outstanding(int calls) {
		this.outstanding = calls;
		return this;
	}

	FakeSubchannel state(SubchannelState next) {
		this.state = next;
		return this;
	}

	@Override
	public ChannelEndpoint endpoint() {
		return this.endpoint;
	}

	@Override
	public SubchannelState state() {
		return this.state;
	}

	@Override
	public int outstandingCalls() {
		return this.outstanding;
	}

	@Override
	public String toString() {
		return this.endpoint.uri() + " " + this.state + " out=" + this.outstanding;
	}

}
