package io.cdmf.ipc.rpc;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's periodic sweep: expires calls past their deadline and, when calls wait while nothing has arrived for
 * a heartbeat interval, asks the server whether it is there. A failed or unanswered heartbeat means it is gone, and
 * the waiting calls fail with {@code UNAVAILABLE} now rather than at their timeouts; this is how a caller learns of
 * a dead server on transports without connections.
 */
final class ServerWatch {

	private final PendingCalls pending;

	private final String destination;

	private final long intervalNanos;

	private final Heartbeats heartbeats;

	private volatile long lastActivityNanos = System.nanoTime();

	private volatile @Nullable PendingCall heartbeat;

	/**
	 * Sends a heartbeat as a call and returns it.
	 */
	@FunctionalInterface
	interface Heartbeats {

		PendingCall send(Message ping, long timeoutNanos);

	}

	ServerWatch(PendingCalls pending, String destination, long intervalNanos, Heartbeats heartbeats) {
		this.pending = pending;
		this.destination = destination;
		this.intervalNanos = intervalNanos;
		this.heartbeats = heartbeats;
	}

	/**
	 * Notes that something arrived from the server.
	 */
	void heardFromServer() {
		this.lastActivityNanos = System.nanoTime();
	}

	/**
	 * Notes a call about to wait; quiet time counts from when calls start waiting, so an idle proxy does not ping at
	 * once.
	 */
	void callStarting() {
		if (this.pending.isEmpty()) {
			this.lastActivityNanos = System.nanoTime();
		}
	}

	void sweep() {
		if (this.pending.isEmpty()) {
			return;
		}
		long now = System.nanoTime();
		this.pending.expireDue(now);
		if (this.intervalNanos > 0 && this.heartbeat == null && !this.pending.isEmpty()
				&& now - this.lastActivityNanos > this.intervalNanos) {
			checkServer();
		}
	}

	private void checkServer() {
		PendingCall call = this.heartbeats.send(Message.create(MessageType.HEARTBEAT), 3 * this.intervalNanos);
		this.heartbeat = call;
		call.whenComplete((result, ex) -> {
			this.heartbeat = null;
			if (result != null && !result.isSuccess()) {
				this.pending.failAll(ErrorCode.UNAVAILABLE,
						"server " + this.destination + " did not answer a heartbeat: " + result.errorMessage());
			}
		});
	}

}
