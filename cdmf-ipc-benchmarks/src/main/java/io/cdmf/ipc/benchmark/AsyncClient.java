package io.cdmf.ipc.benchmark;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * A client that keeps many calls in flight on one connection; completions are reported to a callback.
 *
 * @since 0.1.0
 */
interface AsyncClient extends AutoCloseable {

	/**
	 * Starts the call; {@link Completion#done} runs when its response arrived or it failed.
	 * @param startNanos the {@link System#nanoTime()} the call started at, passed back to the completion
	 * @throws IOException if the request could not be sent
	 */
	void submit(long startNanos) throws IOException;

	@Override
	void close() throws IOException;

	/**
	 * Hears of each finished call, on whatever thread finished it.
	 */
	@FunctionalInterface
	interface Completion {

		/**
		 * Reports a finished call.
		 * @param startNanos the value passed to {@link AsyncClient#submit}
		 * @param failure why the call failed, or {@code null} if the echo came back
		 */
		void done(long startNanos, @Nullable String failure);

	}

}
