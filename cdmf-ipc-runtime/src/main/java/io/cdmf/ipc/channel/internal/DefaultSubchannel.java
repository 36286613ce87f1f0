package io.cdmf.ipc.channel.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.channel.HealthConfig;
import io.cdmf.ipc.channel.Subchannel;
import io.cdmf.ipc.channel.SubchannelState;
import io.cdmf.ipc.channel.SubchannelStats;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.transport.Transport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint of a channel: its connections (one at first, more while every one has a caller waiting on it, up to
 * the channel's maximum), its state, its reconnect backoff and its passive ejection.
 * <p>
 * State changes happen under the subchannel's lock and are announced to the channel, which rebuilds what its picks
 * read; the hot path (picking, counting outstanding calls, choosing a connection) reads volatile fields only.
 */
final class DefaultSubchannel implements Subchannel {

	private static final Logger logger = LoggerFactory.getLogger(DefaultSubchannel.class);

	private static final ClientConnection[] NONE = new ClientConnection[0];

	/** A connection beyond the first that carried no call for this long is closed. */
	private static final long IDLE_EXTRA_CONNECTION_NANOS = TimeUnit.SECONDS.toNanos(60);

	/** Wait after a failed attempt to open an extra connection before the next. */
	private static final long EXTRA_CONNECTION_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final DefaultChannel channel;

	private final HealthConfig health;

	private final int maxConnections;

	private volatile ChannelEndpoint endpoint;

	private volatile SubchannelState state = SubchannelState.IDLE;

	private volatile ClientConnection[] connections = NONE;

	private final AtomicInteger outstanding = new AtomicInteger();

	private final LongAdder picks = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private volatile long ejections;

	private volatile long ejectedUntilMillis;

	private volatile long lastEjectionEndNanos;

	private volatile @Nullable String lastError;

	private final Object lock = new Object();

	// Guarded by lock.
	private int failedConnects;

	private long nextConnectNanos;

	private boolean openingExtra;

	/** Whether a new connection must answer a heartbeat before it counts: set after one went unanswered. */
	private volatile boolean probeOnConnect;

	private long nextExtraNanos;

	private @Nullable ScheduledFuture<?> timer;

	DefaultSubchannel(DefaultChannel channel, ChannelEndpoint endpoint) {
		this.channel = channel;
		this.endpoint = endpoint;
		this.health = channel.getConfig().getHealth();
		this.maxConnections = channel.getConfig().getMaxConnectionsPerEndpoint();
	}

	@Override
	public ChannelEndpoint endpoint() {
		return this.endpoint;
	}

	void updateEndpoint(ChannelEndpoint updated) {
		this.endpoint = updated;
	}

	@Override
	public SubchannelState state() {
		return this.state;
	}

	@Override
	public int outstandingCalls() {
		return this.outstanding.get();
	}

	void callStarted() {
		this.outstanding.incrementAndGet();
	}

	void callEnded(ErrorCode outcome) {
		this.outstanding.decrementAndGet();
		recordOutcome(outcome);
	}

	void picked() {
		this.picks.increment();
	}

	/**
	 * Returns the time its next reconnect is due, when it is in backoff.
	 * @return the time as {@link System#nanoTime()}, or 0 when none is scheduled
	 */
	long nextConnectNanos() {
		synchronized (this.lock) {
			return (this.state == SubchannelState.TRANSIENT_FAILURE) ? this.nextConnectNanos : 0;
		}
	}

	// ---- connections for calls ----

	/**
	 * Returns a connection for a synchronous call, preferring one nobody reads now (the caller then reads its own
	 * response); asks for one more connection when every open one has a reader.
	 * @param leaseOut receives the lease taken on the returned connection, if any
	 * @return the connection, or {@code null} if none is open
	 */
	@Nullable ClientConnection connectionForSync(Transport.ReceiveLease[] leaseOut) {
		ClientConnection[] open = this.connections;
		ClientConnection least = null;
		for (ClientConnection connection : open) {
			if (!connection.isOpen()) {
				continue;
			}
			Transport.ReceiveLease lease = connection.tryLease();
			if (lease != null) {
				leaseOut[0] = lease;
				return connection;
			}
			if (least == null || connection.outstanding() < least.outstanding()) {
				least = connection;
			}
		}
		if (least != null && open.length < this.maxConnections && least.transport().poolsConnections()) {
			requestExtraConnection();
		}
		return least;
	}

	/**
	 * Returns the open connection with the fewest outstanding calls.
	 * @return the connection, or {@code null} if none is open
	 */
	@Nullable ClientConnection connectionForAsync() {
		ClientConnection least = null;
		for (ClientConnection connection : this.connections) {
			if (connection.isOpen() && (least == null || connection.outstanding() < least.outstanding())) {
				least = connection;
			}
		}
		return least;
	}

	// ---- connecting ----

	/**
	 * Connects on the calling thread if the subchannel is idle (or its backoff is over); otherwise leaves it to the
	 * attempt in progress or scheduled.
	 * @return whether this thread made an attempt
	 */
	boolean connectIfIdle() {
		synchronized (this.lock) {
			if (this.state == SubchannelState.IDLE || (this.state == SubchannelState.TRANSIENT_FAILURE
					&& this.timer == null && System.nanoTime() - this.nextConnectNanos >= 0)) {
				setState(SubchannelState.CONNECTING);
			}
			else {
				return false;
			}
		}
		connectNow();
		return true;
	}

	/**
	 * Asks for a connection on a connector thread, if the subchannel is idle.
	 */
	void requestConnection() {
		synchronized (this.lock) {
			if (this.state != SubchannelState.IDLE) {
				return;
			}
			setState(SubchannelState.CONNECTING);
		}
		ChannelThreads.CONNECTOR.execute(this::connectNow);
	}

	private void connectNow() {
		ClientConnection connection;
		try {
			connection = ClientConnection.open(this, this.endpoint.transport());
		}
		catch (IpcException | IllegalArgumentException ex) {
			connectFailed(ex.getMessage());
			return;
		}
		catch (RuntimeException ex) {
			logger.warn("Connecting to {} failed unexpectedly; retrying after a backoff", this.endpoint.uri(), ex);
			connectFailed(String.valueOf(ex));
			return;
		}
		if (this.probeOnConnect && !answersHeartbeat(connection)) {
			return;
		}
		synchronized (this.lock) {
			if (this.state == SubchannelState.SHUTDOWN) {
				connection.close("its endpoint was removed while connecting");
				return;
			}
			this.connections = append(this.connections, connection);
			this.probeOnConnect = false;
			this.failedConnects = 0;
			setState(isEjected() ? SubchannelState.EJECTED : SubchannelState.READY);
		}
		logger.debug("Connected to {}", this.endpoint.uri());
	}

	/**
	 * Checks that the server behind a new connection answers, after an earlier one went unanswered; closes it if not.
	 */
	private boolean answersHeartbeat(ClientConnection connection) {
		long timeout = Math.max(this.health.getHeartbeatInterval().toNanos(), TimeUnit.MILLISECONDS.toNanos(100))
				* this.health.getHeartbeatMisses();
		CallResult answer = connection.probe(timeout);
		if (answer.isSuccess()) {
			return true;
		}
		String reason = "connected, but the server did not answer a heartbeat (" + answer.errorMessage()
				+ "): it is still hung";
		connection.close(reason);
		connectFailed(reason);
		return false;
	}

	private void connectFailed(@Nullable String reason) {
		synchronized (this.lock) {
			this.lastError = reason;
			if (this.state == SubchannelState.SHUTDOWN) {
				return;
			}
			this.failedConnects++;
			scheduleReconnect();
		}
		this.channel.connectAttemptFailed();
		logger.debug("Could not connect to {} (attempt {}): {}", this.endpoint.uri(), this.failedConnects, reason);
	}

	/**
	 * Schedules the next connection attempt after the backoff that the failed attempts so far give. Under the lock.
	 */
	private void scheduleReconnect() {
		long delay = backoffNanos(this.failedConnects);
		this.nextConnectNanos = System.nanoTime() + delay;
		setState(SubchannelState.TRANSIENT_FAILURE);
		cancelTimer();
		this.timer = ChannelThreads.SCHEDULER.schedule(this::reconnect, delay, TimeUnit.NANOSECONDS);
	}

	private void reconnect() {
		synchronized (this.lock) {
			this.timer = null;
			if (this.state != SubchannelState.TRANSIENT_FAILURE) {
				return;
			}
			setState(SubchannelState.CONNECTING);
		}
		ChannelThreads.CONNECTOR.execute(this::connectNow);
	}

	private long backoffNanos(int failedAttempts) {
		double backoff = this.health.getReconnectInitialBackoff().toNanos()
				* Math.pow(this.health.getReconnectMultiplier(), Math.max(0, failedAttempts - 1));
		backoff = Math.min(backoff, this.health.getReconnectMaxBackoff().toNanos());
		return jittered(backoff);
	}

	private long jittered(double nanos) {
		double jitter = this.health.getJitter();
		double factor = (jitter == 0) ? 1 : 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
		return Math.max(1, (long) (nanos * factor));
	}

	private void requestExtraConnection() {
		synchronized (this.lock) {
			if (this.openingExtra || this.state != SubchannelState.READY || this.connections.length >= this.maxConnections
					|| System.nanoTime() - this.nextExtraNanos < 0) {
				return;
			}
			this.openingExtra = true;
		}
		ChannelThreads.CONNECTOR.execute(() -> {
			ClientConnection connection = null;
			try {
				connection = ClientConnection.open(this, this.endpoint.transport());
			}
			catch (RuntimeException ex) {
				logger.debug("Could not open another connection to {}: {}", this.endpoint.uri(), ex.getMessage());
			}
			synchronized (this.lock) {
				this.openingExtra = false;
				if (connection == null) {
					this.nextExtraNanos = System.nanoTime() + EXTRA_CONNECTION_BACKOFF_NANOS;
					return;
				}
				if (this.state == SubchannelState.SHUTDOWN || this.connections.length >= this.maxConnections) {
					connection.close("not needed any more");
					return;
				}
				this.connections = append(this.connections, connection);
			}
			logger.debug("Opened connection {} of {} to {}", this.connections.length, this.maxConnections,
					this.endpoint.uri());
		});
	}

	/**
	 * Notes a connection lost under the subchannel: it leaves the pool; the last one puts the subchannel into
	 * backoff. Called by the connection, once.
	 * @param unanswered whether it was closed for unanswered heartbeats: the server is hung, and a new connection
	 * must answer a heartbeat before the endpoint is ready again
	 */
	void connectionLost(ClientConnection connection, String reason, boolean unanswered) {
		synchronized (this.lock) {
			this.lastError = reason;
			if (unanswered) {
				this.probeOnConnect = true;
			}
			this.connections = remove(this.connections, connection);
			if (this.connections.length > 0 || this.state == SubchannelState.SHUTDOWN) {
				return;
			}
			this.failedConnects = 1;
			scheduleReconnect();
		}
		logger.info("Lost the connection to {} ({}); reconnecting after a backoff", this.endpoint.uri(), reason);
	}

	/**
	 * Notes a connection closed by the channel (drained or not needed).
	 */
	void connectionClosed(ClientConnection connection) {
		synchronized (this.lock) {
			this.connections = remove(this.connections, connection);
		}
	}

	// ---- ejection ----

	/**
	 * Counts a call's outcome toward ejection: consecutive failures with an ejection code take the endpoint out.
	 * @param code the outcome
	 */
	private void recordOutcome(ErrorCode code) {
		if (code == ErrorCode.OK) {
			if (this.consecutiveFailures.get() != 0) {
				this.consecutiveFailures.set(0);
			}
			if (this.ejections != 0 && System.nanoTime() - this.lastEjectionEndNanos > this.health.getMaxEjectionTime()
				.toNanos()) {
				// Healthy for the longest ejection since it came back: the next ejection starts short again.
				this.ejections = 0;
			}
			return;
		}
		if (!this.health.isEjectionFailure(code)) {
			return;
		}
		this.failures.increment();
		int threshold = this.health.getEjectionFailures();
		if (threshold > 0 && this.consecutiveFailures.incrementAndGet() >= threshold
				&& this.state == SubchannelState.READY) {
			this.channel.tryEject(this);
		}
	}

	/**
	 * Ejects this endpoint; the channel checked that it may. Returns how long for.
	 * @return the ejection time in milliseconds, or -1 if it was not ready any more
	 */
	long eject() {
		long nanos;
		synchronized (this.lock) {
			if (this.state != SubchannelState.READY) {
				return -1;
			}
			long count = ++this.ejections;
			double base = this.health.getBaseEjectionTime().toNanos() * (double) count;
			nanos = jittered(Math.min(base, this.health.getMaxEjectionTime().toNanos()));
			this.ejectedUntilMillis = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(nanos);
			this.consecutiveFailures.set(0);
			setState(SubchannelState.EJECTED);
			cancelTimer();
			this.timer = ChannelThreads.SCHEDULER.schedule(this::uneject, nanos, TimeUnit.NANOSECONDS);
		}
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	private void uneject() {
		synchronized (this.lock) {
			this.timer = null;
			this.ejectedUntilMillis = 0;
			this.lastEjectionEndNanos = System.nanoTime();
			if (this.state != SubchannelState.EJECTED) {
				return;
			}
			if (this.connections.length > 0) {
				setState(SubchannelState.READY);
			}
			else {
				this.failedConnects = 1;
				scheduleReconnect();
			}
		}
		logger.info("Endpoint {} is back in rotation after its ejection", this.endpoint.uri());
	}

	private boolean isEjected() {
		return this.ejectedUntilMillis > System.currentTimeMillis();
	}

	// ---- life cycle ----

	/**
	 * Expires due calls, checks heartbeats, and closes extra connections that have been idle.
	 * @param now the time, as {@link System#nanoTime()}
	 */
	void sweep(long now) {
		ClientConnection[] open = this.connections;
		for (ClientConnection connection : open) {
			connection.sweep(now, this.health);
		}
		if (open.length > 1) {
			ClientConnection last = open[open.length - 1];
			if (last.outstanding() == 0 && now - last.lastUsedNanos() > IDLE_EXTRA_CONNECTION_NANOS) {
				last.drain();
			}
		}
	}

	/**
	 * Takes the subchannel out of the channel: no new calls; its connections close once their calls have results.
	 * A subchannel already shut down to drain can be shut down again without draining, which closes what is left.
	 * @param drain whether to let calls in flight finish ({@code false} fails them now)
	 */
	void shutdown(boolean drain) {
		ClientConnection[] open;
		synchronized (this.lock) {
			if (this.state == SubchannelState.SHUTDOWN) {
				if (drain) {
					return;
				}
			}
			else {
				cancelTimer();
				this.state = SubchannelState.SHUTDOWN;
			}
			open = this.connections;
		}
		for (ClientConnection connection : open) {
			if (drain) {
				connection.drain();
			}
			else {
				connection.close("the channel closed");
			}
		}
	}

	/**
	 * Closes every connection now and goes back to idle: the next call connects again.
	 */
	void disconnect() {
		ClientConnection[] open;
		synchronized (this.lock) {
			if (this.state == SubchannelState.SHUTDOWN) {
				return;
			}
			cancelTimer();
			open = this.connections;
			this.connections = NONE;
			this.failedConnects = 0;
			setState(SubchannelState.IDLE);
		}
		for (ClientConnection connection : open) {
			connection.close("disconnected");
		}
	}

	private void cancelTimer() {
		ScheduledFuture<?> current = this.timer;
		if (current != null) {
			current.cancel(false);
			this.timer = null;
		}
	}

	/**
	 * Changes the state and tells the channel. Under the lock.
	 */
	private void setState(SubchannelState next) {
		if (this.state == next || this.state == SubchannelState.SHUTDOWN) {
			return;
		}
		this.state = next;
		this.channel.subchannelChanged(this);
	}

	SubchannelStats stats() {
		ClientConnection[] open = this.connections;
		long until = this.ejectedUntilMillis;
		ChannelEndpoint current = this.endpoint;
		return new SubchannelStats(current.uri(), current.locality(), current.weight(), this.state, open.length,
				this.outstanding.get(), this.picks.sum(), this.failures.sum(), this.consecutiveFailures.get(),
				this.ejections, (until > System.currentTimeMillis()) ? Instant.ofEpochMilli(until) : null,
				this.lastError);
	}

	void resetStats() {
		this.picks.reset();
		this.failures.reset();
	}

	int connectionCount() {
		return this.connections.length;
	}

	int pendingCalls() {
		int total = 0;
		for (ClientConnection connection : this.connections) {
			total += connection.pendingCalls();
		}
		return total;
	}

	private static ClientConnection[] append(ClientConnection[] array, ClientConnection connection) {
		ClientConnection[] larger = Arrays.copyOf(array, array.length + 1);
		larger[array.length] = connection;
		return larger;
	}

	private static ClientConnection[] remove(ClientConnection[] array, ClientConnection connection) {
		for (int i = 0; i < array.length; i++) {
			if (array[i] == connection) {
				ClientConnection[] smaller = new ClientConnection[array.length - 1];
				System.arraycopy(array, 0, smaller, 0, i);
				System.arraycopy(array, i + 1, smaller, i, array.length - i - 1);
				return smaller;
			}
		}
		return array;
	}

	@Override
	public String toString() {
		return "Subchannel[" + this.endpoint.uri() + ", " + this.state + "]";
	}

}
