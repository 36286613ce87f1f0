package io.cdmf.ipc.channel.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.resilience.RetryElsewhereException;
import io.cdmf.ipc.resilience.RetryNotSafeException;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.transport.Transport;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;

/**
 * The attempts of one call: the call passes the service's circuit breaker once, and the breaker records its final
 * result, after every retry (a failure that a retry on a healthy endpoint recovers is no failure of the service: the
 * endpoint's own health handles it); each attempt picks an endpoint and a connection and is sent; the service's retry
 * decides whether a failed one is repeated, and this class where.
 * <p>
 * <b>When a request can run twice.</b> Every attempt carries the same message id and the {@code DEDUPLICATE} flag,
 * so a server process answers a repeat from its record of the first run instead of running it again. A failed attempt
 * is therefore repeated:
 * <ul>
 * <li>on any endpoint (another one preferred) when no attempt so far may have run: each was never sent, or the
 * server said it refused it before running ({@link CallResult#isKnownNotRun()});</li>
 * <li>on any endpoint when the method is idempotent ({@code @Idempotent}, {@code CallOptions.idempotent},
 * {@code ChannelConfig.Builder.idempotentMethods}): running it twice is harmless by declaration. While another
 * endpoint is ready, the failure goes to the retry as a {@link RetryElsewhereException}, so that failures inside the
 * service (the policy's {@code retryIdempotentOn}: a handler that threw) are retried too, on that other endpoint: one
 * broken instance of three then costs its callers a retry, not a failure;</li>
 * <li>otherwise only on the very connection the attempt that may have run went over, while it stays open: the same
 * server process then answers the repeat from its duplicate record. If that connection is gone (the server died or
 * the connection broke), the call is not repeated and fails with a message saying the request may have run.</li>
 * </ul>
 * So a non-idempotent request runs twice only if its server's duplicate record lost it (more requests than the
 * stub's {@code duplicateCacheSize} within its {@code duplicateWindow}) while the retry was on its way.
 */
final class CallAttempts {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

	private CallAttempts() {
	}

	// ---- synchronous ----

	static CallResult sync(DefaultChannel channel, Message message, long timeoutNanos, boolean idempotent,
			@Nullable DefaultClientCall call) {
		Retry retry = channel.retryOrNull();
		CircuitBreaker breaker = channel.breaker();
		if (breaker != null && !breaker.tryAcquirePermission()) {
			return circuitOpen(breaker, message);
		}
		long start = System.nanoTime();
		CallResult result = (retry == null) ? attemptSync(channel, message, timeoutNanos, null, call)
				: retrySync(channel, retry, message, timeoutNanos, idempotent, call);
		record(breaker, start, result);
		return result;
	}

	private static CallResult retrySync(DefaultChannel channel, Retry retry, Message message, long timeoutNanos,
			boolean idempotent, @Nullable DefaultClientCall call) {
		Retry.AsyncContext<CallResult> context = retry.asyncContext();
		RetryTrack track = new RetryTrack(channel, idempotent);
		for (int attempt = 0;; attempt++) {
			message.getMetadata().setRetryCount(attempt);
			CallResult result = attemptSync(channel, message, timeoutNanos, track, call);
			if (result.isSuccess()) {
				context.onComplete();
				return result;
			}
			long delayMillis = track.next(context, result, message.getMetadata().getSubject());
			if (delayMillis < 0) {
				return track.finalResult(result);
			}
			if (!pause(delayMillis)) {
				return result;
			}
			channel.counters().retried();
		}
	}

	private static CallResult attemptSync(DefaultChannel channel, Message message, long timeoutNanos,
			@Nullable RetryTrack track, @Nullable DefaultClientCall call) {
		long start = System.nanoTime();
		ClientConnection pinned = (track != null) ? track.pinned : null;
		ClientConnection connection;
		Transport.ReceiveLease lease = null;
		if (pinned != null) {
			connection = pinned;
		}
		else {
			DefaultSubchannel subchannel = channel.pick((track != null) ? track.avoid : null, start + timeoutNanos);
			connection = null;
			if (subchannel != null) {
				Transport.ReceiveLease[] holder = DefaultChannel.leaseHolder();
				connection = subchannel.connectionForSync(holder);
				lease = holder[0];
				holder[0] = null;
			}
			if (connection == null) {
				return CallResult.notRun(channel.noEndpoint(message.getMetadata().getSubject()));
			}
		}
		attempted(connection, track, call);
		return connection.callSync(message, timeoutNanos, channel.spinNanos(), lease);
	}

	// ---- asynchronous ----

