package io.cdmf.ipc.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.rpc.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * A request waiting for its response on one connection: completed once, by its response, its deadline, the loss of
 * the connection or the channel closing, whichever comes first ({@link #finish}). A synchronous caller waits on it by
 * parking, so that whoever completes it wakes exactly that thread; asynchronous callers use the future. As a
 * {@link BooleanSupplier} it says whether it is done, which is what a reading caller waits for.
 * <p>
 * The wait state hands the reading of a connection from a leaving reader to a parked caller: {@code WAITING} while
 * its caller parks, {@code PROMOTED} once a leaving reader chose it to read next. Both sides move it with a
 * compare-and-set, so a promotion is either seen by the caller or not made at all.
 */
final class PendingCall extends CompletableFuture<CallResult> implements BooleanSupplier {

	private static final int IDLE = 0;

	private static final int WAITING = 1;

	private static final int PROMOTED = 2;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(PendingCall.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** The halves of the request's id, which a response's correlation id is compared with. */
	final long idHigh;

	final long idLow;

	/** The next call in its bucket of the {@link PendingTable}; guarded by the bucket's lock. */
	@Nullable PendingCall next;

	final String method;

	final long deadlineNanos;

	final ClientConnection connection;

	/** Whether the call counts among its connection's outstanding calls (heartbeats do not). */
	final boolean counted;

	private volatile @Nullable Thread waiter;

	@SuppressWarnings("unused") // accessed through STATE
	private volatile int state;

	PendingCall(long idHigh, long idLow, String method, long deadlineNanos, ClientConnection connection,
			boolean counted) {
		this.idHigh = idHigh;
		this.idLow = idLow;
		this.method = method;
		this.deadlineNanos = deadlineNanos;
		this.connection = connection;
		this.counted = counted;
	}

	/**
	 * Completes the call unless something else did, and wakes its waiter.
	 * @param result the result
	 * @return whether this completed it
	 */
	boolean finish(CallResult result) {
		if (!complete(result)) {
			return false;
		}
		this.connection.callEnded(this.counted, result);
		Thread thread = this.waiter;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
		return true;
	}

	@Override
	public boolean getAsBoolean() {
		return isDone();
	}

	/**
	 * Notes that a caller parks on this call.
	 * @param thread the caller
	 */
	void startWaiting(Thread thread) {
		this.waiter = thread;
		STATE.setVolatile(this, WAITING);
	}

	/**
	 * Notes that the caller no longer parks on this call.
	 * @return {@code false} if it had been promoted meanwhile (the caller must then pass reading on)
	 */
	boolean stopWaiting() {
		this.waiter = null;
		return (int) STATE.getAndSet(this, IDLE) != PROMOTED;
	}

	/**
	 * Chooses this call's caller, if it still parks, to read its connection next, and wakes it.
	 * @return whether it was promoted
	 */
	boolean promote() {
		if (!STATE.compareAndSet(this, WAITING, PROMOTED)) {
			return false;
		}
		Thread thread = this.waiter;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
		return true;
	}

	boolean isPromoted() {
		return (int) STATE.getVolatile(this) == PROMOTED;
	}

	/**
	 * Undoes a promotion the caller found no use for (another caller took the lease first).
	 */
	void demote() {
		STATE.compareAndSet(this, PROMOTED, WAITING);
	}

	boolean isWaiting() {
		return (int) STATE.getVolatile(this) == WAITING;
	}

}
