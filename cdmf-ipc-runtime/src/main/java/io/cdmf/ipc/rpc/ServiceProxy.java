package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calling side of a service: sends requests over one transport connection and matches responses to calls by
 * correlation id, so any number of concurrent calls share the connection.
 * <p>
 * A call never throws for a remote or transport failure: it returns a failed {@link CallResult} with a typed
 * {@link ErrorCode}. The proxy connects on its first call if {@link #connect()} was not called, and reconnects on
 * the next call after the connection was lost. Each request carries its deadline; the server does not run a request
 * whose deadline has passed. A lost connection fails every call waiting on it with {@code UNAVAILABLE} at once.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class ServiceProxy implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ServiceProxy.class);

	private static final long SWEEP_INTERVAL_MILLIS = 2;

	private static final boolean MULTI_CPU = Runtime.getRuntime().availableProcessors() > 1;

	private final ProxyConfig config;

	private final Transport transport;

	private final String destination;

	private final PendingCalls pending;

	private final ProxyCounters counters;

	private final @Nullable ProxyRetry retry;

	private final AtomicInteger spinners = new AtomicInteger();

	private final long spinNanos;

	private final ServerWatch watch;

	private @Nullable ScheduledFuture<?> sweeper;

	private volatile boolean closed;

	/**
	 * Creates a proxy with the transport its endpoint selects.
	 * @param config the configuration
	 */
	public ServiceProxy(ProxyConfig config) {
		this(config, TransportFactory.create(config.getTransport()));
	}

	/**
	 * Creates a proxy over a transport that was {@link Transport#init initialized} but not connected.
	 * @param config the configuration
	 * @param transport the transport; the proxy owns it from now on
	 */
	public ServiceProxy(ProxyConfig config, Transport transport) {
		this.config = config;
		this.transport = transport;
		this.destination = config.getTransport().endpoint().uri();
		this.pending = new PendingCalls(this.destination);
		this.counters = new ProxyCounters(config.getServiceName(), config.getTransport().type());
		this.spinNanos = (MULTI_CPU && transport.isWorthSpinningFor()) ? config.getSyncSpin().toNanos() : 0;
		this.retry = ProxyRetry.of(config, this.counters);
		this.watch = new ServerWatch(this.pending, this.destination, config.getHeartbeatInterval().toNanos(),
				this::send);
		transport.setMessageCallback(this::onMessage);
		transport.setErrorCallback(this::onTransportError);
	}

	/**
	 * Connects to the server now rather than on the first call.
	 * @throws IpcException with {@code UNAVAILABLE} if the server cannot be reached
	 */
	public void connect() {
		if (this.closed) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "proxy for " + this.destination + " is closed");
		}
		synchronized (this) {
			if (!this.transport.isConnected()) {
				this.transport.connect();
			}
			if (this.sweeper == null) {
				this.sweeper = RpcScheduler.INSTANCE.scheduleWithFixedDelay(this.watch::sweep, SWEEP_INTERVAL_MILLIS,
						SWEEP_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
			}
		}
	}

	/**
	 * Closes the connection; calls waiting on it fail with {@code UNAVAILABLE}. A later call connects again.
	 */
	public void disconnect() {
		this.transport.disconnect();
		this.pending.failAll(ErrorCode.UNAVAILABLE, "proxy for " + this.destination + " disconnected");
	}

	/**
	 * Returns whether the connection is open.
	 * @return whether connected
	 */
	public boolean isConnected() {
		return this.transport.isConnected();
	}

	/**
	 * Calls a method and waits for its result, with the default timeout.
	 * @param method the method name
	 * @param request the request payload
	 * @return the result
	 */
	public CallResult call(String method, byte[] request) {
		return call(method, ByteBuffer.wrap(request), CallOptions.DEFAULTS);
	}

	/**
	 * Calls a method and waits for its result.
	 * @param method the method name
	 * @param request the request payload
	 * @param timeout how long one attempt waits for its response
	 * @return the result
	 */
	public CallResult call(String method, byte[] request, Duration timeout) {
		return call(method, ByteBuffer.wrap(request), CallOptions.timeout(timeout));
	}

	/**
	 * Calls a method and waits for its result.
	 * @param method the method name
	 * @param request the request payload (its position-to-limit range)
	 * @param options per-call settings
	 * @return the result
	 */
	public CallResult call(String method, ByteBuffer request, CallOptions options) {
		long start = System.nanoTime();
		Message message = newRequest(method, request, options);
		long timeoutNanos = timeoutNanos(options);
		ProxyRetry policy = this.retry;
		CallResult result = (policy == null) ? attemptSync(message, timeoutNanos)
				: policy.call(message, () -> attemptSync(message, timeoutNanos));
		this.counters.call(method, result, start);
		return result;
	}

	/**
	 * Calls a method without waiting, with the default timeout.
	 * @param method the method name
	 * @param request the request payload
	 * @return the future result; it never completes exceptionally
	 */
	public CompletableFuture<CallResult> callAsync(String method, byte[] request) {
		return callAsync(method, ByteBuffer.wrap(request), CallOptions.DEFAULTS);
	}

	/**
	 * Calls a method without waiting.
	 * @param method the method name
	 * @param request the request payload
	 * @param timeout how long one attempt waits for its response
	 * @return the future result; it never completes exceptionally
	 */
	public CompletableFuture<CallResult> callAsync(String method, byte[] request, Duration timeout) {
		return callAsync(method, ByteBuffer.wrap(request), CallOptions.timeout(timeout));
	}

	/**
	 * Calls a method without waiting.
	 * @param method the method name
	 * @param request the request payload (its position-to-limit range)
	 * @param options per-call settings
	 * @return the future result; it never completes exceptionally
	 */
	public CompletableFuture<CallResult> callAsync(String method, ByteBuffer request, CallOptions options) {
		long start = System.nanoTime();
		Message message = newRequest(method, request, options);
		long timeoutNanos = timeoutNanos(options);
		ProxyRetry policy = this.retry;
		CompletableFuture<CallResult> future = (policy == null) ? send(message, timeoutNanos)
				: policy.callAsync(message, () -> send(message, timeoutNanos));
		future.whenComplete((result, ex) -> this.counters.call(method, result, start));
		return future;
	}

	/**
	 * Sends a request that expects no response.
	 * @param method the method name
	 * @param request the request payload
	 * @return whether it was handed to the transport
	 */
	public boolean callOneWay(String method, byte[] request) {
		return callOneWay(method, ByteBuffer.wrap(request), CallOptions.DEFAULTS);
	}

	/**
	 * Sends a request that expects no response.
	 * @param method the method name
	 * @param request the request payload
	 * @param options per-call settings
	 * @return whether it was handed to the transport; failures are counted and logged at DEBUG
	 */
	public boolean callOneWay(String method, ByteBuffer request, CallOptions options) {
		return sendOneWay(method, request, options).isSuccess();
	}

	/**
	 * Sends a request that expects no response, and says why if it could not be sent.
	 * @param method the method name
	 * @param request the request payload
	 * @param options per-call settings
	 * @return a successful empty result once the request is handed to the transport, else the failure
	 */
	public CallResult sendOneWay(String method, ByteBuffer request, CallOptions options) {
		long start = System.nanoTime();
		Message message = newRequest(method, request, options);
		message.getHeader().setFlag(MessageHeader.FLAG_ONE_WAY, true).setFlag(MessageHeader.FLAG_DEDUPLICATE, false);
		ErrorInfo failure = trySend(message);
		if (failure != null) {
			logger.debug("One-way {} to {} failed: {}", method, this.destination, failure);
			this.counters.oneWay(method, failure.code(), start);
			return CallResult.failure(failure);
		}
		this.counters.oneWay(method, ErrorCode.OK, start);
		return CallResult.success(ByteBuffer.allocate(0), message.getHeader().getFormat());
	}

	/**
	 * Sends a heartbeat and waits for the server's answer: a health check that runs no handler.
	 * @param timeout how long to wait
	 * @return a successful result if the server answered
	 */
	public CallResult ping(Duration timeout) {
		Message message = Message.create(MessageType.HEARTBEAT);
		return attemptSync(message, ProxyConfig.positive("timeout", timeout).toNanos());
	}

	private Message newRequest(String method, ByteBuffer request, CallOptions options) {
		if (method == null || method.isEmpty()) {
			throw new IllegalArgumentException("method must not be empty");
		}
		Message message = Message.request(method, request);
		message.getHeader()
			.setPriority(options.getPriority())
			.setFormat((options.getFormat() != null) ? options.getFormat() : this.config.getFormat())
			.setFlag(MessageHeader.FLAG_DEDUPLICATE, this.retry != null);
		// The connection already names the peer, so the endpoint URIs are not repeated in every frame.
		message.getMetadata()
			.setContentType(options.getContentType())
			.setMaxRetries(this.config.getRetryPolicy().getMaxAttempts() - 1);
		return message;
	}

	private long timeoutNanos(CallOptions options) {
		Duration timeout = options.getTimeout();
		return ((timeout != null) ? timeout : this.config.getDefaultTimeout()).toNanos();
	}

	private CallResult attemptSync(Message message, long timeoutNanos) {
		Transport.ReceiveLease lease = this.transport.leaseReceive();
		if (lease != null) {
			// This thread reads its own response (and delivers any others it meets): no wake-up by another thread.
			try (lease) {
				PendingCall call = send(message, timeoutNanos);
				lease.receiveUntil(call::isDone, Math.min(this.spinNanos, timeoutNanos), call.deadlineNanos);
				return await(call);
			}
		}
		PendingCall call = send(message, timeoutNanos);
		if (!call.isDone() && this.spinNanos > 0) {
			// One caller at a time spins: the response usually comes back within tens of microseconds, and a
			// parked thread takes several to wake up.
			try {
				if (this.spinners.getAndIncrement() == 0) {
					long spinEnd = System.nanoTime() + Math.min(this.spinNanos, timeoutNanos);
					// Read the clock every 64 turns only: System.nanoTime() would otherwise dominate the loop.
					for (int turn = 1; !call.isDone(); turn++) {
						if ((turn & 63) == 0 && System.nanoTime() - spinEnd >= 0) {
							break;
						}
						Thread.onSpinWait();
					}
				}
			}
			finally {
				this.spinners.decrementAndGet();
			}
		}
		return await(call);
	}

	private CallResult await(PendingCall call) {
		try {
			long remaining = call.deadlineNanos - System.nanoTime();
			return call.isDone() ? call.getNow(null) : call.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return this.pending.expire(call);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.pending.complete(call, CallResult.failure(ErrorCode.CANCELLED, call.method + " on "
					+ this.destination + ": interrupted while waiting for the response"));
		}
		catch (ExecutionException ex) {
			return CallResult.failure(ErrorCode.INTERNAL, "call of " + call.method + " failed: " + ex.getCause());
		}
	}

	private PendingCall send(Message message, long timeoutNanos) {
		long deadline = System.nanoTime() + timeoutNanos;
		message.getMetadata().setExpirationMillis(System.currentTimeMillis() + Math.max(1, timeoutNanos / 1_000_000));
		PendingCall call = new PendingCall(message.getMessageId(), message.getMetadata().getSubject(), deadline);
		this.watch.callStarting();
		this.pending.add(call);
		ErrorInfo failure = trySend(message);
		if (failure != null) {
			this.pending.complete(call, CallResult.failure(failure));
		}
		return call;
	}

	private @Nullable ErrorInfo trySend(Message message) {
		if (this.closed) {
			return ErrorInfo.of(ErrorCode.UNAVAILABLE, "proxy for " + this.destination + " is closed");
		}
		try {
			if (!this.transport.isConnected()) {
				connect();
			}
			this.transport.send(message);
			return null;
		}
		catch (IpcException ex) {
			return ErrorInfo.of(ex.getErrorCode(), ex.getMessage(), message.getMetadata().getSubject());
		}
	}

	private void onMessage(Message message) {
		this.watch.heardFromServer();
		this.pending.answer(message);
	}

	private void onTransportError(TransportError error) {
		if (error.connectionClosed()) {
			this.pending.failAll(ErrorCode.UNAVAILABLE, "connection to " + this.destination + " lost: " + error.error().message());
		}
		else {
			logger.debug("Transport error on {}: {}", this.destination, error.error());
		}
	}

	/**
	 * Sets the listener told of every finished call and one-way send.
	 * @param listener the listener, or {@code null} for none
	 */
	public void setCallListener(@Nullable CallListener listener) {
		this.counters.setListener(listener);
	}

	/**
	 * Returns how many calls wait for their response now, without taking a full {@link #getStats() snapshot}.
	 * @return the calls in flight
	 */
	public int getInFlightCalls() {
		return this.pending.size();
	}

	/**
	 * Returns a snapshot of this proxy's counters.
	 * @return the statistics
	 */
	public ProxyStats getStats() {
		return this.counters.snapshot(this.pending.size());
	}

	/**
	 * Sets every counter to zero.
	 */
	public void resetStats() {
		this.counters.reset();
	}

	/**
	 * Returns the configuration.
	 * @return the configuration
	 */
	public ProxyConfig getConfig() {
		return this.config;
	}

	/**
	 * Returns the transport this proxy sends through.
	 * @return the transport
	 */
	public Transport getTransport() {
		return this.transport;
	}

	/**
	 * Fails waiting calls with {@code UNAVAILABLE} and stops the transport. Idempotent.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			if (this.sweeper != null) {
				this.sweeper.cancel(false);
			}
		}
		this.transport.stop();
		this.pending.failAll(ErrorCode.UNAVAILABLE, "proxy for " + this.destination + " closed");
	}

}
