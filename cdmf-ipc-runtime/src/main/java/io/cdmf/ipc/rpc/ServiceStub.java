package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.stats.LatencySnapshot;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving side of a service: listens on one or more endpoints and runs the handler registered for each
 * request's method.
 * <p>
 * Requests run where {@link StubConfig#getHandlerDispatch()} says: by default on the receiving thread where the
 * transport can hand receiving to another thread when a handler blocks ({@code shm://}), else on a bounded pool (or
 * virtual threads); they never queue without bound: past
 * {@code maxConcurrentRequests} a request is answered {@code RESOURCE_EXHAUSTED} at once. A request whose deadline
 * has passed is answered {@code DEADLINE_EXCEEDED} and never runs; one that runs longer than the request timeout is
 * answered {@code DEADLINE_EXCEEDED} when it expires. A retried request (same message id) is answered from the cache
 * of recent responses; its handler does not run twice. A throwing handler is answered {@code INTERNAL} with its
 * message, and the service goes on. {@link #stop()} refuses new requests, lets running ones finish within the grace
 * period, then closes the endpoints.
 * <p>
 * {@link ServerInterceptor}s ({@link StubConfig.Builder#interceptor}, {@link #addInterceptor}) admit, observe and
 * wrap each request; authentication, validation and the call listener are interceptors too. Every refusal before a
 * handler starts (stopping, unknown method, an interceptor, the deadline, the limit) is answered with flag
 * {@link io.cdmf.ipc.message.MessageHeader#FLAG_NOT_EXECUTED}, so the caller knows the request did not run and may
 * send it to another endpoint.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class ServiceStub implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ServiceStub.class);

	private final StubConfig config;

	private final Map<String, MethodRegistration> methods = new ConcurrentHashMap<>();

	private final List<Transport> transports = new ArrayList<>();

	private final StubInterceptors interceptors;

	private final StubDispatcher dispatcher;

	private @Nullable ExecutorService ownExecutor;

	private volatile State state = State.NEW;

	private enum State {

		NEW, RUNNING,

		/** Refuses new requests, not yet draining: see {@link ServiceStub#refuseNewCalls()}. */
		REFUSING,

		STOPPING, STOPPED

	}

	/**
	 * Creates a stub; it listens once {@link #start() started}.
	 * @param config the configuration
	 */
	public ServiceStub(StubConfig config) {
		this.config = config;
		this.interceptors = new StubInterceptors(config.getServiceName(), config.getInterceptors());
		this.dispatcher = new StubDispatcher(this, this.interceptors);
	}

	/**
	 * Registers a handler on raw bytes for a method, replacing any previous one.
	 * @param method the method name
	 * @param handler the handler
	 * @return whether no handler was registered for the name before
	 */
	public boolean registerMethod(String method, MethodHandler handler) {
		return register(method, new MethodRegistration(method, request -> {
			byte[] response = handler.handle(request.payloadBytes());
			return (response != null) ? ByteBuffer.wrap(response) : null;
		}, null));
	}

	/**
	 * Registers a handler that sees the whole request, replacing any previous one.
	 * @param method the method name
	 * @param handler the handler
	 * @return whether no handler was registered for the name before
	 */
	public boolean registerHandler(String method, RequestHandler handler) {
		return register(method, new MethodRegistration(method, handler, null));
	}

	/**
	 * Registers an asynchronous handler, replacing any previous one.
	 * @param method the method name
	 * @param handler the handler
	 * @return whether no handler was registered for the name before
	 */
	public boolean registerAsyncHandler(String method, AsyncRequestHandler handler) {
		return register(method, new MethodRegistration(method, null, handler));
	}

	private boolean register(String method, MethodRegistration registration) {
		if (method == null || method.isEmpty()) {
			throw new IllegalArgumentException("method must not be empty");
		}
		return this.methods.put(method, registration) == null;
	}

	/**
	 * Removes a method; later calls of it are answered {@code METHOD_NOT_FOUND}.
	 * @param method the method name
	 * @return whether it was registered
	 */
	public boolean unregisterMethod(String method) {
		return this.methods.remove(method) != null;
	}

	/**
	 * Returns whether a method is registered.
	 * @param method the method name
	 * @return whether it is registered
	 */
	public boolean hasMethod(String method) {
		return this.methods.containsKey(method);
	}

	/**
	 * Returns the registered method names.
	 * @return the names, sorted
	 */
	public Set<String> getMethodNames() {
		return Collections.unmodifiableSet(new java.util.TreeSet<>(this.methods.keySet()));
	}

	/**
	 * Adds an interceptor after the configured ones and those added before; it applies to requests that arrive
	 * from now on. The built-in interceptors of {@link #setCallListener}, {@link #setAuthenticationHandler} and
	 * {@link #setRequestValidator} always run before it.
	 * @param interceptor the interceptor
	 */
	public void addInterceptor(ServerInterceptor interceptor) {
		this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor must not be null"));
	}

	/**
	 * Returns the interceptors configured and added, in the order they run (after the built-in ones, which are not
	 * listed).
	 * @return an unmodifiable copy
	 */
	public List<ServerInterceptor> getInterceptors() {
		return this.interceptors.interceptors();
	}

	/**
	 * Sets the validator that every request must pass before its handler runs: an interceptor that runs after the
	 * authentication handler and before the other interceptors. A refused request is answered
	 * {@code INVALID_ARGUMENT}, and its caller knows it did not run.
	 * @param validator the validator, or {@code null} for none
	 */
	public void setRequestValidator(@Nullable RequestValidator validator) {
		this.interceptors.setRequestValidator(validator);
	}

	/**
	 * Sets the handler that admits or refuses each caller: an interceptor that runs before the validator and the
	 * other interceptors. A refused caller is answered {@code UNAUTHENTICATED}, and knows its request did not run.
	 * @param handler the handler, or {@code null} to admit everyone the transport admits
	 */
	public void setAuthenticationHandler(@Nullable AuthenticationHandler handler) {
		this.interceptors.setAuthenticationHandler(handler);
	}

	/**
	 * Sets the interceptor that observes every request for tracing and metrics, such as
	 * {@code io.cdmf.ipc.observation.ObservationServerInterceptor}: it runs outermost, before the call listener, the
	 * authentication handler and the validator, so that it sees every outcome (refusals included) and its scope
	 * covers the whole handler. Unlike {@link #addInterceptor}, setting it again replaces it.
	 * @param interceptor the interceptor, or {@code null} for none
	 */
	public void setObservationInterceptor(@Nullable ServerInterceptor interceptor) {
		this.interceptors.setObservationInterceptor(interceptor);
	}

	/**
	 * Sets the listener told of every request answered, refused or expired: an interceptor that runs first (after
	 * the observation interceptor), so that it sees the outcome the caller gets and times the whole request.
	 * @param listener the listener, or {@code null} for none
	 */
	public void setCallListener(@Nullable CallListener listener) {
		this.interceptors.setCallListener(listener);
	}

	/**
	 * Starts listening on every configured endpoint.
	 * @throws IpcException if an endpoint cannot be bound; endpoints bound before it are closed again
	 */
	public synchronized void start() {
		if (this.state == State.RUNNING) {
			return;
		}
		if (this.state != State.NEW) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE,
					"service " + this.config.getServiceName() + " was stopped; create a new stub to serve again");
		}
		if (this.config.getEndpoints().isEmpty()) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"service " + this.config.getServiceName() + " has no endpoint to listen on");
		}
		this.dispatcher.executor = handlerExecutor();
		try {
			for (TransportConfig endpoint : this.config.getEndpoints()) {
				Transport transport = TransportFactory.create(endpoint);
				TransportType type = endpoint.type();
				transport.setMessageCallback(message -> this.dispatcher.onMessage(message, type));
				transport.setErrorCallback(this.dispatcher::onTransportError);
				transport.start();
				this.transports.add(transport);
			}
		}
		catch (RuntimeException ex) {
			this.transports.forEach(Transport::stop);
			this.transports.clear();
			shutdownExecutor(0);
			throw ex;
		}
		this.dispatcher.startSweeper();
		this.state = State.RUNNING;
		logger.info("Service {}{} serving {} method(s) on {}", this.config.getServiceName(),
				this.config.getVersion().isEmpty() ? "" : " " + this.config.getVersion(), this.methods.size(),
				getBoundEndpoints());
	}

	private Executor handlerExecutor() {
		Executor executor = this.config.getExecutor();
		if (executor != null) {
			return executor;
		}
		AtomicInteger count = new AtomicInteger();
		String prefix = "cdmf-stub-" + this.config.getServiceName() + "-";
		if (this.config.isVirtualThreads()) {
			// The concurrency limit bounds the threads: one per running request, as the pool would grow to.
			ExecutorService virtual = VirtualThreads.newThreadPerTaskExecutor(prefix);
			this.ownExecutor = virtual;
			return virtual;
		}
		ThreadFactory factory = runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		HandlerPool pool = new HandlerPool(this.config.getMaxConcurrentRequests() + 1, factory);
		this.ownExecutor = pool;
		return pool;
	}

	/**
	 * Returns whether the stub is serving.
	 * @return whether it is running
	 */
	public boolean isRunning() {
		return this.state == State.RUNNING;
	}

	/**
	 * Stops: new requests are answered {@code UNAVAILABLE}, running ones may finish within the grace period, then
	 * the endpoints close. Idempotent.
	 */
	public void stop() {
		synchronized (this) {
			if (this.state == State.STOPPED || this.state == State.STOPPING) {
				return;
			}
			if (this.state == State.NEW) {
				this.state = State.STOPPED;
				return;
			}
			this.state = State.STOPPING;
		}
		drainAndClose();
	}

	/**
	 * Starts stopping: from when this method returns, new requests are answered {@code UNAVAILABLE}; returns at
	 * once and leaves the draining and closing to {@link #stop()}, which may then run on another thread. For a
	 * server that stops several stubs at once and must refuse calls on all of them before it returns.
	 */
	public void refuseNewCalls() {
		synchronized (this) {
			if (this.state == State.RUNNING) {
				this.state = State.REFUSING;
			}
		}
	}

	private void drainAndClose() {
		long graceMillis = this.config.getShutdownGracePeriod().toMillis();
		if (!this.dispatcher.awaitDrained(graceMillis)) {
			logger.warn("Service {} stopped with {} request(s) still running after the {} ms grace period",
					this.config.getServiceName(), this.dispatcher.inFlight(), graceMillis);
		}
		this.dispatcher.stopSweeper();
		for (Transport transport : this.transports) {
			transport.stop();
		}
		shutdownExecutor(graceMillis);
		this.state = State.STOPPED;
		logger.info("Service {} stopped", this.config.getServiceName());
	}

	private void shutdownExecutor(long timeoutMillis) {
		ExecutorService pool = this.ownExecutor;
		if (pool != null) {
			pool.shutdown();
			try {
				if (!pool.awaitTermination(Math.max(timeoutMillis, 1), TimeUnit.MILLISECONDS)) {
					pool.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				pool.shutdownNow();
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	/** Requests the duplicate record remembers now, for tests of its bound. */
	int rememberedRequests() {
		return this.dispatcher.rememberedRequests();
	}

	boolean isStopping() {
		return this.state != State.RUNNING;
	}

	@Nullable MethodRegistration method(String name) {
		return this.methods.get(name);
	}

	/**
	 * Returns the configuration.
	 * @return the configuration
	 */
	public StubConfig getConfig() {
		return this.config;
	}

	/**
	 * Returns the endpoints actually bound (port 0 replaced by the bound port).
	 * @return the endpoint URIs
	 */
	public List<String> getBoundEndpoints() {
		return this.transports.stream().map(Transport::getBoundEndpoint).toList();
	}

	/**
	 * Returns the transports the stub listens on.
	 * @return the transports
	 */
	public List<Transport> getTransports() {
		return Collections.unmodifiableList(this.transports);
	}

	/**
	 * Returns how many requests are running now, without taking a full {@link #getStats() snapshot}.
	 * @return the requests in flight
	 */
	public int getInFlightRequests() {
		return this.dispatcher.inFlight();
	}

	/**
	 * Returns a snapshot of the stub's counters.
	 * @return the statistics
	 */
	public StubStats getStats() {
		Map<String, StubStats.MethodStats> perMethod = new TreeMap<>();
		this.methods.forEach((name, registration) -> perMethod.put(name, registration.snapshot()));
		StubCounters counters = this.dispatcher.counters;
		LatencySnapshot latency = counters.latency.snapshot();
		return new StubStats(counters.requests.sum(), counters.rejected.sum(), counters.errors.sum(),
				counters.duplicatesAnswered.sum(), this.dispatcher.inFlight(), counters.outcomes.failuresByCode(),
				latency, Collections.unmodifiableMap(perMethod));
	}

	/**
	 * Sets every counter to zero.
	 */
	public void resetStats() {
		this.dispatcher.counters.reset();
		this.methods.values().forEach(MethodRegistration::reset);
	}

}
