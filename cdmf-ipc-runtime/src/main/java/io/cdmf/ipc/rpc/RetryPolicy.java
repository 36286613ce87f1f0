package io.cdmf.ipc.rpc;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.cdmf.ipc.ErrorCode;

/**
 * When and how a proxy sends a failed call again. Immutable; build with {@link #custom()}.
 * <p>
 * A retry sends the same request with the same message id, so a stub that already ran it answers from its cache of
 * recent responses instead of running the handler again. By default only failures where that is safe are retried:
 * {@code UNAVAILABLE}, {@code TIMEOUT} and {@code RESOURCE_EXHAUSTED}. An idempotent call is also retried when its
 * attempt failed inside the service ({@link #getRetryIdempotentOn()}: by default {@code INTERNAL} and
 * {@code UNKNOWN}), but only on another endpoint, and only while one is ready: another instance may well answer it,
 * and running it again is harmless by declaration. Waits between attempts grow exponentially with random jitter
 * (Resilience4j's {@code IntervalFunction.ofExponentialRandomBackoff}).
 *
 * @since 0.1.0
 */
public final class RetryPolicy {

	/** Default number of attempts in an enabled policy. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** Default wait before the first retry. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(50);

	/** Default growth of the wait from one retry to the next. */
	public static final double DEFAULT_MULTIPLIER = 2.0;

	/** Default longest wait between attempts. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);

	/** Default randomization of each wait: plus or minus this fraction. */
	public static final double DEFAULT_JITTER = 0.5;

	/**
	 * Default failures also retried when the call is idempotent, on another endpoint: the handler threw, or the
	 * server broke in a way it could not name.
	 */
	public static final Set<ErrorCode> DEFAULT_RETRY_IDEMPOTENT_ON = Set.copyOf(EnumSet.of(ErrorCode.INTERNAL,
			ErrorCode.UNKNOWN));

	/** A policy that never retries. */
	public static final RetryPolicy DISABLED = custom().maxAttempts(1).build();

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final double multiplier;

	private final Duration maxBackoff;

	private final double jitter;

	private final Set<ErrorCode> retryOn;

	private final Set<ErrorCode> retryIdempotentOn;

	private RetryPolicy(Builder builder) {
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.multiplier = builder.multiplier;
		this.maxBackoff = builder.maxBackoff;
		this.jitter = builder.jitter;
		this.retryOn = Set.copyOf(builder.retryOn);
		this.retryIdempotentOn = Set.copyOf(builder.retryIdempotentOn);
	}

	/**
	 * Returns an enabled policy with the defaults.
	 * @return the policy
	 */
	public static RetryPolicy ofDefaults() {
		return custom().build();
	}

	/**
	 * Returns a builder with the defaults of an enabled policy.
	 * @return the builder
	 */
	public static Builder custom() {
		return new Builder();
	}

	/**
	 * Returns a builder starting from another policy.
	 * @param base the policy to copy
	 * @return the builder
	 */
	public static Builder from(RetryPolicy base) {
		Builder builder = new Builder();
		builder.maxAttempts = base.maxAttempts;
		builder.initialBackoff = base.initialBackoff;
		builder.multiplier = base.multiplier;
		builder.maxBackoff = base.maxBackoff;
		builder.jitter = base.jitter;
		builder.retryOn = copy(base.retryOn);
		builder.retryIdempotentOn = copy(base.retryIdempotentOn);
		return builder;
	}

	/**
	 * Returns whether the policy retries at all.
	 * @return whether more than one attempt is allowed
	 */
	public boolean isEnabled() {
		return this.maxAttempts > 1;
	}

	/**
	 * Returns the number of attempts, the first included.
	 * @return the maximum attempts
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Returns the wait before the first retry.
	 * @return the initial backoff
	 */
	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	/**
	 * Returns the growth of the wait per retry.
	 * @return the multiplier
	 */
	public double getMultiplier() {
		return this.multiplier;
	}

	/**
	 * Returns the longest wait between attempts.
	 * @return the maximum backoff
	 */
	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * Returns the randomization of each wait.
	 * @return the jitter fraction, 0 to 1
	 */
	public double getJitter() {
		return this.jitter;
	}

	/**
	 * Returns the failures that are retried.
	 * @return the error codes
	 */
	public Set<ErrorCode> getRetryOn() {
		return this.retryOn;
	}

