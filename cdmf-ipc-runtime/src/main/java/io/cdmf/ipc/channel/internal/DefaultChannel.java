package io.cdmf.ipc.channel.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.channel.ChannelStats;
import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.channel.ManagedChannel;
import io.cdmf.ipc.channel.SubchannelState;
import io.cdmf.ipc.channel.SubchannelStats;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.resilience.IpcResilience;
import io.cdmf.ipc.rpc.CallListener;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ClientCall;
import io.cdmf.ipc.rpc.ClientInterceptor;
import io.cdmf.ipc.rpc.ProxyStats;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.TransportType;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ManagedChannel}: picks an endpoint per attempt (locality tier, then the balancer), runs the attempt on
 * one of its connections, and wraps attempts in the service's circuit breaker and retry and the call in the
 * interceptors. See {@link CallAttempts} for when an attempt is repeated and where.
 */
public final class DefaultChannel implements ManagedChannel {

	private static final Logger logger = LoggerFactory.getLogger(DefaultChannel.class);

	private static final ClientInterceptor[] NO_INTERCEPTORS = new ClientInterceptor[0];

	private static final ThreadLocal<Transport.ReceiveLease[]> LEASE = ThreadLocal
		.withInitial(() -> new Transport.ReceiveLease[1]);

	private final ChannelConfig config;

	private final String service;

	private final LoadBalancer balancer;

	private final ChannelCounters counters = new ChannelCounters();

	private final ClientInterceptor[] configured;

	private volatile ClientInterceptor[] interceptors;

	private final @Nullable CircuitBreaker breaker;

	private final @Nullable Retry retry;

	private final long spinNanos;

	private final long defaultTimeoutNanos;

	private final Object lock = new Object();

	// Guarded by lock.
	private final Map<String, DefaultSubchannel> subchannels = new LinkedHashMap<>();

	private volatile PickState<DefaultSubchannel> pickState = PickState.EMPTY;

	/**
	 * Removed subchannels whose connections still carry calls: picks no longer see them, but their calls' deadlines
	 * and their connections' heartbeats are still swept, their calls count as in flight, and closing the channel
	 * closes them. Each leaves once its last connection closed.
	 */
	private final Set<DefaultSubchannel> retiring = ConcurrentHashMap.newKeySet();

	private final AtomicLong failedAttempts = new AtomicLong();

	private volatile boolean started;

	private volatile boolean closed;

	/**
	 * Creates a channel; use {@link ManagedChannel#create}.
	 * @param config the configuration
	 */
	public DefaultChannel(ChannelConfig config) {
		this.config = config;
		this.service = config.getServiceName();
		this.balancer = config.getLoadBalancer().create();
		this.configured = config.getInterceptors().toArray(NO_INTERCEPTORS);
		this.interceptors = this.configured;
		this.spinNanos = config.getSyncSpin().toNanos();
		this.defaultTimeoutNanos = config.getDefaultTimeout().toNanos();
		this.breaker = config.isCircuitBreakerEnabled() ? IpcResilience.circuitBreaker(
				(config.getCircuitBreakerRegistry() != null) ? config.getCircuitBreakerRegistry()
						: CircuitBreakerRegistry.ofDefaults(),
				this.service, config.getCircuitBreakerConfig()) : null;
		RetryRegistry retries = config.getRetryRegistry();
		this.retry = (config.getRetryPolicy().isEnabled() || retries != null) ? IpcResilience.retry(
				(retries != null) ? retries : RetryRegistry.ofDefaults(), this.service, config.getRetryPolicy()) : null;
		for (ChannelEndpoint endpoint : config.getEndpoints()) {
			checkAvailable(endpoint);
		}
		synchronized (this.lock) {
			for (ChannelEndpoint endpoint : config.getEndpoints()) {
				this.subchannels.put(endpoint.uri(), new DefaultSubchannel(this, endpoint));
			}
			rebuild();
		}
		ChannelThreads.register(this);
	}

	private static void checkAvailable(ChannelEndpoint endpoint) {
		if (!TransportFactory.isSupported(endpoint.endpoint().type())) {
			// Creating one throws the exception that names what is missing.
			TransportFactory.create(endpoint.transport()).stop();
		}
	}

	// ---- calls ----

	@Override
	public String getServiceName() {
		return this.service;
	}

