package io.cdmf.ipc.rpc;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.cdmf.ipc.message.Message;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.jspecify.annotations.Nullable;

/**
 * A proxy's {@link RetryPolicy} on Resilience4j's {@link Retry}: attempts are repeated on a failed result whose code
 * the policy retries, with exponential back-off and jitter; every attempt sends the same message (same id), with
 * its retry count updated.
 */
final class ProxyRetry {

	private final Retry retry;

	private final ProxyCounters counters;

	private ProxyRetry(Retry retry, ProxyCounters counters) {
		this.retry = retry;
		this.counters = counters;
	}

	static @Nullable ProxyRetry of(ProxyConfig config, ProxyCounters counters) {
		RetryPolicy policy = config.getRetryPolicy();
		if (!policy.isEnabled()) {
			return null;
		}
		RetryConfig retryConfig = RetryConfig.<CallResult>custom()
			.maxAttempts(policy.getMaxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.getInitialBackoff(),
					policy.getMultiplier(), policy.getJitter(), policy.getMaxBackoff()))
			.retryOnResult(result -> !result.isSuccess() && policy.retries(result.errorCode()))
			.retryOnException(ex -> false)
			.failAfterMaxAttempts(false)
			.build();
		return new ProxyRetry(Retry.of(config.getServiceName(), retryConfig), counters);
	}

	CallResult call(Message message, Supplier<CallResult> attempt) {
		int[] count = { 0 };
		return this.retry.executeSupplier(() -> {
			retryCount(message, count[0]++);
			return attempt.get();
		});
	}

	CompletableFuture<CallResult> callAsync(Message message, Supplier<CompletableFuture<CallResult>> attempt) {
		int[] count = { 0 };
		return this.retry.executeCompletionStage(RpcScheduler.INSTANCE, () -> {
			retryCount(message, count[0]++);
			return attempt.get();
		}).toCompletableFuture();
	}

	private void retryCount(Message message, int attempt) {
		message.getMetadata().setRetryCount(attempt);
		if (attempt > 0) {
			this.counters.retried();
		}
	}

}
