package io.cdmf.ipc.benchmark;

import java.io.IOException;

/**
 * The client side of a many-callers case: what its callers share (one proxy, one typed client, or nothing for the
 * raw baseline) and one {@link SyncClient} per caller thread, as {@link CallersLoop} runs them.
 *
 * @since 0.1.0
 */
interface CallerGroup extends AutoCloseable {

	/**
	 * Returns one more caller, for one thread; it shares with the others what the group shares.
	 * @return the caller, closed with the group
	 * @throws IOException if the caller cannot connect
	 */
	SyncClient caller() throws IOException;

	/**
	 * Closes every caller and what they share.
	 * @throws IOException if closing fails
	 */
	@Override
	void close() throws IOException;

}