	@Override
	public CallResult call(String method, ByteBuffer request, CallOptions options) {
		long start = System.nanoTime();
		Message message = newRequest(method, request, options, false);
		DefaultClientCall call = beforeCall(ClientCall.Kind.SYNC, options, message, start);
		CallResult result = (call != null && call.refusal != null) ? call.refusal
				: CallAttempts.sync(this, message, timeoutNanos(options), isIdempotent(method, options), call);
		finish(call, result, start);
		return result;
	}

	@Override
	public CompletableFuture<CallResult> callAsync(String method, ByteBuffer request, CallOptions options) {
		long start = System.nanoTime();
		Message message = newRequest(method, request, options, false);
		DefaultClientCall call = beforeCall(ClientCall.Kind.ASYNC, options, message, start);
		if (call != null && call.refusal != null) {
			finish(call, call.refusal, start);
			return CompletableFuture.completedFuture(call.refusal);
		}
		CompletableFuture<CallResult> future = CallAttempts.async(this, message, timeoutNanos(options),
				isIdempotent(method, options), call);
		// The caller's future completes after the statistics and interceptors saw the result, so that a caller that
		// joins it finds them up to date.
		return future.thenApply(result -> {
			finish(call, result, start);
			return result;
		});
	}

	@Override
	public CallResult sendOneWay(String method, ByteBuffer request, CallOptions options) {
		long start = System.nanoTime();
		Message message = newRequest(method, request, options, true);
		DefaultClientCall call = beforeCall(ClientCall.Kind.ONE_WAY, options, message, start);
		CallResult result = (call != null && call.refusal != null) ? call.refusal
				: CallAttempts.oneWay(this, message, timeoutNanos(options), call);
		if (!result.isSuccess()) {
			logger.debug("One-way {} to {} failed: {}", method, this.service, result);
		}
		this.counters.oneWay(result.errorCode());
		afterCall(call, result);
		return result;
	}

