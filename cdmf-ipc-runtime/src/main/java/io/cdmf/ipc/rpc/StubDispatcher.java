package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.resilience.DuplicateRequestCache;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.RateLimitedLog;
import io.cdmf.ipc.transport.ReceiverRelay;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path of a {@link ServiceStub}: the core admission checks around its interceptors, the concurrency
 * limit, handler execution, the answer, the deadline sweep and the statistics.
 * <p>
 * A request goes through: the stopping check and the method lookup; the interceptors' {@code onRequest}; the
 * duplicate check, the deadline check and the concurrency limit; then its handler, on the pool or inline, inside the
 * interceptors' {@code aroundHandler}; then its answer, after the interceptors' {@code onComplete}. Every refusal
 * before the handler starts is answered with flag {@link MessageHeader#FLAG_NOT_EXECUTED}, which lets the caller send
 * the request elsewhere.
 */
final class StubDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(ServiceStub.class);

	private final ServiceStub stub;

	private final String service;

	private final int maxConcurrent;

	private final long requestTimeoutNanos;

	private final boolean inline;

	private final boolean adaptive;

	private final long inlineBudgetNanos;

	/**
	 * Budgets a handler whose thread stays runnable (computing, or waiting for a CPU) may take on a receiving thread
	 * before it is handed off; one that waits (a lock, a sleep, a future) is handed off after one.
	 */
	static final int RUNNABLE_OVERRUN_FACTOR = 20;

	private final DuplicateRequestCache duplicates;

	private final StubInterceptors interceptors;

	private final ThreadLocal<ServiceRequest> inlineViews = ThreadLocal.withInitial(ServiceRequest::new);

	private final InFlightRequests inFlight;

	private final RateLimitedLog replyFailureLog = new RateLimitedLog(logger, 5_000);

	final StubCounters counters;

	volatile Executor executor = Runnable::run;

	StubDispatcher(ServiceStub stub, StubInterceptors interceptors) {
		StubConfig config = stub.getConfig();
		this.stub = stub;
		this.service = config.getServiceName();
		this.maxConcurrent = config.getMaxConcurrentRequests();
		this.requestTimeoutNanos = config.getRequestTimeout().toNanos();
		this.inline = config.getHandlerDispatch() == HandlerDispatch.INLINE;
		this.adaptive = config.getHandlerDispatch() == HandlerDispatch.ADAPTIVE;
		this.inlineBudgetNanos = config.getInlineHandlerBudget().toNanos();
		this.interceptors = interceptors;
		this.inFlight = new InFlightRequests(this.maxConcurrent, stub::isStopping);
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
		long now = System.nanoTime();
		boolean oneWay = type == MessageType.EVENT || message.getHeader().hasFlag(MessageHeader.FLAG_ONE_WAY);
		String name = message.getMetadata().getSubject();
		ServerInterceptor[] chain = this.interceptors.chain();
		if (this.stub.isStopping()) {
			String known = (this.stub.method(name) != null) ? name : CallListener.UNKNOWN_METHOD;
			refuseUnserved(message, transport, oneWay, chain, now, known, ErrorCode.UNAVAILABLE,
					"service " + this.service + " is stopping");
			return;
		}
		MethodRegistration method = this.stub.method(name);
		if (method == null) {
			refuseUnserved(message, transport, oneWay, chain, now, CallListener.UNKNOWN_METHOD,
					ErrorCode.METHOD_NOT_FOUND,
					"service " + this.service + " has no method '" + name + "'; it has " + this.stub.getMethodNames());
			return;
		}
		DefaultServerCall call = null;
		if (chain.length > 0) {
			call = new DefaultServerCall(this.service, name, message, transport, oneWay, chain);
			IpcException refusal = this.interceptors.admit(call);
			if (refusal != null) {
				refuse(message, call, oneWay, now, refusal.getErrorCode(), String.valueOf(refusal.getMessage()));
				return;
			}
		}
		long deadline = now + this.requestTimeoutNanos;
		long expiration = message.getMetadata().getExpirationMillis();
		boolean deduplicate = !oneWay && message.getHeader().hasFlag(MessageHeader.FLAG_DEDUPLICATE);
		// A repeat of a request that ran or runs is answered with that run's result whatever its own deadline, so
		// the duplicate check comes before the deadline check.
		if (deduplicate && this.duplicates.begin(message) != DuplicateRequestCache.Outcome.NEW) {
			this.counters.duplicatesAnswered.increment();
			if (call != null) {
				call.repeat = true;
				this.interceptors.complete(call, ErrorCode.OK, System.nanoTime() - now);
			}
			return;
		}
		if (expiration != 0) {
			long left = TimeUnit.MILLISECONDS.toNanos(expiration - System.currentTimeMillis());
			if (left <= 0) {
				// A caller that may retry has stopped waiting for this attempt by its own clock and sends another
				// with the same id; an answer now would reach that retry and end it. So it gets no answer, and only
				// repeats that came meanwhile get the refusal.
				Message reply = refuse(message, call, oneWay || deduplicate, now, ErrorCode.DEADLINE_EXCEEDED,
						"the deadline of " + this.service + "." + name + " passed before it could run; it did not run");
				if (deduplicate) {
					this.duplicates.abandon(message.getMessageId(), reply);
				}
				return;
			}
			if (!deduplicate) {
				// A request that may be retried keeps running past its caller's deadline, up to the request
				// timeout: the retry carries the same id and is answered with this run's result.
				deadline = Math.min(deadline, now + left);
			}
		}
		if (!this.inFlight.tryAcquire()) {
			Message reply = refuse(message, call, oneWay, now, ErrorCode.RESOURCE_EXHAUSTED, "service " + this.service
					+ " is running " + this.maxConcurrent + " requests, its limit; try again later");
			if (deduplicate) {
				this.duplicates.abandon(message.getMessageId(), reply);
			}
			return;
		}
		boolean inlineHere = this.inline || requiresInlineHandling(message);
		if (inlineHere && oneWay && method.handler != null) {
			runOneWay(message, method, call, now, deadline);
			return;
		}
		ReceiverRelay relay = (this.adaptive && !inlineHere && !method.blocking) ? receiverRelay(message) : null;
		if (relay != null) {
			runRelayed(message, method, call, now, deadline, oneWay, deduplicate, relay);
			return;
		}
		// The transport may reuse a transient message and its memory once this delivery returns: a request that can
		// outlive it (an async handler's, one handed to the executor) gets its own copy.
		boolean sameThread = inlineHere && method.asyncHandler == null;
		Message owned = sameThread ? message : message.detached();
		if (call != null) {
			call.requestOwned(owned);
		}
		InFlightRequest request = new InFlightRequest(this.inFlight.nextSequence(), owned, method, now, deadline,
				oneWay, deduplicate, call);
		this.inFlight.add(request);
		if (inlineHere) {
			run(request);
			if (sameThread && message.isPayloadTransient()) {
				// Answered by now; if the deadline sweep claimed it, the sweep must be done reading the message.
				request.awaitAnswered();
			}
			return;
		}
		request.pooled = true;
		try {
			this.executor.execute(() -> run(request));
		}
		catch (RejectedExecutionException ex) {
			if (request.claimAnswer()) {
				refuseClaimed(request, ErrorCode.RESOURCE_EXHAUSTED,
						"service " + this.service + " has no thread free for " + name);
			}
		}
	}

	/**
	 * The adaptive path: the handler runs here, on the receiving thread, with the request's own copy (a successor
	 * receiver may reuse the transport's memory), watched by the sweep, which hands receiving to a new thread if it
	 * overruns the inline budget ({@link #overrun}).
	 */
	private void runRelayed(Message message, MethodRegistration method, @Nullable DefaultServerCall call, long now,
			long deadline, boolean oneWay, boolean deduplicate, ReceiverRelay relay) {
		Message owned = message.detached();
		if (call != null) {
			call.requestOwned(owned);
		}
		InFlightRequest request = new InFlightRequest(this.inFlight.nextSequence(), owned, method, now, deadline,
				oneWay, deduplicate, call);
		long ticket = relay.begin();
		request.relayTicket = ticket;
		request.receiver = Thread.currentThread();
		request.relay = relay;
		this.inFlight.add(request);
		try {
			run(request);
		}
		finally {
			request.relay = null;
			relay.end(ticket);
		}
	}

	/**
	 * Called by the sweep for a handler running on a receiving thread past the inline budget: hands receiving to a
	 * new thread (unless the handler returned meanwhile) and sends the method's later calls to the executor. That is
	 * at once for a handler whose thread waits (a lock, a sleep, a future), and only after
	 * {@value #RUNNABLE_OVERRUN_FACTOR} budgets for one whose thread is runnable (it computes, reads a socket, or the
	 * machine is loaded and it waits for a CPU, where another thread would not help): on a busy machine a preempted
	 * short handler would otherwise send its method to the pool again and again.
	 */
	private void overrun(InFlightRequest request, long now) {
		ReceiverRelay relay = request.relay;
		Thread receiver = request.receiver;
		if (relay == null || receiver == null) {
			return;
		}
		boolean blocked = receiver.getState() != Thread.State.RUNNABLE;
		boolean overlong = now - request.startNanos >= RUNNABLE_OVERRUN_FACTOR * this.inlineBudgetNanos;
		if (!blocked && !overlong) {
			return;
		}
		request.relay = null;
		if (relay.handOff(request.relayTicket)) {
			MethodRegistration method = request.method;
			method.shortRuns = 0;
			if (!method.blocking) {
				method.blocking = true;
				logger.info("{}.{} ran longer than its inline budget of {} us on the receiving thread of {}; another "
						+ "thread took over receiving, and its calls run on the handler executor until {} in a row are "
						+ "short. Set inline-handlers=false (StubConfig.inlineHandlers(false)) for a service whose "
						+ "handlers block", this.service, method.name, this.inlineBudgetNanos / 1_000,
						describe(request.request), MethodRegistration.SHORT_RUNS_TO_INLINE);
			}
		}
	}

	/**
	 * Counts a run on the executor of a method found blocking, timed from its handler's start (not from arrival: the
	 * wait for a thread is not the handler's): after enough within the budget in a row, the method runs on the
	 * receiving thread again.
	 */
	private void noteExecutorRun(MethodRegistration method, long handlerNanos) {
		if (handlerNanos >= this.inlineBudgetNanos) {
			method.shortRuns = 0;
			return;
		}
		int runs = method.shortRuns + 1;
		method.shortRuns = runs;
		if (runs >= MethodRegistration.SHORT_RUNS_TO_INLINE) {
			method.blocking = false;
			logger.debug("{}.{} ran within its inline budget {} times in a row; it runs on the receiving thread again",
					this.service, method.name, runs);
		}
	}

	private void run(InFlightRequest request) {
		if (!request.start()) {
			return;
		}
		HandlerRun handler = new HandlerRun(request.method, new ServiceRequest(request.request, request.deadlineNanos));
		DefaultServerCall call = request.call;
		// Timed only for a method found blocking, to learn when it may run inline again.
		long began = (request.pooled && request.method.blocking) ? System.nanoTime() : 0;
		if (call != null) {
			this.interceptors.around(call, handler);
		}
		else {
			handler.run();
		}
		if (began != 0) {
			noteExecutorRun(request.method, System.nanoTime() - began);
		}
		CompletionStage<ByteBuffer> stage = handler.stage;
		if (stage != null) {
			stage.whenComplete((response, failure) -> answer(request, response, failure));
		}
		else {
			answer(request, handler.response, handler.failure);
		}
		handler.rethrowFatal();
	}

	/**
	 * The inline path of a one-way request to a synchronous handler: nothing can answer it but the handler, and
	 * nothing outlives the call, so there is no in-flight record, no sweep entry and no reply, and a transient
	 * message's request view is reused: without interceptors, nothing is allocated. The concurrency limit was taken
	 * by the caller and is released here; a handler that overran its deadline counts as {@code DEADLINE_EXCEEDED},
	 * as the sweep would have counted it (when the handler returns rather than at the deadline: a one-way request
	 * has no reply to cut short).
	 */
	private void runOneWay(Message message, MethodRegistration method, @Nullable DefaultServerCall call, long start,
			long deadline) {
		ServiceRequest view = this.inlineViews.get();
		if (!message.isPayloadTransient() || !view.acquire(message, deadline)) {
			view = new ServiceRequest(message, deadline);
		}
		Throwable failure = null;
		try {
			if (call != null) {
				HandlerRun handler = new HandlerRun(method, view);
				this.interceptors.around(call, handler);
				failure = handler.failure;
			}
			else {
				RequestHandler handler = method.handler;
				if (handler != null) {
					handler.handle(view);
				}
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
		ErrorInfo error = this.counters.finished(method, elapsed, failure);
		this.interceptors.complete(call, (error != null) ? error.code() : ErrorCode.OK, elapsed);
		this.inFlight.releaseSlot();
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
		answerClaimed(request, response, failure);
	}

	private void answerClaimed(InFlightRequest request, @Nullable ByteBuffer response, @Nullable Throwable failure) {
		try {
			Message message = request.request;
			long elapsed = System.nanoTime() - request.startNanos;
			ErrorInfo error = this.counters.finished(request.method, elapsed, failure);
			this.interceptors.complete(request.call, (error != null) ? error.code() : ErrorCode.OK, elapsed);
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
			this.inFlight.remove(request);
		}
		finally {
			request.markAnswered();
		}
	}

	/**
	 * Refuses a request that was accepted (it holds a slot and is in flight) but whose handler did not start, once
	 * its answer is claimed.
	 */
	private void refuseClaimed(InFlightRequest request, ErrorCode code, String text) {
		try {
			Message message = request.request;
			// Its handler did not run: a repeat may run it, so the refusal is not kept as the request's result.
			Message reply = refuse(message, request.call, request.oneWay, request.startNanos, code, text);
			if (request.deduplicate) {
				this.duplicates.abandon(message.getMessageId(), reply);
			}
			this.inFlight.remove(request);
		}
		finally {
			request.markAnswered();
		}
	}

	/**
	 * Refuses a request the stub does not serve (it is stopping, or has no such method), before any interceptor
	 * saw it; every interceptor's {@code onComplete} is told.
	 */
	private void refuseUnserved(Message message, TransportType transport, boolean oneWay, ServerInterceptor[] chain,
			long start, String method, ErrorCode code, String text) {
		DefaultServerCall call = null;
		if (chain.length > 0) {
			call = new DefaultServerCall(this.service, method, message, transport, oneWay, chain);
			call.started = chain.length;
		}
		refuse(message, call, oneWay, start, code, text);
	}

	/**
	 * Refuses a request before its handler started: counts it, tells the interceptors, and answers it with flag
	 * {@code NOT_EXECUTED} unless {@code noReply}.
	 * @return the reply, made even when it is not sent, for the repeats of a deduplicated request
	 */
	private Message refuse(Message message, @Nullable DefaultServerCall call, boolean noReply, long start,
			ErrorCode code, String text) {
		this.counters.rejected(code);
		this.interceptors.complete(call, code, System.nanoTime() - start);
		Message reply = message
			.createErrorResponse(ErrorInfo.of(code, text, this.service + "." + message.getMetadata().getSubject()));
		reply.getHeader().setFlag(MessageHeader.FLAG_NOT_EXECUTED, true);
		if (noReply) {
			logger.debug("Request refused without an answer: {}", text);
		}
		else {
			sendReply(message.getOrigin(), reply);
		}
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

	int rememberedRequests() {
		return this.duplicates.size();
	}

	// ---- deadlines, draining, statistics ----

	void startSweeper() {
		this.inFlight.startSweeper(this::expire, this::overrun, this.inlineBudgetNanos);
	}

	void stopSweeper() {
		this.inFlight.stopSweeper();
	}

	/**
	 * Answers a request whose deadline passed: one whose handler did not start yet (it waits for a thread) is
	 * refused as not run; one whose handler runs has its caller answered now, and the handler's result is dropped.
	 */
	private void expire(InFlightRequest request) {
		if (!request.claimAnswer()) {
			return;
		}
		if (request.hasStarted()) {
			answerClaimed(request, null, new IpcException(ErrorCode.DEADLINE_EXCEEDED,
					this.service + "." + request.method.name + " did not finish within its deadline"));
		}
		else {
			refuseClaimed(request, ErrorCode.DEADLINE_EXCEEDED, "the deadline of " + this.service + "."
					+ request.method.name + " passed before it could run; it did not run");
		}
	}

	boolean awaitDrained(long timeoutMillis) {
		return this.inFlight.awaitDrained(timeoutMillis);
	}

	int inFlight() {
		return this.inFlight.count();
	}

	private static @Nullable ReceiverRelay receiverRelay(Message message) {
		return (message.getOrigin() instanceof Connection connection) ? connection.receiverRelay() : null;
	}

	private static boolean requiresInlineHandling(Message message) {
		return message.getOrigin() instanceof Connection connection && connection.requiresInlineHandling();
	}

	private static String describe(Message message) {
		MessageOrigin origin = message.getOrigin();
		return (origin != null) ? origin.describe() : "unknown peer";
	}

}
