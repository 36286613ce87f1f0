package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Circuit-breaker settings of a client ({@code cdmf.ipc.client.circuit-breaker.*},
 * {@code cdmf.ipc.client.services.<name>.circuit-breaker.*}). Unset values fall back: per service to
 * {@code cdmf.ipc.client.circuit-breaker}, and there to
 * {@link io.cdmf.ipc.resilience.IpcResilience#circuitBreakerConfig()} (a count window of 20 calls judged from 10 on,
 * open at 50 % failures for 5 s, then 1 test call). A configuration named after the service, or {@code cdmf-ipc}, in
 * the application's {@code CircuitBreakerRegistry} wins over these.
 *
 * @since 0.1.0
 */
public class IpcCircuitBreakerSettings {

	/**
	 * Whether calls go through a circuit breaker, one per called service.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Failure rate, in percent of the calls in the sliding window, at which the breaker opens.
	 */
	private @Nullable Float failureRateThreshold;

	/**
	 * Number of most recent calls the breaker judges.
	 */
	private @Nullable Integer slidingWindowSize;

	/**
	 * Number of calls the sliding window needs before the breaker judges the failure rate; at most the window's
	 * size.
	 */
	private @Nullable Integer minimumNumberOfCalls;

	/**
	 * Time the breaker stays open, refusing calls with CIRCUIT_OPEN, before it lets test calls through.
	 */
	private @Nullable Duration waitDurationInOpenState;

	/**
	 * Number of test calls let through while half open.
	 */
	private @Nullable Integer permittedCallsInHalfOpenState;

	/**
	 * Returns whether calls go through a circuit breaker.
	 * @return whether enabled, or {@code null} if unset
	 */
	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether calls go through a circuit breaker.
	 * @param enabled whether enabled
	 */
	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the failure rate threshold.
	 * @return the threshold in percent, or {@code null} if unset
	 */
	public @Nullable Float getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	/**
	 * Sets the failure rate threshold.
	 * @param failureRateThreshold the threshold in percent
	 */
	public void setFailureRateThreshold(@Nullable Float failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

	/**
	 * Returns the sliding window's size.
	 * @return the size in calls, or {@code null} if unset
	 */
	public @Nullable Integer getSlidingWindowSize() {
		return this.slidingWindowSize;
	}

	/**
	 * Sets the sliding window's size.
	 * @param slidingWindowSize the size in calls
	 */
	public void setSlidingWindowSize(@Nullable Integer slidingWindowSize) {
		this.slidingWindowSize = slidingWindowSize;
	}

	/**
	 * Returns the calls needed before the failure rate is judged.
	 * @return the calls, or {@code null} if unset
	 */
	public @Nullable Integer getMinimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	/**
	 * Sets the calls needed before the failure rate is judged.
	 * @param minimumNumberOfCalls the calls
	 */
	public void setMinimumNumberOfCalls(@Nullable Integer minimumNumberOfCalls) {
		this.minimumNumberOfCalls = minimumNumberOfCalls;
	}

	/**
	 * Returns the time the breaker stays open.
	 * @return the time, or {@code null} if unset
	 */
	public @Nullable Duration getWaitDurationInOpenState() {
		return this.waitDurationInOpenState;
	}

	/**
	 * Sets the time the breaker stays open.
	 * @param waitDurationInOpenState the time
	 */
	public void setWaitDurationInOpenState(@Nullable Duration waitDurationInOpenState) {
		this.waitDurationInOpenState = waitDurationInOpenState;
	}

	/**
	 * Returns the test calls let through while half open.
	 * @return the calls, or {@code null} if unset
	 */
	public @Nullable Integer getPermittedCallsInHalfOpenState() {
		return this.permittedCallsInHalfOpenState;
	}

	/**
	 * Sets the test calls let through while half open.
	 * @param permittedCallsInHalfOpenState the calls
	 */
	public void setPermittedCallsInHalfOpenState(@Nullable Integer permittedCallsInHalfOpenState) {
		this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
	}

}