	@Override
	public CallResult ping(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive: " + timeout);
		}
		long timeoutNanos = timeout.toNanos();
		DefaultSubchannel subchannel = pick(null, System.nanoTime() + timeoutNanos);
		ClientConnection connection = (subchannel != null) ? subchannel.connectionForAsync() : null;
		if (connection == null) {
			return CallResult.notRun(noEndpoint("ping"));
		}
		return connection.callSync(Message.create(MessageType.HEARTBEAT), timeoutNanos, 0, null);
	}

	private Message newRequest(String method, ByteBuffer request, CallOptions options, boolean oneWay) {
		if (method == null || method.isEmpty()) {
			throw new IllegalArgumentException("method must not be empty");
		}
		if (this.closed) {
			// Checked again per attempt; this only spares building a message for a closed channel.
			logger.debug("Call of {} on closed channel {}", method, this.service);
		}
		Message message = Message.request(method, request);
		message.getHeader()
			.setPriority(options.getPriority())
			.setFormat((options.getFormat() != null) ? options.getFormat() : this.config.getFormat())
			.setFlag(MessageHeader.FLAG_ONE_WAY, oneWay)
			.setFlag(MessageHeader.FLAG_DEDUPLICATE, !oneWay && this.retry != null);
		message.getMetadata()
			.setContentType(options.getContentType())
			.setMaxRetries((this.retry != null && !oneWay) ? this.retry.getRetryConfig().getMaxAttempts() - 1 : 0);
		return message;
	}

	private long timeoutNanos(CallOptions options) {
		Duration timeout = options.getTimeout();
		return (timeout != null) ? timeout.toNanos() : this.defaultTimeoutNanos;
	}

	private boolean isIdempotent(String method, CallOptions options) {
		Boolean idempotent = options.getIdempotent();
		return (idempotent != null) ? idempotent : this.config.getIdempotentMethods().contains(method);
	}

	// ---- interceptors and bookkeeping ----

	private @Nullable DefaultClientCall beforeCall(ClientCall.Kind kind, CallOptions options, Message message,
			long start) {
		ClientInterceptor[] chain = this.interceptors;
		if (chain.length == 0) {
			return null;
		}
		DefaultClientCall call = new DefaultClientCall(this.service, kind, options, message, firstTransport(), start);
		call.chain = chain;
		for (ClientInterceptor interceptor : chain) {
			try {
				interceptor.beforeCall(call);
				call.started++;
			}
			catch (IpcException ex) {
				call.refusal = CallResult.notRun(ErrorInfo.of(ex.getErrorCode(), ex.getMessage(), call.method()));
				call.started++;
				return call;
			}
			catch (RuntimeException ex) {
				logger.warn("Client interceptor {} of {} failed; the call is refused", interceptor, this.service, ex);
				call.refusal = CallResult.notRun(ErrorInfo.of(ErrorCode.INTERNAL,
						"client interceptor " + interceptor + " failed: " + ex, call.method()));
				call.started++;
				return call;
			}
		}
		return call;
	}

	private void finish(@Nullable DefaultClientCall call, CallResult result, long start) {
		this.counters.call(result, start);
		afterCall(call, result);
	}

	private void afterCall(@Nullable DefaultClientCall call, CallResult result) {
		if (call == null) {
			return;
		}
		ClientInterceptor[] chain = call.chain;
		for (int i = call.started - 1; i >= 0; i--) {
			try {
				chain[i].afterCall(call, result);
			}
			catch (RuntimeException ex) {
				logger.warn("Client interceptor {} of {} failed after a call; the result stands", chain[i],
						this.service, ex);
			}
		}
	}

	private TransportType firstTransport() {
		DefaultSubchannel[] all = this.pickState.all;
		return (all.length > 0) ? all[0].endpoint().endpoint().type()
				: this.config.getEndpoints().isEmpty() ? TransportType.IN_PROCESS
						: this.config.getEndpoints().get(0).endpoint().type();
	}

	// ---- for the attempts ----

	ChannelCounters counters() {
		return this.counters;
	}

	@Nullable CircuitBreaker breaker() {
		return this.breaker;
	}

	@Nullable Retry retryOrNull() {
		return this.retry;
	}

	long spinNanos() {
		return this.spinNanos;
	}

	static Transport.ReceiveLease[] leaseHolder() {
		return LEASE.get();
	}

	/**
	 * Returns whether an endpoint other than a given one is ready now.
	 * @param subchannel the endpoint to leave out
	 * @return whether a retry that avoids it has somewhere else to go
	 */
	boolean hasReadyBesides(DefaultSubchannel subchannel) {
		return this.pickState.hasReadyBesides(subchannel);
	}

	/**
	 * Picks the endpoint of an attempt. When none is ready it connects an idle one on this thread, or waits for an
	 * attempt in progress or due before the deadline; it gives up when every endpoint has failed an attempt since
	 * this call began waiting, or the deadline is near.
	 * @param avoid an endpoint to leave out when another is ready, or null
	 * @param deadlineNanos when the attempt must be over
	 * @return the endpoint, or {@code null} if none could be made ready
	 */
	@Nullable DefaultSubchannel pick(@Nullable DefaultSubchannel avoid, long deadlineNanos) {
		DefaultSubchannel picked = this.pickState.pick(this.balancer, avoid);
		return (picked != null) ? picked : pickSlow(avoid, deadlineNanos);
	}

	private @Nullable DefaultSubchannel pickSlow(@Nullable DefaultSubchannel avoid, long deadlineNanos) {
		start();
		long failuresAtStart = this.failedAttempts.get();
		while (!this.closed && System.nanoTime() - deadlineNanos < 0) {
			PickState<DefaultSubchannel> state = this.pickState;
			DefaultSubchannel picked = state.pick(this.balancer, avoid);
			if (picked != null) {
				return picked;
			}
			boolean attempted = false;
			for (DefaultSubchannel subchannel : state.all) {
				if (subchannel.connectIfIdle()) {
					attempted = true;
					break;
				}
			}
			if (attempted) {
				continue;
			}
			if (this.failedAttempts.get() - failuresAtStart >= Math.max(1, state.all.length)
					|| !worthWaiting(state, deadlineNanos)) {
				if (this.pickState != state) {
					// An endpoint changed since the pick read its state (it may have become ready): look again.
					continue;
				}
				return null;
			}
			synchronized (this.lock) {
				if (this.pickState == state && !this.closed) {
					long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
					if (left <= 0) {
						return null;
					}
					try {
						this.lock.wait(left);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return null;
					}
				}
			}
		}
		return null;
	}

	private static boolean worthWaiting(PickState<DefaultSubchannel> state, long deadlineNanos) {
		for (DefaultSubchannel subchannel : state.all) {
			SubchannelState current = subchannel.state();
			if (current == SubchannelState.CONNECTING) {
				return true;
			}
			if (current == SubchannelState.TRANSIENT_FAILURE) {
				long next = subchannel.nextConnectNanos();
				if (next != 0 && next - deadlineNanos < 0) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Describes why no endpoint could take a call, for its error.
	 * @param method the method
	 * @return the error
	 */
	ErrorInfo noEndpoint(String method) {
		if (this.closed) {
			return ErrorInfo.of(ErrorCode.UNAVAILABLE, "channel of " + this.service + " is closed", method);
		}
		List<String> states = new ArrayList<>();
		for (DefaultSubchannel subchannel : this.pickState.all) {
			SubchannelStats stats = subchannel.stats();
			states.add(stats.endpoint() + " " + stats.state()
					+ ((stats.lastError() != null) ? " (" + stats.lastError() + ")" : ""));
		}
		return ErrorInfo.of(ErrorCode.UNAVAILABLE, states.isEmpty() ? "service " + this.service + " has no endpoints (from "
				+ this.config.getEndpointSource() + ")"
				: "no endpoint of " + this.service + " is available: " + String.join("; ", states), method);
	}

	/**
	 * Connects the endpoints the balancer may use, once: all of them, or with pick-first the first alone (the rest
	 * are connected as calls need them).
	 */
	private void start() {
		if (this.started) {
			return;
		}
		this.started = true;
		if (this.config.getLoadBalancer().name().equals(LoadBalancer.PICK_FIRST)) {
			return;
		}
		for (DefaultSubchannel subchannel : this.pickState.all) {
			subchannel.requestConnection();
		}
	}

	// ---- subchannel events ----

	void subchannelChanged(DefaultSubchannel subchannel) {
		synchronized (this.lock) {
			rebuild();
			this.lock.notifyAll();
		}
		logger.debug("{} of {} is {}", subchannel.endpoint().uri(), this.service, subchannel.state());
	}

	void connectAttemptFailed() {
		this.failedAttempts.incrementAndGet();
		synchronized (this.lock) {
			this.lock.notifyAll();
		}
	}

	/**
	 * Ejects an endpoint unless that would take out more than the allowed share of the endpoints, or the last one
	 * still ready.
	 * @param subchannel the endpoint that failed too often
	 */
	void tryEject(DefaultSubchannel subchannel) {
		synchronized (this.lock) {
			int total = 0;
			int ejected = 0;
			int ready = 0;
			for (DefaultSubchannel each : this.subchannels.values()) {
				total++;
				if (each.state() == SubchannelState.EJECTED) {
					ejected++;
				}
				else if (each.state() == SubchannelState.READY && each != subchannel) {
					ready++;
				}
			}
			int allowed = total * this.config.getHealth().getMaxEjectionPercent() / 100;
			if (ready == 0 || ejected + 1 > allowed) {
				return;
			}
		}
		long millis = subchannel.eject();
		if (millis >= 0) {
			logger.warn("Ejected {} of {} for {} ms after {} consecutive failures", subchannel.endpoint().uri(),
					this.service, millis, this.config.getHealth().getEjectionFailures());
		}
	}

	/**
	 * Rebuilds what picks read. Under the lock.
	 */
	private void rebuild() {
		this.pickState = new PickState<>(this.subchannels.values().toArray(new DefaultSubchannel[0]),
				this.config.getHealth().getLocalityOverprovisioning());
	}

	void sweep(long now) {
		for (DefaultSubchannel subchannel : this.pickState.all) {
			subchannel.sweep(now);
		}
		if (!this.retiring.isEmpty()) {
			for (DefaultSubchannel subchannel : this.retiring) {
				subchannel.sweep(now);
				if (subchannel.connectionCount() == 0) {
					this.retiring.remove(subchannel);
				}
			}
		}
	}

	// ---- management ----

	@Override
	public ChannelConfig getConfig() {
		return this.config;
	}

	@Override
	public List<ChannelEndpoint> getEndpoints() {
		List<ChannelEndpoint> endpoints = new ArrayList<>();
		for (DefaultSubchannel subchannel : this.pickState.all) {
			endpoints.add(subchannel.endpoint());
		}
		return List.copyOf(endpoints);
	}

	@Override
	public void updateEndpoints(List<ChannelEndpoint> endpoints) {
		List<ChannelEndpoint> checked = ChannelEndpoint.checkDistinct(endpoints);
		for (ChannelEndpoint endpoint : checked) {
			checkAvailable(endpoint);
		}
		List<DefaultSubchannel> removed = new ArrayList<>();
		List<DefaultSubchannel> added = new ArrayList<>();
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			Map<String, DefaultSubchannel> next = new LinkedHashMap<>();
			for (ChannelEndpoint endpoint : checked) {
				DefaultSubchannel existing = this.subchannels.remove(endpoint.uri());
				if (existing != null) {
					existing.updateEndpoint(endpoint);
					next.put(endpoint.uri(), existing);
				}
				else {
					DefaultSubchannel created = new DefaultSubchannel(this, endpoint);
					next.put(endpoint.uri(), created);
					added.add(created);
				}
			}
			removed.addAll(this.subchannels.values());
			this.subchannels.clear();
			this.subchannels.putAll(next);
			rebuild();
			this.lock.notifyAll();
		}
		for (DefaultSubchannel subchannel : removed) {
			this.retiring.add(subchannel);
			subchannel.shutdown(true);
		}
		if (this.started && !this.config.getLoadBalancer().name().equals(LoadBalancer.PICK_FIRST)) {
			for (DefaultSubchannel subchannel : added) {
				subchannel.requestConnection();
			}
		}
		logger.info("Endpoints of {} are now {} ({} added, {} removed)", this.service, checked, added.size(),
				removed.size());
	}

	@Override
	public void connect() {
		if (this.closed) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "channel of " + this.service + " is closed");
		}
		long deadline = System.nanoTime() + this.defaultTimeoutNanos;
		if (pick(null, deadline) == null) {
			throw new IpcException(ErrorCode.UNAVAILABLE, noEndpoint("connect").message());
		}
	}

	@Override
	public void disconnect() {
		for (DefaultSubchannel subchannel : this.pickState.all) {
			subchannel.disconnect();
		}
		this.started = false;
	}

	@Override
	public boolean isConnected() {
		return this.pickState.hasReady();
	}

	@Override
	public ChannelStats getStats() {
		List<SubchannelStats> endpoints = new ArrayList<>();
		for (DefaultSubchannel subchannel : this.pickState.all) {
			endpoints.add(subchannel.stats());
		}
		ChannelStats.CircuitBreakerStats breakerStats = null;
		CircuitBreaker current = this.breaker;
		if (current != null) {
			CircuitBreaker.Metrics metrics = current.getMetrics();
			breakerStats = new ChannelStats.CircuitBreakerStats(current.getName(), current.getState().name(),
					metrics.getFailureRate(), metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(),
					metrics.getNumberOfNotPermittedCalls());
		}
		return new ChannelStats(this.service, this.config.getLoadBalancer().name(), getCallStats(),
				List.copyOf(endpoints), breakerStats);
	}

	@Override
	public ProxyStats getCallStats() {
		return this.counters.snapshot(getInFlightCalls());
	}

	@Override
	public int getInFlightCalls() {
		int total = 0;
		for (DefaultSubchannel subchannel : this.pickState.all) {
			total += subchannel.pendingCalls();
		}
		for (DefaultSubchannel subchannel : this.retiring) {
			total += subchannel.pendingCalls();
		}
		return total;
	}

	@Override
	public void resetStats() {
		this.counters.reset();
		for (DefaultSubchannel subchannel : this.pickState.all) {
			subchannel.resetStats();
		}
	}

	@Override
	public void setCallListener(@Nullable CallListener listener) {
		if (listener == null) {
			this.interceptors = this.configured;
			return;
		}
		ClientInterceptor[] chain = new ClientInterceptor[this.configured.length + 1];
		// The listener is outermost: it sees the result every interceptor saw, and times the whole call.
		chain[0] = ClientInterceptor.listening(listener);
		System.arraycopy(this.configured, 0, chain, 1, this.configured.length);
		this.interceptors = chain;
	}

	@Override
	public @Nullable CircuitBreaker getCircuitBreaker() {
		return this.breaker;
	}

	@Override
	public @Nullable Retry getRetry() {
		return this.retry;
	}

	boolean isClosed() {
		return this.closed;
	}

	@Override
	public void close() {
		List<DefaultSubchannel> all;
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			all = new ArrayList<>(this.subchannels.values());
			all.addAll(this.retiring);
			this.lock.notifyAll();
		}
		ChannelThreads.unregister(this);
		for (DefaultSubchannel subchannel : all) {
			subchannel.shutdown(false);
		}
	}

	@Override
	public String toString() {
		return "ManagedChannel[" + this.service + ", " + this.pickState.all.length + " endpoints]";
	}

}
