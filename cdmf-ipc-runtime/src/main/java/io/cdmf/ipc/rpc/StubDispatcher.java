package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.resilience.DuplicateRequestCache;
import io.cdmf.ipc.stats.LatencyRecorder;
import io.cdmf.ipc.stats.OutcomeCounters;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.RateLimitedLog;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path of a {@link ServiceStub}: admission checks, concurrency limit, handler execution, the answer,
 * the deadline sweep and the statistics.
 */
final class StubDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(ServiceStub.class);

	private static final long SWEEP_INTERVAL_MILLIS = 5;

	private final ServiceStub stub;

	private final String service;

	private final int maxConcurrent;

	private final long requestTimeoutNanos;

	private final boolean inline;

	private final DuplicateRequestCache duplicates;

	private final Map<Long, InFlightRequest> running = new ConcurrentHashMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLong sequence = new AtomicLong();

	private final Object drained = new Object();

	private final RateLimitedLog replyFailureLog = new RateLimitedLog(logger, 5_000);

	final LongAdder requests = new LongAdder();

	final LongAdder rejected = new LongAdder();

	final LongAdder errors = new LongAdder();

	final LongAdder duplicatesAnswered = new LongAdder();

	final OutcomeCounters outcomes = new OutcomeCounters();

	final LatencyRecorder latency = new LatencyRecorder();

	volatile @Nullable RequestValidator validator;

	volatile @Nullable AuthenticationHandler authenticator;

	volatile Executor executor = Runnable::run;

	volatile @Nullable CallListener callListener;

	private @Nullable ScheduledFuture<?> sweeper;

	StubDispatcher(ServiceStub stub) {
		StubConfig config = stub.getConfig();
		this.stub = stub;
		this.service = config.getServiceName();
		this.maxConcurrent = config.getMaxConcurrentRequests();
		this.requestTimeoutNanos = config.getRequestTimeout().toNanos();
		this.inline = config.isInlineHandlers();
		this.duplicates = new DuplicateRequestCache(config.getDuplicateWindow(), config.getDuplicateCacheSize(),
				this::sendReply);
	}

	// ---- receiving, on a transport's I/O thread ----

	void onMessage(Message message, TransportType transport) {
		MessageType type = message.getType();
		if (type == MessageType.HEARTBEAT) {
			sendReply(message.getOrigin(), message.createReply(MessageType.HEARTBEAT));
			return;
		}
		if (type != MessageType.REQUEST && type != MessageType.EVENT) {
			logger.debug("Service {} ignored a {} message from {}", this.service, type, describe(message));
			return;
		}
		this.requests.increment();
		boolean oneWay = type == MessageType.EVENT || message.getHeader().hasFlag(MessageHeader.FLAG_ONE_WAY);
		String name = message.getMetadata().getSubject();
		if (this.stub.isStopping()) {
			reject(message, transport, oneWay, ErrorCode.UNAVAILABLE, "service " + this.service + " is stopping");
			return;
		}
		MethodRegistration method = this.stub.method(name);
		if (method == null) {
			reject(message, transport, oneWay, ErrorCode.METHOD_NOT_FOUND, "service " + this.service + " has no method '"
					+ name + "'; it has " + this.stub.getMethodNames());
			return;
		}
		AuthenticationHandler auth = this.authenticator;
		if (auth != null && !auth.authenticate(message, peer(message))) {
			reject(message, transport, oneWay, ErrorCode.UNAUTHENTICATED,
					"service " + this.service + " refused the caller " + peer(message));
			return;
		}
		RequestValidator check = this.validator;
		if (check != null && !check.isValid(message)) {
			reject(message, transport, oneWay, ErrorCode.INVALID_ARGUMENT,
					"request to " + this.service + "." + name + " was refused by the service's request validator");
			return;
		}
		long now = System.nanoTime();
		long deadline = now + this.requestTimeoutNanos;
		long expiration = message.getMetadata().getExpirationMillis();
		boolean deduplicate = !oneWay && message.getHeader().hasFlag(MessageHeader.FLAG_DEDUPLICATE);
		// A repeat of a request that ran or runs is answered with that run's result whatever its own deadline, so
		// the duplicate check comes before the deadline check.
		if (deduplicate && this.duplicates.begin(message) != DuplicateRequestCache.Outcome.NEW) {
			this.duplicatesAnswered.increment();
			return;
		}
		if (expiration != 0) {
			long left = TimeUnit.MILLISECONDS.toNanos(expiration - System.currentTimeMillis());
			if (left <= 0) {
				// A caller that may retry has stopped waiting for this attempt by its own clock and sends another
				// with the same id; an answer now would reach that retry and end it. So it gets no answer.
				Message reply = reject(message, transport, oneWay || deduplicate, ErrorCode.DEADLINE_EXCEEDED,
						"the deadline of " + this.service + "." + name + " passed before it could run; it did not run");
				if (deduplicate) {
					this.duplicates.abandon(message.getMessageId(), (reply != null) ? reply
							: message.createErrorResponse(ErrorInfo.of(ErrorCode.DEADLINE_EXCEEDED,
									"the deadline passed before the request could run", this.service + "." + name)));
				}
				return;
			}
			if (!deduplicate) {
				// A request that may be retried keeps running past its caller's deadline, up to the request
				// timeout: the retry carries the same id and is answered with this run's result.
				deadline = Math.min(deadline, now + left);
			}
		}
		if (this.inFlight.incrementAndGet() > this.maxConcurrent) {
			this.inFlight.decrementAndGet();
			Message reply = reject(message, transport, oneWay, ErrorCode.RESOURCE_EXHAUSTED, "service " + this.service
					+ " is running " + this.maxConcurrent + " requests, its limit; try again later");
			if (deduplicate && reply != null) {
				this.duplicates.abandon(message.getMessageId(), reply);
			}
			return;
		}
		InFlightRequest request = new InFlightRequest(this.sequence.incrementAndGet(), message, method, transport, now,
				deadline, oneWay, deduplicate);
		this.running.put(request.sequence, request);
		if (this.inline || requiresInlineHandling(message)) {
			if (method.asyncHandler != null) {
				// An async handler may read the payload after it returns: it must not hold a view over ring memory.
				message.detachPayload();
			}
			run(request);
			return;
		}
		// The transport may reuse a transient payload's memory once this delivery returns: copy it before hand-off.
		message.detachPayload();
		try {
			this.executor.execute(() -> run(request));
		}
		catch (RejectedExecutionException ex) {
			answer(request, null, new IpcException(ErrorCode.RESOURCE_EXHAUSTED,
					"service " + this.service + " has no thread free for " + name));
		}
	}

	private void run(InFlightRequest request) {
		if (request.isAnswered()) {
			return;
		}
		ServiceRequest view = new ServiceRequest(request.request, request.deadlineNanos);
		MethodRegistration method = request.method;
		try {
			AsyncRequestHandler async = method.asyncHandler;
			if (async != null) {
				CompletionStage<ByteBuffer> stage = async.handle(view);
				stage.whenComplete((response, failure) -> answer(request, response, failure));
			}
			else {
				RequestHandler handler = method.handler;
				answer(request, (handler != null) ? handler.handle(view) : null, null);
			}
		}
		catch (Throwable failure) {
			answer(request, null, failure);
			if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
				throw (VirtualMachineError) failure;
			}
		}
	}

	// ---- answering, from a handler thread, the I/O thread or the sweep ----

	private void answer(InFlightRequest request, @Nullable ByteBuffer response, @Nullable Throwable failure) {
		if (!request.claimAnswer()) {
			logger.debug("{}.{} finished after its deadline; its result was dropped", this.service,
					request.method.name);
			return;
		}
		Message message = request.request;
		long elapsed = System.nanoTime() - request.startNanos;
		request.method.calls.increment();
		request.method.latency.recordNanos(elapsed);
		this.latency.recordNanos(elapsed);
		Message reply;
		ErrorCode outcome = ErrorCode.OK;
		if (failure == null) {
			this.outcomes.increment(ErrorCode.OK);
			reply = message.createResponse();
			if (response != null) {
				reply.setPayload(response);
			}
		}
		else {
			ErrorInfo error = describeFailure(request, failure);
			outcome = error.code();
			this.errors.increment();
			request.method.errors.increment();
			this.outcomes.increment(error.code());
			reply = message.createErrorResponse(error);
			if (error.code() == ErrorCode.INTERNAL) {
				logger.warn("Handler of {}.{} failed; the caller gets INTERNAL", this.service, request.method.name,
						unwrap(failure));
			}
		}
		CallListener listener = this.callListener;
		if (listener != null) {
			listener.onCall(this.service, request.method.name, request.transport, outcome, elapsed);
		}
		if (!request.oneWay) {
			sendReply(message.getOrigin(), reply);
		}
		if (request.deduplicate) {
			this.duplicates.complete(message.getMessageId(), reply);
		}
		release(request);
	}

	private ErrorInfo describeFailure(InFlightRequest request, Throwable failure) {
		Throwable cause = unwrap(failure);
		String context = this.service + "." + request.method.name;
		if (cause instanceof IpcException ipc) {
			return ErrorInfo.of(ipc.getErrorCode(), String.valueOf(ipc.getMessage()), context);
		}
		String text = cause.getClass().getName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		return ErrorInfo.of(ErrorCode.INTERNAL, text, context);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private void release(InFlightRequest request) {
		this.running.remove(request.sequence);
		if (this.inFlight.decrementAndGet() == 0 && this.stub.isStopping()) {
			synchronized (this.drained) {
				this.drained.notifyAll();
			}
		}
	}

	private @Nullable Message reject(Message message, TransportType transport, boolean noReply, ErrorCode code,
			String text) {
		this.rejected.increment();
		this.outcomes.increment(code);
		CallListener listener = this.callListener;
		if (listener != null) {
			String name = message.getMetadata().getSubject();
			listener.onCall(this.service, (this.stub.method(name) != null) ? name : CallListener.UNKNOWN_METHOD,
					transport, code, 0);
		}
		if (noReply) {
			logger.debug("Request rejected without an answer: {}", text);
			return null;
		}
		Message reply = message.createErrorResponse(ErrorInfo.of(code, text, this.service + "."
				+ message.getMetadata().getSubject()));
		sendReply(message.getOrigin(), reply);
		return reply;
	}

	private void sendReply(@Nullable MessageOrigin origin, Message reply) {
		if (!(origin instanceof Connection connection)) {
			logger.debug("Reply {} of {} has no connection to go back to", reply.getMessageId(), this.service);
			return;
		}
		try {
			connection.send(reply);
		}
		catch (IpcException ex) {
			this.replyFailureLog.warn("Service {} could not answer {}: {}", this.service, connection.describe(),
					ex.getMessage());
		}
	}

	void onTransportError(TransportError error) {
		logger.debug("Service {}: {}", this.service, error.error());
	}

	// ---- deadlines, draining, statistics ----

	synchronized void startSweeper() {
		this.sweeper = RpcScheduler.INSTANCE.scheduleWithFixedDelay(this::expireRequests, SWEEP_INTERVAL_MILLIS,
				SWEEP_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
	}

	synchronized void stopSweeper() {
		if (this.sweeper != null) {
			this.sweeper.cancel(false);
		}
	}

	private void expireRequests() {
		long now = System.nanoTime();
		for (InFlightRequest request : this.running.values()) {
			if (now - request.deadlineNanos >= 0) {
				answer(request, null, new IpcException(ErrorCode.DEADLINE_EXCEEDED, this.service + "."
						+ request.method.name + " did not finish within its deadline"));
			}
		}
	}

	boolean awaitDrained(long timeoutMillis) {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		synchronized (this.drained) {
			while (this.inFlight.get() > 0) {
				long left = deadline - System.currentTimeMillis();
				if (left <= 0) {
					return false;
				}
				try {
					this.drained.wait(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return true;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	void resetStats() {
		this.requests.reset();
		this.rejected.reset();
		this.errors.reset();
		this.duplicatesAnswered.reset();
		this.outcomes.reset();
		this.latency.reset();
	}

	private static boolean requiresInlineHandling(Message message) {
		return message.getOrigin() instanceof Connection connection && connection.requiresInlineHandling();
	}

	private static PeerCredentials peer(Message message) {
		return (message.getOrigin() instanceof Connection connection) ? connection.peerCredentials()
				: PeerCredentials.UNKNOWN;
	}

	private static String describe(Message message) {
		MessageOrigin origin = message.getOrigin();
		return (origin != null) ? origin.describe() : "unknown peer";
	}

}