	static CompletableFuture<CallResult> async(DefaultChannel channel, Message message, long timeoutNanos,
			boolean idempotent, @Nullable DefaultClientCall call) {
		Retry retry = channel.retryOrNull();
		if (retry == null && channel.breaker() == null) {
			// The plain path: the pending call is the caller's future, nothing else is allocated.
			ClientConnection connection = connectionForAsync(channel, message, System.nanoTime() + timeoutNanos);
			if (connection == null) {
				return CompletableFuture
					.completedFuture(CallResult.notRun(channel.noEndpoint(message.getMetadata().getSubject())));
			}
			attempted(connection, null, call);
			return connection.callAsync(message, timeoutNanos);
		}
		CircuitBreaker breaker = channel.breaker();
		if (breaker != null && !breaker.tryAcquirePermission()) {
			return CompletableFuture.completedFuture(circuitOpen(breaker, message));
		}
		long start = System.nanoTime();
		AsyncCall async = new AsyncCall(channel, message, timeoutNanos,
				(retry != null) ? new RetryTrack(channel, idempotent) : null,
				(retry != null) ? retry.asyncContext() : null, call);
		async.attempt();
		if (breaker == null) {
			return async.result;
		}
		return async.result.thenApply(result -> {
			record(breaker, start, result);
			return result;
		});
	}

	private static @Nullable ClientConnection connectionForAsync(DefaultChannel channel, Message message,
			long deadlineNanos) {
		DefaultSubchannel subchannel = channel.pick(null, deadlineNanos);
		return (subchannel != null) ? subchannel.connectionForAsync() : null;
	}

	/**
	 * One asynchronous call with a breaker or a retry: each attempt runs on the caller's thread first, later on a
	 * connector thread after its backoff (never on the scheduler, as picking may wait for a connection).
	 */
	private static final class AsyncCall {

		final CompletableFuture<CallResult> result = new CompletableFuture<>();

		private final DefaultChannel channel;

		private final Message message;

		private final long timeoutNanos;

		private final @Nullable RetryTrack track;

		private final Retry.@Nullable AsyncContext<CallResult> context;

		private final @Nullable DefaultClientCall call;

		private int attempts;

		AsyncCall(DefaultChannel channel, Message message, long timeoutNanos, @Nullable RetryTrack track,
				Retry.@Nullable AsyncContext<CallResult> context, @Nullable DefaultClientCall call) {
			this.channel = channel;
			this.message = message;
			this.timeoutNanos = timeoutNanos;
			this.track = track;
			this.context = context;
			this.call = call;
		}

		void attempt() {
			this.message.getMetadata().setRetryCount(this.attempts++);
			long start = System.nanoTime();
			RetryTrack current = this.track;
			ClientConnection connection = (current != null) ? current.pinned : null;
			if (connection == null) {
				DefaultSubchannel subchannel = this.channel.pick((current != null) ? current.avoid : null,
						start + this.timeoutNanos);
				connection = (subchannel != null) ? subchannel.connectionForAsync() : null;
			}
			if (connection == null) {
				attemptDone(CallResult.notRun(this.channel.noEndpoint(this.message.getMetadata().getSubject())));
				return;
			}
			attempted(connection, current, this.call);
			connection.callAsync(this.message, this.timeoutNanos).whenComplete((outcome, ex) -> {
				CallResult attemptResult = (outcome != null) ? outcome
						: CallResult.failure(ErrorCode.INTERNAL, "call of " + this.message.getMetadata().getSubject()
								+ " failed: " + ex);
				attemptDone(attemptResult);
			});
		}

		private void attemptDone(CallResult outcome) {
			Retry.AsyncContext<CallResult> retryContext = this.context;
			RetryTrack current = this.track;
			if (retryContext == null || current == null) {
				this.result.complete(outcome);
				return;
			}
			if (outcome.isSuccess()) {
				retryContext.onComplete();
				this.result.complete(outcome);
				return;
			}
			long delayMillis = current.next(retryContext, outcome, this.message.getMetadata().getSubject());
			if (delayMillis < 0 || this.channel.isClosed()) {
				this.result.complete(current.finalResult(outcome));
				return;
			}
			this.channel.counters().retried();
			ChannelThreads.SCHEDULER.schedule(() -> ChannelThreads.CONNECTOR.execute(this::attempt), delayMillis,
					TimeUnit.MILLISECONDS);
		}

	}

	// ---- one-way ----

