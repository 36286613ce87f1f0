package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Retry settings of a client ({@code cdmf.ipc.client.retry.*}, {@code cdmf.ipc.client.services.<name>.retry.*}).
 * Unset values fall back: per service to {@code cdmf.ipc.client.retry}, and there to the runtime's defaults (on,
 * 3 attempts, 50 ms initial backoff doubling up to 2 s, jitter 0.5). A configuration named after the service, or
 * {@code cdmf-ipc}, in the application's {@code RetryRegistry} wins over these.
 *
 * @since 0.1.0
 */
public class IpcRetrySettings {

	/**
	 * Whether failed calls are retried (only UNAVAILABLE, TIMEOUT and RESOURCE_EXHAUSTED).
	 */
	private @Nullable Boolean enabled;

	/**
	 * Attempts per call, the first included.
	 */
	private @Nullable Integer maxAttempts;

	/**
	 * Wait before the second attempt.
	 */
	private @Nullable Duration initialBackoff;

	/**
	 * Factor by which the wait grows per attempt.
	 */
	private @Nullable Double multiplier;

	/**
	 * Longest wait between attempts.
	 */
	private @Nullable Duration maxBackoff;

	/**
	 * Random spread of each wait, at least 0 (none) and below 1.
	 */
	private @Nullable Double jitter;

	/**
	 * Returns whether calls are retried.
	 * @return whether enabled, or {@code null} if unset
	 */
	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether calls are retried.
	 * @param enabled whether enabled
	 */
	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the attempts per call.
	 * @return the attempts, or {@code null} if unset
	 */
	public @Nullable Integer getMaxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Sets the attempts per call.
	 * @param maxAttempts the attempts
	 */
	public void setMaxAttempts(@Nullable Integer maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	/**
	 * Returns the initial backoff.
	 * @return the backoff, or {@code null} if unset
	 */
	public @Nullable Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	/**
	 * Sets the initial backoff.
	 * @param initialBackoff the backoff
	 */
	public void setInitialBackoff(@Nullable Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	/**
	 * Returns the backoff multiplier.
	 * @return the multiplier, or {@code null} if unset
	 */
	public @Nullable Double getMultiplier() {
		return this.multiplier;
	}

	/**
	 * Sets the backoff multiplier.
	 * @param multiplier the multiplier
	 */
	public void setMultiplier(@Nullable Double multiplier) {
		this.multiplier = multiplier;
	}

	/**
	 * Returns the longest backoff.
	 * @return the backoff, or {@code null} if unset
	 */
	public @Nullable Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * Sets the longest backoff.
	 * @param maxBackoff the backoff
	 */
	public void setMaxBackoff(@Nullable Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Returns the jitter.
	 * @return the jitter, or {@code null} if unset
	 */
	public @Nullable Double getJitter() {
		return this.jitter;
	}

	/**
	 * Sets the jitter.
	 * @param jitter the jitter
	 */
	public void setJitter(@Nullable Double jitter) {
		this.jitter = jitter;
	}

}
