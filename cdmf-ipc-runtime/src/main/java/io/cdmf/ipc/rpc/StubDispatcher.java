package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.resilience.DuplicateRequestCache;
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

	private final ThreadLocal<ServiceRequest> inlineViews = ThreadLocal.withInitial(ServiceRequest::new);

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLong sequence = new AtomicLong();

	private final Object drained = new Object();

	private final RateLimitedLog replyFailureLog = new RateLimitedLog(logger, 5_000);

	final StubCounters counters;

	volatile @Nullable RequestValidator validator;

	volatile @Nullable AuthenticationHandler authenticator;

	volatile Executor executor = Runnable::run;

	private @Nullable ScheduledFuture<?> sweeper;

	StubDispatcher(ServiceStub stub) {
		StubConfig config = stub.getConfig();
		this.stub = stub;
		this.service = config.getServiceName();
		this.maxConcurrent = config.getMaxConcurrentRequests();
		this.requestTimeoutNanos = config.getRequestTimeout().toNanos();
		this.inline = config.isInlineHandlers();
		this.counters = new StubCounters(this.service);
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
		this.counters.requests.increment();
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
			this.counters.duplicatesAnswered.increment();
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
		boolean inlineHere = this.inline || requiresInlineHandling(message);
		if (inlineHere && oneWay && method.handler != null) {
			runOneWay(message, method, transport, now, deadline);
			return;
		}
		// The transport may reuse a transient message and its memory once this delivery returns: a request that can
		// outlive it (an async handler's, one handed to the executor) gets its own copy.
		boolean sameThread = inlineHere && method.asyncHandler == null;
		Message owned = sameThread ? message : message.detached();
		InFlightRequest request = new InFlightRequest(this.sequence.incrementAndGet(), owned, method, transport, now,
				deadline, oneWay, deduplicate);
		this.running.put(request.sequence, request);
		if (inlineHere) {
			run(request);
			if (sameThread && message.isPayloadTransient()) {
				// Answered by now; if the deadline sweep claimed it, the sweep must be done reading the message.
				request.awaitAnswered();
			}
			return;
		}
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

	/**
	 * The inline path of a one-way request to a synchronous handler: nothing can answer it but the handler, and
	 * nothing outlives the call, so there is no in-flight record, no sweep entry and no reply, and a transient
	 * message's request view is reused: nothing is allocated. The concurrency limit was taken by the caller and is
	 * released here; a handler that overran its deadline counts as {@code DEADLINE_EXCEEDED}, as the sweep would
	 * have counted it (when the handler returns rather than at the deadline: a one-way request has no reply to cut
	 * short).
	 */
	private void runOneWay(Message message, MethodRegistration method, TransportType transport, long start,
			long deadline) {
		ServiceRequest view = this.inlineViews.get();
		if (!message.isPayloadTransient() || !view.acquire(message, deadline)) {
			view = new ServiceRequest(message, deadline);
		}
		Throwable failure = null;
		try {
			RequestHandler handler = method.handler;
			if (handler != null) {
				handler.handle(view);
			}
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			view.release();
		}
		long elapsed = System.nanoTime() - start;
		if (failure == null && start + elapsed - deadline >= 0) {
			failure = new IpcException(ErrorCode.DEADLINE_EXCEEDED,
					this.service + "." + method.name + " did not finish within its deadline");
		}
		this.counters.finished(method, transport, elapsed, failure);
		releaseSlot();
		if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
			throw (VirtualMachineError) failure;
		}
	}

	// ---- answering, from a handler thread, the I/O thread or the sweep ----

	private void answer(InFlightRequest request, @Nullable ByteBuffer response, @Nullable Throwable failure) {
		if (!request.claimAnswer()) {
			logger.debug("{}.{} finished after its deadline; its result was dropped", this.service,
					request.method.name);
			return;
		}
		try {
			Message message = request.request;
			ErrorInfo error = this.counters.finished(request.method, request.transport,
					System.nanoTime() - request.startNanos, failure);
			if (!request.oneWay) {
				Message reply = (error != null) ? message.createErrorResponse(error) : message.createResponse();
				if (error == null && response != null) {
					reply.setPayload(response);
				}
				sendReply(message.getOrigin(), reply);
				if (request.deduplicate) {
					this.duplicates.complete(message.getMessageId(), reply);
				}
			}
			release(request);
		}
		finally {
			request.markAnswered();
		}
	}

	private void release(InFlightRequest request) {
		this.running.remove(request.sequence);
		releaseSlot();
	}

	private void releaseSlot() {
		if (this.inFlight.decrementAndGet() == 0 && this.stub.isStopping()) {
			synchronized (this.drained) {
				this.drained.notifyAll();
			}
		}
	}

	private @Nullable Message reject(Message message, TransportType transport, boolean noReply, ErrorCode code,
			String text) {
		String name = message.getMetadata().getSubject();
		this.counters.rejected((this.stub.method(name) != null) ? name : CallListener.UNKNOWN_METHOD, transport, code);
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
