package io.cdmf.ipc.rpc;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.stats.LatencyRecorder;
import io.cdmf.ipc.stats.OutcomeCounters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics of a {@link ServiceStub}: every request's outcome is counted here, whichever path it took through
 * the {@link StubDispatcher}. Counting is part of the stub's core, not an interceptor, so that the statistics are
 * there with no interceptor set; a {@link CallListener} is one ({@link StubInterceptors}).
 */
final class StubCounters {

	private static final Logger logger = LoggerFactory.getLogger(ServiceStub.class);

	private final String service;

	final LongAdder requests = new LongAdder();

	final LongAdder rejected = new LongAdder();

	final LongAdder errors = new LongAdder();

	final LongAdder duplicatesAnswered = new LongAdder();

	final OutcomeCounters outcomes = new OutcomeCounters();

	final LatencyRecorder latency = new LatencyRecorder();

	StubCounters(String service) {
		this.service = service;
	}

	/**
	 * Counts a request whose handler finished (or failed, or overran its deadline).
	 * @param method the method
	 * @param elapsedNanos how long it ran
	 * @param failure why it failed, or {@code null} for a success
	 * @return the error to answer with, or {@code null} for a success
	 */
	@Nullable ErrorInfo finished(MethodRegistration method, long elapsedNanos, @Nullable Throwable failure) {
		method.calls.increment();
		method.latency.recordNanos(elapsedNanos);
		this.latency.recordNanos(elapsedNanos);
		ErrorInfo error = null;
		ErrorCode outcome = ErrorCode.OK;
		if (failure != null) {
			error = describe(method, failure);
			outcome = error.code();
			this.errors.increment();
			method.errors.increment();
			if (outcome == ErrorCode.INTERNAL) {
				logger.warn("Handler of {}.{} failed; the caller gets INTERNAL", this.service, method.name,
						unwrap(failure));
			}
		}
		this.outcomes.increment(outcome);
		return error;
	}

	/**
	 * Counts a request refused before its handler ran.
	 * @param code why it was refused
	 */
	void rejected(ErrorCode code) {
		this.rejected.increment();
		this.outcomes.increment(code);
	}

	private ErrorInfo describe(MethodRegistration method, Throwable failure) {
		Throwable cause = unwrap(failure);
		String context = this.service + "." + method.name;
		if (cause instanceof IpcException ipc) {
			return ErrorInfo.of(ipc.getErrorCode(), String.valueOf(ipc.getMessage()), context);
		}
		String text = cause.getClass().getName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		return ErrorInfo.of(ErrorCode.INTERNAL, text, context);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	void reset() {
		this.requests.reset();
		this.rejected.reset();
		this.errors.reset();
		this.duplicatesAnswered.reset();
		this.outcomes.reset();
		this.latency.reset();
	}

}
