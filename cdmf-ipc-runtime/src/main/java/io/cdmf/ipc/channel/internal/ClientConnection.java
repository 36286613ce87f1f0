package io.cdmf.ipc.channel.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.HealthConfig;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a subchannel: a client transport, the calls waiting on it, and who reads their responses.
 * <p>
 * Reading: on transports that lend reading ({@link Transport#canLeaseReceive()}), the first synchronous caller that
 * finds the connection's lease free reads for everyone (the <em>leader</em>): it spins on non-blocking reads while it
 * holds one of the process's {@link Spinners spin permits}, then waits in the kernel (or the ring's idle strategy), and
 * delivers every response it reads, waking their callers. Other synchronous callers park (<em>followers</em>). A leader
 * whose response came hands the lease to one follower still waiting (wakes it to lead) rather than to the transport's
 * own reader, so a busy connection is read by its callers with one wake-up per hand-over; the transport's reader
 * takes over only when no synchronous caller waits. On other transports responses come on the transport's thread and
 * callers spin briefly (with a permit) and park.
 */
final class ClientConnection {

	private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

	private static final boolean MULTI_CPU = Runtime.getRuntime().availableProcessors() > 1;

	private final DefaultSubchannel subchannel;

	private final Transport transport;

	private final String destination;

	private final TransportType type;

	private final PendingCalls pending;

	private final boolean leasable;

	private final boolean spinWorthy;

	private final AtomicInteger outstanding = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean draining;

	private volatile long lastHeardNanos = System.nanoTime();

	private volatile long lastUsedNanos = System.nanoTime();

	private volatile @Nullable PendingCall heartbeat;

	private final AtomicInteger missedHeartbeats = new AtomicInteger();

	private ClientConnection(DefaultSubchannel subchannel, Transport transport) {
		this.subchannel = subchannel;
		this.transport = transport;
		this.destination = transport.getConfig().endpoint().uri();
		this.type = transport.getConfig().type();
		this.pending = new PendingCalls(this.destination);
		this.leasable = transport.canLeaseReceive();
		this.spinWorthy = MULTI_CPU && transport.isWorthSpinningFor();
	}

	/**
	 * Opens a connection; blocks for up to the transport's connect timeout.
	 * @param subchannel the subchannel it belongs to
	 * @param config the endpoint's transport configuration
	 * @return the connected connection
	 * @throws IpcException with {@code UNAVAILABLE} if the server cannot be reached, {@code INVALID_ARGUMENT} if its
	 * transport is not available
	 */
	static ClientConnection open(DefaultSubchannel subchannel, TransportConfig config) {
		Transport transport = TransportFactory.create(config);
		ClientConnection connection = new ClientConnection(subchannel, transport);
		transport.setMessageCallback(connection.new ResponseCallback());
		transport.setErrorCallback(connection::onTransportError);
		try {
			transport.connect();
		}
		catch (RuntimeException ex) {
			connection.closed.set(true);
			transport.stop();
			throw ex;
		}
		return connection;
	}

	String destination() {
		return this.destination;
	}

	TransportType transportType() {
		return this.type;
	}

	Transport transport() {
		return this.transport;
	}

	DefaultSubchannel subchannel() {
		return this.subchannel;
	}

	boolean isOpen() {
		return !this.closed.get() && this.transport.isConnected();
	}

	int outstanding() {
		return this.outstanding.get();
	}

	int pendingCalls() {
		return this.pending.size();
	}

	long lastUsedNanos() {
		return this.lastUsedNanos;
	}

	/**
	 * Takes this connection's read lease if it is free, so that the caller reads its own response.
	 * @return the lease, or {@code null} if another caller reads or the transport cannot lend reading
	 */
	Transport.@Nullable ReceiveLease tryLease() {
		return this.leasable ? this.transport.leaseReceive() : null;
	}

	// ---- calls ----

	/**
	 * Sends a request and waits for its response on the calling thread.
	 * @param message the request
	 * @param timeoutNanos how long to wait
	 * @param spinNanos how long the caller may spin (with a permit) before it blocks or parks
	 * @param lease the lease the caller already holds on this connection, or {@code null}
	 * @return the result; a failure to send is {@link CallResult#isKnownNotRun() known not to have run}
	 */
	CallResult callSync(Message message, long timeoutNanos, long spinNanos, Transport.@Nullable ReceiveLease lease) {
		PendingCall call = register(message, timeoutNanos, true);
		Transport.ReceiveLease held = (lease != null) ? lease : tryLease();
		// The lease is taken before sending, so that the transport knows a caller will read the response.
		CallResult failure = send(message);
		if (failure != null) {
			if (held != null) {
				held.close();
			}
			return this.pending.complete(call, failure);
		}
		long spin = this.spinWorthy ? spinNanos : 0;
		if (held != null) {
			lead(held, call, spin);
		}
		else if (this.leasable) {
			follow(call);
		}
		else {
			spinFor(call, spin);
		}
		return await(call);
	}

	/**
	 * Sends a request; the result comes on a transport or scheduler thread.
	 * @param message the request
	 * @param timeoutNanos how long to wait
	 * @return the pending call
	 */
	PendingCall callAsync(Message message, long timeoutNanos) {
		PendingCall call = register(message, timeoutNanos, true);
		CallResult failure = send(message);
		if (failure != null) {
			this.pending.complete(call, failure);
		}
		return call;
	}

	/**
	 * Sends a request that expects no response.
	 * @param message the request
	 * @return {@code null} once sent, else the failed result
	 */
	@Nullable CallResult sendOneWay(Message message) {
		this.lastUsedNanos = System.nanoTime();
		return send(message);
	}

	private PendingCall register(Message message, long timeoutNanos, boolean counted) {
		long now = System.nanoTime();
		this.lastUsedNanos = now;
		message.getMetadata().setExpirationMillis(System.currentTimeMillis() + Math.max(1, timeoutNanos / 1_000_000));
		String subject = message.getMetadata().getSubject();
		// A heartbeat has no subject; its name makes "no response to heartbeat from ..." read right.
		String method = (subject.isEmpty() && message.getType() == MessageType.HEARTBEAT) ? "heartbeat" : subject;
		PendingCall call = new PendingCall(message.getHeader().getMessageIdHigh(),
				message.getHeader().getMessageIdLow(), method, now + timeoutNanos, this, counted);
		if (counted) {
			this.outstanding.incrementAndGet();
			this.subchannel.callStarted();
		}
		this.pending.add(call);
		return call;
	}

	/**
	 * Notes that a call of this connection has its result, which counts toward its endpoint's health.
	 * @param counted whether the call counted as outstanding (heartbeats do not, nor count for health)
	 * @param result the result
	 */
	void callEnded(boolean counted, CallResult result) {
		if (!counted) {
			return;
		}
		this.subchannel.callEnded(result.errorCode());
		if (this.outstanding.decrementAndGet() == 0 && this.draining) {
			close("drained after its endpoint was removed");
		}
	}

	/**
	 * Sends a message.
	 * @return {@code null} once sent, else the failure: {@link CallResult#isKnownNotRun() known not to have run}
	 * unless a write failed midway (an I/O error under the transport's exception), which may have delivered it
	 */
	private @Nullable CallResult send(Message message) {
		String method = message.getMetadata().getSubject();
		if (this.closed.get() || !this.transport.isConnected()) {
			return CallResult.notRun(ErrorInfo.of(ErrorCode.UNAVAILABLE, "connection to " + this.destination
					+ " is closed", method));
		}
		try {
			this.transport.send(message);
			return null;
		}
		catch (IpcException ex) {
			if (ex.getCause() instanceof IOException) {
				return CallResult.failure(ErrorInfo.of(ex.getErrorCode(), ex.getMessage()
						+ "; the request may have reached the server", method));
			}
			return CallResult.notRun(ErrorInfo.of(ex.getErrorCode(), ex.getMessage(), method));
		}
	}

	// ---- waiting ----

	/**
	 * Reads the connection as its leader until the call has its result, then hands reading over.
	 */
	private void lead(Transport.ReceiveLease lease, PendingCall call, long spinNanos) {
		try {
			if (spinNanos > 0 && !call.isDone() && Spinners.tryAcquire()) {
				try {
					lease.receiveUntil(call, spinNanos, Math.min(call.deadlineNanos, System.nanoTime() + spinNanos));
				}
				finally {
					Spinners.release();
				}
			}
			if (!call.isDone()) {
				lease.receiveUntil(call, 0, call.deadlineNanos);
			}
		}
		finally {
			handOver(lease, call);
		}
	}

	/**
	 * Gives up the lease: to a follower that still waits, woken to read, or else to the transport's own reader.
	 */
	private void handOver(Transport.ReceiveLease lease, PendingCall own) {
		lease.closeForSuccessor();
		while (true) {
			PendingCall next = this.pending.findWaiter(own);
			if (next == null) {
				break;
			}
			if (next.promote()) {
				return;
			}
		}
		// Nobody to promote: lend the lease back and return it the ordinary way, which starts the transport's reader
		// if replies are still expected. Null means a new caller took it, who now reads.
		Transport.ReceiveLease again = this.transport.leaseReceive();
		if (again != null) {
			again.close();
		}
	}

	/**
	 * Waits as a follower: parks until the call is done or the deadline passes, and reads instead whenever the lease
	 * is free (its reader left, possibly promoting this caller).
	 */
	private void follow(PendingCall call) {
		call.startWaiting(Thread.currentThread());
		while (!call.isDone()) {
			Transport.ReceiveLease lease = this.transport.leaseReceive();
			if (lease != null) {
				call.stopWaiting();
				lead(lease, call, 0);
				return;
			}
			if (call.isPromoted()) {
				// Promoted while another caller took the lease: that one reads now and hands over when it leaves.
				call.demote();
			}
			long left = call.deadlineNanos - System.nanoTime();
			if (left <= 0) {
				break;
			}
			LockSupport.parkNanos(this, left);
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
		}
		stopWaiting(call);
	}

	/**
	 * Stops waiting on a call, and passes reading on if it was promoted at the last moment, so that the replies of
	 * others are not left unread.
	 */
	private void stopWaiting(PendingCall call) {
		if (!call.stopWaiting()) {
			Transport.ReceiveLease lease = this.transport.leaseReceive();
			if (lease != null) {
				handOver(lease, call);
			}
		}
	}

	/**
	 * Spins for a response delivered by the transport's thread, while a permit allows.
	 */
	private static void spinFor(PendingCall call, long spinNanos) {
		if (spinNanos <= 0 || call.isDone() || !Spinners.tryAcquire()) {
			return;
		}
		try {
			long end = System.nanoTime() + Math.min(spinNanos, Math.max(0, call.deadlineNanos - System.nanoTime()));
			// The clock is read every 64 turns only: System.nanoTime() would otherwise dominate the loop.
			for (int turn = 1; !call.isDone(); turn++) {
				if ((turn & 63) == 0 && System.nanoTime() - end >= 0) {
					return;
				}
				Thread.onSpinWait();
			}
		}
		finally {
			Spinners.release();
		}
	}

	private CallResult await(PendingCall call) {
		if (!call.isDone()) {
			call.startWaiting(Thread.currentThread());
			try {
				while (!call.isDone()) {
					long left = call.deadlineNanos - System.nanoTime();
					if (left <= 0) {
						return this.pending.expire(call);
					}
					LockSupport.parkNanos(this, left);
					if (Thread.currentThread().isInterrupted()) {
						return this.pending.complete(call, CallResult.failure(ErrorInfo.of(ErrorCode.CANCELLED,
								call.method + " on " + this.destination + ": interrupted while waiting for the response",
								call.method)));
					}
				}
			}
			finally {
				stopWaiting(call);
			}
		}
		return call.join();
	}

	// ---- health ----

	/**
	 * Sends a heartbeat and waits for its answer: whether the server behind a new connection serves, not only
	 * accepts (a stopped process's listen backlog still completes a connect).
	 * @param timeoutNanos how long to wait
	 * @return the heartbeat's result
	 */
	CallResult probe(long timeoutNanos) {
		Message ping = Message.create(MessageType.HEARTBEAT);
		PendingCall call = register(ping, timeoutNanos, false);
		CallResult failure = send(ping);
		return (failure != null) ? this.pending.complete(call, failure) : await(call);
	}

	/**
	 * Expires calls past their deadline and, on a connection that heard nothing for a heartbeat interval, sends a
	 * heartbeat; too many unanswered in a row close the connection as dead.
	 * @param now the time, as {@link System#nanoTime()}
	 * @param health the channel's health settings
	 */
	void sweep(long now, HealthConfig health) {
		if (!this.pending.isEmpty()) {
			this.pending.expireDue(now);
		}
		long interval = health.getHeartbeatInterval().toNanos();
		if (interval == 0 || this.closed.get() || this.heartbeat != null || !this.transport.isRequestResponse()
				|| now - this.lastHeardNanos < interval) {
			return;
		}
		Message ping = Message.create(MessageType.HEARTBEAT);
		PendingCall call = register(ping, interval, false);
		this.heartbeat = call;
		call.whenComplete((result, ex) -> heartbeatAnswered(call, result, health.getHeartbeatMisses()));
		CallResult failure = send(ping);
		if (failure != null) {
			this.pending.complete(call, failure);
		}
	}

	private void heartbeatAnswered(PendingCall call, @Nullable CallResult result, int allowedMisses) {
		if (this.heartbeat == call) {
			this.heartbeat = null;
		}
		if (result != null && result.isSuccess()) {
			this.missedHeartbeats.set(0);
			return;
		}
		int misses = this.missedHeartbeats.incrementAndGet();
		if (misses >= allowedMisses) {
			String reason = misses + " heartbeats in a row went unanswered ("
					+ ((result != null) ? result.errorMessage() : "no result") + ")";
			logger.warn("Closing the connection to {}: {}; the server is hung or gone", this.destination, reason);
			lost(reason, true);
		}
	}

	// ---- from the transport ----

	/**
	 * Takes the server's messages. Transient ones are welcome: {@link PendingCalls#answer} copies what a result keeps,
	 * so a transport may decode every response into one reused message.
	 */
	private final class ResponseCallback implements Transport.MessageCallback {

		@Override
		public void onMessage(Message message) {
			ClientConnection.this.lastHeardNanos = System.nanoTime();
			ClientConnection.this.pending.answer(message);
		}

		@Override
		public boolean acceptsTransient() {
			return true;
		}

	}

	private void onTransportError(TransportError error) {
		if (error.connectionClosed()) {
			lost(error.error().message(), false);
		}
		else {
			logger.debug("Transport error on {}: {}", this.destination, error.error());
		}
	}

	private void lost(String reason, boolean unanswered) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		// The endpoint leaves rotation first, so that the calls failed next do not pick it again when they retry.
		this.subchannel.connectionLost(this, reason, unanswered);
		this.pending.failAll(ErrorCode.UNAVAILABLE,
				"connection to " + this.destination + " lost (" + reason + "); the request had been sent and may have run");
		// Stopped off the transport's own thread: a transport does not stop itself from its callback.
		ChannelThreads.CONNECTOR.execute(this.transport::stop);
	}

	// ---- closing ----

	/**
	 * Takes no new calls and closes once the calls in flight have their results.
	 */
	void drain() {
		this.draining = true;
		if (this.outstanding.get() == 0) {
			close("its endpoint was removed");
		}
	}

	/**
	 * Closes now: calls waiting on it fail with {@code UNAVAILABLE}.
	 * @param reason why, for the calls' error
	 */
	void close(String reason) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.transport.stop();
		this.pending.failAll(ErrorCode.UNAVAILABLE, "connection to " + this.destination + " closed: " + reason);
		this.subchannel.connectionClosed(this);
	}

	boolean isDraining() {
		return this.draining;
	}

	@Override
	public String toString() {
		return "ClientConnection[" + this.destination + ", outstanding " + this.outstanding.get() + "]";
	}

	static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