	static CallResult oneWay(DefaultChannel channel, Message message, long timeoutNanos,
			@Nullable DefaultClientCall call) {
		CircuitBreaker breaker = channel.breaker();
		if (breaker != null && !breaker.tryAcquirePermission()) {
			return circuitOpen(breaker, message);
		}
		long start = System.nanoTime();
		ClientConnection connection = connectionForAsync(channel, message, start + timeoutNanos);
		CallResult result;
		if (connection == null) {
			result = CallResult.notRun(channel.noEndpoint(message.getMetadata().getSubject()));
		}
		else {
			attempted(connection, null, call);
			CallResult failure = connection.sendOneWay(message);
			result = (failure != null) ? failure : CallResult.success(EMPTY, message.getHeader().getFormat());
		}
		record(breaker, start, result);
		return result;
	}

	// ---- shared ----

	private static void attempted(ClientConnection connection, @Nullable RetryTrack track,
			@Nullable DefaultClientCall call) {
		connection.subchannel().picked();
		if (track != null) {
			track.attempted(connection);
		}
		if (call != null) {
			call.attempted(connection);
		}
	}

	private static void record(@Nullable CircuitBreaker breaker, long startNanos, CallResult result) {
		if (breaker == null) {
			return;
		}
		long duration = System.nanoTime() - startNanos;
		ErrorInfo error = result.errorInfo();
		if (error == null) {
			breaker.onSuccess(duration, TimeUnit.NANOSECONDS);
		}
		else {
			breaker.onError(duration, TimeUnit.NANOSECONDS, IpcException.from(error));
		}
	}

	private static CallResult circuitOpen(CircuitBreaker breaker, Message message) {
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		return CallResult.notRun(ErrorInfo.of(ErrorCode.CIRCUIT_OPEN, "circuit breaker '" + breaker.getName() + "' is "
				+ breaker.getState() + " (" + metrics.getNumberOfFailedCalls() + " of the last "
				+ metrics.getNumberOfBufferedCalls() + " calls failed); the call was not sent",
				message.getMetadata().getSubject()));
	}

	/**
	 * Waits a retry backoff.
	 * @return {@code false} if interrupted
	 */
	private static boolean pause(long millis) {
		long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		long left;
		while ((left = end - System.nanoTime()) > 0) {
			LockSupport.parkNanos(left);
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * What the retry of one call needs to know of its attempts so far: whether one may have run, where, and which
	 * endpoint to leave out next.
	 */
	static final class RetryTrack {

		private final DefaultChannel channel;

		private final boolean idempotent;

		@Nullable DefaultSubchannel avoid;

		@Nullable ClientConnection pinned;

		private @Nullable ClientConnection last;

		private @Nullable ClientConnection mayHaveRunOn;

		private boolean stoppedUnsafe;

		RetryTrack(DefaultChannel channel, boolean idempotent) {
			this.channel = channel;
			this.idempotent = idempotent;
		}

		void attempted(ClientConnection connection) {
			this.last = connection;
		}

		/**
		 * Decides on the next attempt after a failed one.
		 * @return the backoff in milliseconds, or -1 to stop
		 */
		long next(Retry.AsyncContext<CallResult> context, CallResult failed, String method) {
			ErrorInfo error = failed.errorInfo();
			IpcException failure = IpcException.from((error != null) ? error
					: ErrorInfo.of(ErrorCode.UNKNOWN, "failed without an error", method));
			if (!failed.isKnownNotRun() && this.mayHaveRunOn == null) {
				this.mayHaveRunOn = (this.last != null) ? this.last : this.pinned;
			}
			ClientConnection ranOn = this.mayHaveRunOn;
			if (ranOn == null || this.idempotent) {
				this.pinned = null;
				DefaultSubchannel failedOn = (this.last != null) ? this.last.subchannel() : null;
				this.avoid = failedOn;
				// Another endpoint may answer an idempotent call that failed inside this one's service; the retry
				// decides, by the failure's code (retryIdempotentOn), whether to send it there.
				boolean elsewhere = this.idempotent && failedOn != null && this.channel.hasReadyBesides(failedOn);
				return context.onError(elsewhere ? new RetryElsewhereException(failure) : failure);
			}
			if (ranOn.isOpen()) {
				// The same server process answers the repeat from its duplicate record.
				this.pinned = ranOn;
				this.avoid = null;
				return context.onError(failure);
			}
			context.onError(new RetryNotSafeException(failure));
			this.stoppedUnsafe = true;
			return -1;
		}

		CallResult finalResult(CallResult failed) {
			ErrorInfo error = failed.errorInfo();
			if (!this.stoppedUnsafe || error == null || error.message().contains("may have run")) {
				return failed;
			}
			return CallResult.failure(ErrorInfo.of(error.code(), error.message() + "; not retried: the request was "
					+ "sent over a connection that is now gone, so it may have run, and the method is not idempotent",
					error.context()));
		}

	}

}
