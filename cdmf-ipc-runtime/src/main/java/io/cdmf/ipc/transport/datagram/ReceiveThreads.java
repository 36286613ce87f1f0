package io.cdmf.ipc.transport.datagram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a datagram transport's receive thread.
 *
 * @since 0.1.0
 */
public final class ReceiveThreads {

	private static final Logger logger = LoggerFactory.getLogger(ReceiveThreads.class);

	private static final long JOIN_TIMEOUT_MILLIS = 5_000;

	private ReceiveThreads() {
	}

	/**
	 * Waits up to 5 s for a receive thread that was told to stop, and warns if it did not. Returns at once when
	 * called on that thread (closed from a message callback: the loop ends when the callback returns).
	 * @param thread the receive thread
	 */
	public static void join(Thread thread) {
		if (thread == Thread.currentThread()) {
			return;
		}
		try {
			thread.join(JOIN_TIMEOUT_MILLIS);
			if (thread.isAlive()) {
				logger.warn("Receive thread {} did not end within {} ms; a message callback may be blocked",
						thread.getName(), JOIN_TIMEOUT_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while waiting for receive thread {} to end", thread.getName());
		}
	}

}
