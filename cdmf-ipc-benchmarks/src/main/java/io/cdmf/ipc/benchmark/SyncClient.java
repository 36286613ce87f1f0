package io.cdmf.ipc.benchmark;

import java.io.IOException;

/**
 * A client that makes one round trip at a time: send a payload, wait for the echo.
 *
 * @since 0.1.0
 */
interface SyncClient extends AutoCloseable {

	/**
	 * Makes one round trip.
	 * @param verify whether to check the echo's length as well as its success (warm-up checks every call; the
	 * measuring loop checks success only, so that checking allocates nothing)
	 * @throws IOException if the round trip failed
	 */
	void roundTrip(boolean verify) throws IOException;

	@Override
	void close() throws IOException;

}
