package io.cdmf.ipc.benchmark;

import java.io.IOException;

/**
 * A producer of one-way messages: sends and never waits for an answer; the receiver counts what arrives through a
 * {@link ReceiverProbe}.
 *
 * @since 0.1.0
 */
interface OneWayClient extends AutoCloseable {

	/**
	 * Sends one message, waiting only while the ring or queue is full.
	 * @param stampNanos the {@link System#nanoTime()} to carry in the payload's first 8 bytes, 0 for none
	 * @throws IOException if it could not be sent
	 */
	void send(long stampNanos) throws IOException;

	@Override
	void close() throws IOException;

}
