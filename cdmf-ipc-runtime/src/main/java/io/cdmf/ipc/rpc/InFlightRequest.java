package io.cdmf.ipc.rpc;

import java.util.concurrent.atomic.AtomicBoolean;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.TransportType;

/**
 * A request that is running: answered exactly once, by its handler or by the deadline sweep, whichever is first.
 */
final class InFlightRequest {

	final long sequence;

	final Message request;

	final MethodRegistration method;

	final TransportType transport;

	final long startNanos;

	final long deadlineNanos;

	final boolean oneWay;

	final boolean deduplicate;

	private final AtomicBoolean answered = new AtomicBoolean();

	InFlightRequest(long sequence, Message request, MethodRegistration method, TransportType transport,
			long startNanos, long deadlineNanos, boolean oneWay, boolean deduplicate) {
		this.sequence = sequence;
		this.request = request;
		this.method = method;
		this.transport = transport;
		this.startNanos = startNanos;
		this.deadlineNanos = deadlineNanos;
		this.oneWay = oneWay;
		this.deduplicate = deduplicate;
	}

	/**
	 * Claims the right to answer.
	 * @return whether this caller answers; {@code false} if it was answered already
	 */
	boolean claimAnswer() {
		return this.answered.compareAndSet(false, true);
	}

	boolean isAnswered() {
		return this.answered.get();
	}

}
