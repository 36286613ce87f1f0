package io.cdmf.ipc.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link TransportStats}, for transport implementations. Updates are contention-free
 * ({@link LongAdder}).
 *
 * @since 0.1.0
 */
public final class TransportCounters {

	private final LongAdder messagesSent = new LongAdder();

	private final LongAdder messagesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder sendErrors = new LongAdder();

	private final LongAdder framesRejected = new LongAdder();

	private final LongAdder connectionsOpened = new LongAdder();

	private final LongAdder connectionsClosed = new LongAdder();

	/**
	 * Counts a message sent.
	 * @param bytes its size on the wire
	 */
	public void messageSent(int bytes) {
		this.messagesSent.increment();
		this.bytesSent.add(bytes);
	}

	/**
	 * Counts a message received.
	 * @param bytes its size on the wire
	 */
	public void messageReceived(int bytes) {
		this.messagesReceived.increment();
		this.bytesReceived.add(bytes);
	}

	/**
	 * Counts bytes read that are not (yet) a whole message.
	 * @param bytes the byte count
	 */
	public void bytesReceived(int bytes) {
		this.bytesReceived.add(bytes);
	}

	/**
	 * Counts a failed send.
	 */
	public void sendError() {
		this.sendErrors.increment();
	}

	/**
	 * Counts a rejected frame.
	 */
	public void frameRejected() {
		this.framesRejected.increment();
	}

	/**
	 * Counts an opened connection.
	 */
	public void connectionOpened() {
		this.connectionsOpened.increment();
	}

	/**
	 * Counts a closed connection.
	 */
	public void connectionClosed() {
		this.connectionsClosed.increment();
	}

	/**
	 * Returns a snapshot.
	 * @return the statistics
	 */
	public TransportStats snapshot() {
		long opened = this.connectionsOpened.sum();
		long closed = this.connectionsClosed.sum();
		return new TransportStats(this.messagesSent.sum(), this.messagesReceived.sum(), this.bytesSent.sum(),
				this.bytesReceived.sum(), this.sendErrors.sum(), this.framesRejected.sum(), opened, closed,
				Math.max(0, opened - closed));
	}

}
