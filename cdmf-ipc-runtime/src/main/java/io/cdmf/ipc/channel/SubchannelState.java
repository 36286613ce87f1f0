package io.cdmf.ipc.channel;

/**
 * The state of one endpoint of a channel.
 *
 * @since 0.1.0
 */
public enum SubchannelState {

	/** Not connected, and no call asked for it yet. */
	IDLE,

	/** A connection is being established. */
	CONNECTING,

	/** Connected: calls may be sent to it. */
	READY,

	/** The last connection failed or was lost; a reconnect waits for its backoff. */
	TRANSIENT_FAILURE,

	/** Connected, but out of rotation after consecutive failures, until its ejection ends. */
	EJECTED,

	/** Removed from the channel or the channel closed; it takes no new calls. */
	SHUTDOWN;

	/**
	 * Returns whether calls may be sent to an endpoint in this state.
	 * @return whether it is {@link #READY}
	 */
	public boolean isAvailable() {
		return this == READY;
	}

}
