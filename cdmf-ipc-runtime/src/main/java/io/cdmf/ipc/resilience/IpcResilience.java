package io.cdmf.ipc.resilience;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The Resilience4j side of channels: circuit-breaker defaults chosen for RPC, retry configurations made from a
 * {@link RetryPolicy}, and how a channel takes its breaker and retry from a registry.
 * <p>
 * A service's breaker and retry are named after the service. Their configuration is, in order: the registry's
 * configuration named after the service; the registry's configuration named {@value #CONFIG_NAME} (one place for all
 * of an application's IPC clients); the channel's own ({@code ChannelConfig}); the defaults here. An instance the
 * application already created under the service's name is used as it is.
 *
 * @since 0.1.0
 */
public final class IpcResilience {

	/** Name of the registry configuration that applies to every IPC client without one of its own. */
	public static final String CONFIG_NAME = "cdmf-ipc";

	/** Calls in the breaker's sliding window. */
	public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;

	/** Calls the breaker needs in its window before it judges the failure rate. */
	public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 10;

	/** Failure rate, in percent, at which the breaker opens. */
	public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;

	/** Time the breaker stays open before it lets a test call through. */
	public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(5);

	/** Test calls let through while half open; the guide's "allow one test call". */
	public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 1;

	/**
	 * Codes that count as the service's failure in the breaker: it was not reached, did not answer in time, was
	 * overloaded or broke. Failures that are the caller's own (a bad argument, an unknown method, a refused
	 * credential, a payload that does not serialize) do not count: they say nothing of the service's health.
	 */
	public static final Set<ErrorCode> CIRCUIT_BREAKER_FAILURE_CODES = Set.copyOf(EnumSet.of(ErrorCode.UNAVAILABLE,
			ErrorCode.TIMEOUT, ErrorCode.DEADLINE_EXCEEDED, ErrorCode.RESOURCE_EXHAUSTED, ErrorCode.INTERNAL,
			ErrorCode.UNKNOWN));

	private static final CircuitBreakerConfig CIRCUIT_BREAKER_DEFAULTS = CircuitBreakerConfig.custom()
		.slidingWindow(DEFAULT_SLIDING_WINDOW_SIZE, DEFAULT_MINIMUM_NUMBER_OF_CALLS, SlidingWindowType.COUNT_BASED,
				SlidingWindowSynchronizationStrategy.LOCK_FREE)
		.failureRateThreshold(DEFAULT_FAILURE_RATE_THRESHOLD)
		.waitDurationInOpenState(DEFAULT_WAIT_DURATION_IN_OPEN_STATE)
		.permittedNumberOfCallsInHalfOpenState(DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE)
		.automaticTransitionFromOpenToHalfOpenEnabled(true)
		.recordException(IpcResilience::isCircuitBreakerFailure)
		.writableStackTraceEnabled(false)
		.build();

	private IpcResilience() {
	}

	/**
	 * Returns the circuit-breaker defaults for RPC, unlike Resilience4j's own (a 100-call window and minimum, 60 s
	 * open): a count window of {@value #DEFAULT_SLIDING_WINDOW_SIZE} calls judged from
	 * {@value #DEFAULT_MINIMUM_NUMBER_OF_CALLS} on, open at {@value #DEFAULT_FAILURE_RATE_THRESHOLD} % failures, for
	 * 5 s, then {@value #DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE} test call (the transition happens by itself,
	 * without waiting for a call); only {@link #CIRCUIT_BREAKER_FAILURE_CODES} count as failures.
	 * @return the configuration
	 */
	public static CircuitBreakerConfig circuitBreakerConfig() {
		return CIRCUIT_BREAKER_DEFAULTS;
	}

	/**
	 * Returns whether an exception a call ended with counts as the service's failure.
	 * @param failure the exception
	 * @return whether it is an {@link IpcException} with one of {@link #CIRCUIT_BREAKER_FAILURE_CODES}
	 */
	public static boolean isCircuitBreakerFailure(Throwable failure) {
		return failure instanceof IpcException ipc && CIRCUIT_BREAKER_FAILURE_CODES.contains(ipc.getErrorCode());
	}

	/**
	 * Returns the retry configuration of a policy: its attempts, exponential backoff with jitter, and the codes it
	 * retries, judged on the {@link IpcException} of each failed attempt.
	 * @param policy the policy; must be {@link RetryPolicy#isEnabled() enabled}
	 * @return the configuration
	 */
	public static RetryConfig retryConfig(RetryPolicy policy) {
		return RetryConfig.custom()
			.maxAttempts(policy.getMaxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.getInitialBackoff(),
					policy.getMultiplier(), policy.getJitter(), policy.getMaxBackoff()))
			.retryOnException(failure -> failure instanceof IpcException ipc && policy.retries(ipc.getErrorCode()))
			.failAfterMaxAttempts(false)
			.build();
	}

	/**
	 * Returns a service's circuit breaker from a registry, configured as the class comment says.
	 * @param registry the registry
	 * @param service the service's name
	 * @param own the channel's configuration, or {@code null} for {@link #circuitBreakerConfig()}
	 * @return the breaker
	 */
	public static CircuitBreaker circuitBreaker(CircuitBreakerRegistry registry, String service,
			@Nullable CircuitBreakerConfig own) {
		return registry.circuitBreaker(service, () -> registry.getConfiguration(service)
			.or(() -> registry.getConfiguration(CONFIG_NAME))
			.orElse((own != null) ? own : CIRCUIT_BREAKER_DEFAULTS));
	}

	/**
	 * Returns a service's retry from a registry, configured as the class comment says, with two rules added to
	 * whatever configuration applies: a {@link RetryNotSafeException} is never retried, and a
	 * {@link RetryElsewhereException} is judged by its failure, and retried as well when the configuration is the
	 * policy's and the failure is one of {@link RetryPolicy#getRetryIdempotentOn()}.
	 * @param registry the registry
	 * @param service the service's name
	 * @param policy the channel's policy, used when the registry has no configuration for the service
	 * @return the retry
	 */
	public static Retry retry(RetryRegistry registry, String service, RetryPolicy policy) {
		return registry.retry(service, () -> {
			Optional<RetryConfig> configured = registry.getConfiguration(service)
				.or(() -> registry.getConfiguration(CONFIG_NAME));
			RetryConfig base = configured.orElseGet(() -> retryConfig(policy));
			boolean policyApplies = configured.isEmpty();
			Predicate<Throwable> retries = base.getExceptionPredicate();
			return RetryConfig.from(base).retryOnException(failure -> {
				if (failure instanceof RetryNotSafeException) {
					return false;
				}
				if (failure instanceof RetryElsewhereException elsewhere) {
					IpcException attempt = elsewhere.getFailure();
					return retries.test(attempt)
							|| (policyApplies && policy.retriesIdempotent(attempt.getErrorCode()));
				}
				return retries.test(failure);
			}).build();
		});
	}

}
