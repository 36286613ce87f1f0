package io.cdmf.ipc.channel;

/**
 * What a {@link LoadBalancer} knows of one endpoint of a channel.
 *
 * @since 0.1.0
 */
public interface Subchannel {

	/**
	 * Returns the endpoint.
	 * @return the endpoint
	 */
	ChannelEndpoint endpoint();

	/**
	 * Returns the state now.
	 * @return the state
	 */
	SubchannelState state();

	/**
	 * Returns the calls sent to it that have no result yet.
	 * @return the outstanding calls
	 */
	int outstandingCalls();

	/**
	 * Returns the endpoint's weight.
	 * @return the weight, at least 1
	 */
	default int weight() {
		return endpoint().weight();
	}

}
