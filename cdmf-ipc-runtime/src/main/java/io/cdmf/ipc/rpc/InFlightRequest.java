package io.cdmf.ipc.rpc;

import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.ReceiverRelay;
import org.jspecify.annotations.Nullable;

/**
 * A request that is running: answered exactly once, by its handler or by the deadline sweep, whichever is first.
 * <p>
 * Answering has two steps, {@link #claimAnswer()} then {@link #markAnswered()}, so that the thread that delivered a
 * {@linkplain Message#isPayloadTransient() transient} request can wait until a sweep that claimed it is done reading
 * it ({@link #awaitAnswered()}) before the transport reuses the message.
 */
final class InFlightRequest {

	private static final int OPEN = 0;

	private static final int ANSWERING = 1;

	private static final int ANSWERED = 2;

	final long sequence;

	final Message request;

	final MethodRegistration method;

	final long startNanos;

	final long deadlineNanos;

	final boolean oneWay;

	final boolean deduplicate;

	/** The request as the stub's interceptors see it, or {@code null} when it has none. */
	final @Nullable DefaultServerCall call;

	/** The relay of the receiving thread the handler runs on, or {@code null} when it does not run inline there. */
	@Nullable ReceiverRelay relay;

	/** The relay's ticket of the handler's run. */
	long relayTicket;

	/** The receiving thread the handler runs on, while {@link #relay} is set. */
	@Nullable Thread receiver;

	/** Whether the request was handed to the executor. */
	boolean pooled;

	private final AtomicInteger state = new AtomicInteger(OPEN);

	private volatile boolean started;

	InFlightRequest(long sequence, Message request, MethodRegistration method, long startNanos,
			long deadlineNanos, boolean oneWay, boolean deduplicate, @Nullable DefaultServerCall call) {
		this.sequence = sequence;
		this.request = request;
		this.method = method;
		this.startNanos = startNanos;
		this.deadlineNanos = deadlineNanos;
		this.oneWay = oneWay;
		this.deduplicate = deduplicate;
		this.call = call;
	}

	/**
	 * Claims the right to answer; the claimer calls {@link #markAnswered()} when it no longer reads the request.
	 * @return whether this caller answers; {@code false} if it was answered already
	 */
	boolean claimAnswer() {
		return this.state.compareAndSet(OPEN, ANSWERING);
	}

	/**
	 * Notes that the claimer of the answer is done with the request.
	 */
	void markAnswered() {
		this.state.set(ANSWERED);
	}

	boolean isAnswered() {
		return this.state.get() != OPEN;
	}

	/**
	 * Notes that the handler is about to start, unless the request was answered already (the sweep expired it
	 * while it waited for a thread). The note comes before the check, and a sweep that claimed the answer reads
	 * {@link #hasStarted()} after claiming, so that a sweep that saw it not started knows it never will.
	 * @return whether the handler may run
	 */
	boolean start() {
		this.started = true;
		return !isAnswered();
	}

	/**
	 * Returns whether the handler started, or is about to.
	 * @return whether {@link #start()} was called
	 */
	boolean hasStarted() {
		return this.started;
	}

	/**
	 * Waits until the answer is claimed and done with; the wait is short, since the claimer runs straight through
	 * (a deadline sweep building and writing one error reply).
	 */
	void awaitAnswered() {
		while (this.state.get() != ANSWERED) {
			Thread.onSpinWait();
		}
	}

}