	/**
	 * Returns the failures retried, besides {@link #getRetryOn()}, when the call is idempotent; such a retry goes to
	 * another endpoint, and there is none when no other endpoint is ready.
	 * @return the error codes
	 */
	public Set<ErrorCode> getRetryIdempotentOn() {
		return this.retryIdempotentOn;
	}

	/**
	 * Returns whether a failure is retried.
	 * @param code the failure
	 * @return whether it is in {@link #getRetryOn()}
	 */
	public boolean retries(ErrorCode code) {
		return this.retryOn.contains(code);
	}

	/**
	 * Returns whether a failure of an idempotent call is retried on another endpoint.
	 * @param code the failure
	 * @return whether it is in {@link #getRetryOn()} or {@link #getRetryIdempotentOn()}
	 */
	public boolean retriesIdempotent(ErrorCode code) {
		return this.retryOn.contains(code) || this.retryIdempotentOn.contains(code);
	}

	private static Set<ErrorCode> copy(Set<ErrorCode> codes) {
		return codes.isEmpty() ? EnumSet.noneOf(ErrorCode.class) : EnumSet.copyOf(codes);
	}

	@Override
	public String toString() {
		return "RetryPolicy[maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff
				+ ", multiplier=" + this.multiplier + ", maxBackoff=" + this.maxBackoff + ", jitter=" + this.jitter
				+ ", retryOn=" + this.retryOn + ", retryIdempotentOn=" + this.retryIdempotentOn + "]";
	}

	/**
	 * Builds a {@link RetryPolicy}; each setter checks its argument.
	 */
	public static final class Builder {

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

		private double multiplier = DEFAULT_MULTIPLIER;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private double jitter = DEFAULT_JITTER;

		private Set<ErrorCode> retryOn = EnumSet.of(ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT,
				ErrorCode.RESOURCE_EXHAUSTED);

		private Set<ErrorCode> retryIdempotentOn = EnumSet.copyOf(DEFAULT_RETRY_IDEMPOTENT_ON);

		private Builder() {
		}

		/**
		 * Sets the number of attempts, the first included; 1 disables retries.
		 * @param maxAttempts at least 1
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Sets the wait before the first retry.
		 * @param initialBackoff a positive duration
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = ProxyConfig.positive("initialBackoff", initialBackoff);
			return this;
		}

		/**
		 * Sets the growth of the wait per retry.
		 * @param multiplier at least 1
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			if (!(multiplier >= 1.0)) {
				throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
			}
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Sets the longest wait between attempts.
		 * @param maxBackoff a positive duration
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = ProxyConfig.positive("maxBackoff", maxBackoff);
			return this;
		}

		/**
		 * Sets the randomization of each wait.
		 * @param jitter 0 (none) to just under 1
		 * @return this builder
		 */
		public Builder jitter(double jitter) {
			if (!(jitter >= 0.0 && jitter < 1.0)) {
				throw new IllegalArgumentException("jitter must be at least 0 and below 1: " + jitter);
			}
			this.jitter = jitter;
			return this;
		}

		/**
		 * Sets the failures that are retried. Codes where the request may have run are safe only because the stub
		 * deduplicates by message id.
		 * @param codes the error codes
		 * @return this builder
		 */
		public Builder retryOn(Set<ErrorCode> codes) {
			Objects.requireNonNull(codes, "retryOn must not be null");
			this.retryOn = copy(codes);
			return this;
		}

		/**
		 * Sets the failures retried, besides those of {@link #retryOn}, when the call is idempotent: on another
		 * endpoint, while one is ready. An empty set retries idempotent calls on the {@code retryOn} codes only.
		 * @param codes the error codes
		 * @return this builder
		 */
		public Builder retryIdempotentOn(Set<ErrorCode> codes) {
			Objects.requireNonNull(codes, "retryIdempotentOn must not be null");
			this.retryIdempotentOn = copy(codes);
			return this;
		}

		/**
		 * Builds the policy.
		 * @return the policy
		 */
		public RetryPolicy build() {
			if (this.maxBackoff.compareTo(this.initialBackoff) < 0) {
				throw new IllegalArgumentException(
						"maxBackoff " + this.maxBackoff + " must not be below initialBackoff " + this.initialBackoff);
			}
			return new RetryPolicy(this);
		}

	}

}
