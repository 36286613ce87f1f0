package io.cdmf.ipc.channel;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.cdmf.ipc.ErrorCode;

/**
 * How a channel judges and restores the health of its endpoints. Immutable; build with {@link #custom()}.
 * <ul>
 * <li><b>Connection loss</b> takes an endpoint out at once; it reconnects after a backoff that starts at
 * {@link #getReconnectInitialBackoff()}, grows by {@link #getReconnectMultiplier()} per failed attempt up to
 * {@link #getReconnectMaxBackoff()}, with {@link #getJitter() jitter}. Calls never trigger a reconnect of their
 * own while a backoff runs; one that finds no endpoint ready waits for the next attempt within its timeout.</li>
 * <li><b>Heartbeats</b>: a connection that received nothing for {@link #getHeartbeatInterval()} sends a heartbeat;
 * after {@link #getHeartbeatMisses()} unanswered ones in a row it is closed as dead, which catches a server that hangs
 * (stopped, deadlocked) rather than exits.</li>
 * <li><b>Passive ejection</b>: {@link #getEjectionFailures()} consecutive failures with one of
 * {@link #getEjectionCodes()} take a connected endpoint out of rotation for {@link #getBaseEjectionTime()} times the
 * number of its ejections so far (capped at {@link #getMaxEjectionTime()}, with jitter); it comes back by itself.
 * At most {@link #getMaxEjectionPercent()} percent of the endpoints are out at once, and never the last one.</li>
 * <li><b>Locality</b>: a tier takes the share {@code min(1, healthy fraction × overprovisioning)} of the calls and the
 * next tier the rest (as Envoy's priority levels), see {@link #getLocalityOverprovisioning()}.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class HealthConfig {

	/** Default quiet time after which a connection sends a heartbeat. */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

	/** Default number of heartbeats in a row that may go unanswered before the connection counts as dead. */
	public static final int DEFAULT_HEARTBEAT_MISSES = 3;

	/** Default number of consecutive failures that eject an endpoint. */
	public static final int DEFAULT_EJECTION_FAILURES = 5;

	/** Default time of a first ejection. */
	public static final Duration DEFAULT_BASE_EJECTION_TIME = Duration.ofSeconds(1);

	/** Default longest ejection. */
	public static final Duration DEFAULT_MAX_EJECTION_TIME = Duration.ofSeconds(30);

	/** Default most endpoints, in percent, that may be ejected at once. */
	public static final int DEFAULT_MAX_EJECTION_PERCENT = 50;

	/** Default wait before the first reconnect. */
	public static final Duration DEFAULT_RECONNECT_INITIAL_BACKOFF = Duration.ofMillis(50);

	/** Default longest wait between reconnects. */
	public static final Duration DEFAULT_RECONNECT_MAX_BACKOFF = Duration.ofSeconds(5);

	/** Default growth of the reconnect backoff per failed attempt. */
	public static final double DEFAULT_RECONNECT_MULTIPLIER = 2.0;

	/** Default random spread of backoffs and ejection times: ±20 %. */
	public static final double DEFAULT_JITTER = 0.2;

	/** Default overprovisioning factor of locality tiers, as Envoy's. */
	public static final double DEFAULT_LOCALITY_OVERPROVISIONING = 1.4;

	/**
	 * Default codes that count as an endpoint's failure: it did not answer, answered too late or its handler broke.
	 * {@code RESOURCE_EXHAUSTED} is left out: an endpoint at its limit is busy, not broken, and the balancer already
	 * steers calls away from it; ejecting it would push its load onto the others.
	 */
	public static final Set<ErrorCode> DEFAULT_EJECTION_CODES = Set.copyOf(EnumSet.of(ErrorCode.UNAVAILABLE,
			ErrorCode.TIMEOUT, ErrorCode.DEADLINE_EXCEEDED, ErrorCode.INTERNAL, ErrorCode.UNKNOWN));

	private static final HealthConfig DEFAULTS = custom().build();

	private final Duration heartbeatInterval;

	private final int heartbeatMisses;

	private final int ejectionFailures;

	private final Duration baseEjectionTime;

	private final Duration maxEjectionTime;

	private final int maxEjectionPercent;

	private final Set<ErrorCode> ejectionCodes;

	private final Duration reconnectInitialBackoff;

	private final Duration reconnectMaxBackoff;

	private final double reconnectMultiplier;

	private final double jitter;

	private final double localityOverprovisioning;

	private HealthConfig(Builder builder) {
		this.heartbeatInterval = builder.heartbeatInterval;
		this.heartbeatMisses = builder.heartbeatMisses;
		this.ejectionFailures = builder.ejectionFailures;
		this.baseEjectionTime = builder.baseEjectionTime;
		this.maxEjectionTime = builder.maxEjectionTime;
		this.maxEjectionPercent = builder.maxEjectionPercent;
		this.ejectionCodes = Set.copyOf(builder.ejectionCodes);
		this.reconnectInitialBackoff = builder.reconnectInitialBackoff;
		this.reconnectMaxBackoff = builder.reconnectMaxBackoff;
		this.reconnectMultiplier = builder.reconnectMultiplier;
		this.jitter = builder.jitter;
		this.localityOverprovisioning = builder.localityOverprovisioning;
	}

	/**
	 * Returns the defaults.
	 * @return the default configuration
	 */
	public static HealthConfig ofDefaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a builder with the defaults.
	 * @return the builder
	 */
	public static Builder custom() {
		return new Builder();
	}

	/**
	 * Returns a builder that starts from a configuration.
	 * @param base the configuration to copy
	 * @return the builder
	 */
	public static Builder from(HealthConfig base) {
		Builder builder = new Builder();
		builder.heartbeatInterval = base.heartbeatInterval;
		builder.heartbeatMisses = base.heartbeatMisses;
		builder.ejectionFailures = base.ejectionFailures;
		builder.baseEjectionTime = base.baseEjectionTime;
		builder.maxEjectionTime = base.maxEjectionTime;
		builder.maxEjectionPercent = base.maxEjectionPercent;
		builder.ejectionCodes = EnumSet.copyOf(base.ejectionCodes);
		builder.reconnectInitialBackoff = base.reconnectInitialBackoff;
		builder.reconnectMaxBackoff = base.reconnectMaxBackoff;
		builder.reconnectMultiplier = base.reconnectMultiplier;
		builder.jitter = base.jitter;
		builder.localityOverprovisioning = base.localityOverprovisioning;
		return builder;
	}

	/**
	 * Returns the quiet time after which a connection sends a heartbeat.
	 * @return the interval, zero when heartbeats are off
	 */
	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	/**
	 * Returns how many heartbeats in a row may go unanswered before the connection counts as dead.
	 * @return the allowed misses
	 */
	public int getHeartbeatMisses() {
		return this.heartbeatMisses;
	}

	/**
	 * Returns how many consecutive failures eject an endpoint.
	 * @return the failures, 0 when ejection is off
	 */
	public int getEjectionFailures() {
		return this.ejectionFailures;
	}

	/**
	 * Returns the time of a first ejection; each further ejection lasts one more such time.
	 * @return the base ejection time
	 */
	public Duration getBaseEjectionTime() {
		return this.baseEjectionTime;
	}

	/**
	 * Returns the longest an ejection lasts.
	 * @return the maximum ejection time
	 */
	public Duration getMaxEjectionTime() {
		return this.maxEjectionTime;
	}

	/**
	 * Returns the most endpoints, in percent of the channel's, that may be out at once; the last one never is.
	 * @return the percentage
	 */
	public int getMaxEjectionPercent() {
		return this.maxEjectionPercent;
	}

	/**
	 * Returns the error codes that count as an endpoint's failure.
	 * @return the codes
	 */
	public Set<ErrorCode> getEjectionCodes() {
		return this.ejectionCodes;
	}

	/**
	 * Returns the wait before the first reconnect after a failure.
	 * @return the initial backoff
	 */
	public Duration getReconnectInitialBackoff() {
		return this.reconnectInitialBackoff;
	}

	/**
	 * Returns the longest wait between reconnects.
	 * @return the maximum backoff
	 */
	public Duration getReconnectMaxBackoff() {
		return this.reconnectMaxBackoff;
	}

	/**
	 * Returns how much the reconnect backoff grows per failed attempt.
	 * @return the multiplier
	 */
	public double getReconnectMultiplier() {
		return this.reconnectMultiplier;
	}

	/**
	 * Returns the random spread of backoffs and ejection times: each is drawn within ± this fraction.
	 * @return the jitter, from 0 (none) below 1
	 */
	public double getJitter() {
		return this.jitter;
	}

	/**
	 * Returns the overprovisioning factor of locality tiers: a tier whose healthy fraction times this factor is 1 or
	 * more takes all calls; below that, the rest spills to the next tier.
	 * @return the factor, at least 1
	 */
	public double getLocalityOverprovisioning() {
		return this.localityOverprovisioning;
	}

	/**
	 * Returns whether a failure code counts toward ejecting its endpoint.
	 * @param code the code
	 * @return whether it is one of {@link #getEjectionCodes()}
	 */
	public boolean isEjectionFailure(ErrorCode code) {
		return this.ejectionCodes.contains(code);
	}

	@Override
	public String toString() {
		return "HealthConfig[heartbeatInterval=" + this.heartbeatInterval + ", heartbeatMisses=" + this.heartbeatMisses
				+ ", ejectionFailures=" + this.ejectionFailures + ", baseEjectionTime=" + this.baseEjectionTime
				+ ", maxEjectionTime=" + this.maxEjectionTime + ", maxEjectionPercent=" + this.maxEjectionPercent
				+ ", reconnect=" + this.reconnectInitialBackoff + ".." + this.reconnectMaxBackoff + " x"
				+ this.reconnectMultiplier + ", jitter=" + this.jitter + "]";
	}

	/**
	 * Builds a {@link HealthConfig}; each setter checks its argument.
	 */
	public static final class Builder {

		private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

		private int heartbeatMisses = DEFAULT_HEARTBEAT_MISSES;

		private int ejectionFailures = DEFAULT_EJECTION_FAILURES;

		private Duration baseEjectionTime = DEFAULT_BASE_EJECTION_TIME;

		private Duration maxEjectionTime = DEFAULT_MAX_EJECTION_TIME;

		private int maxEjectionPercent = DEFAULT_MAX_EJECTION_PERCENT;

		private Set<ErrorCode> ejectionCodes = EnumSet.copyOf(DEFAULT_EJECTION_CODES);

		private Duration reconnectInitialBackoff = DEFAULT_RECONNECT_INITIAL_BACKOFF;

		private Duration reconnectMaxBackoff = DEFAULT_RECONNECT_MAX_BACKOFF;

		private double reconnectMultiplier = DEFAULT_RECONNECT_MULTIPLIER;

		private double jitter = DEFAULT_JITTER;

		private double localityOverprovisioning = DEFAULT_LOCALITY_OVERPROVISIONING;

		private Builder() {
		}

		/**
		 * Sets the quiet time after which a connection sends a heartbeat.
		 * @param heartbeatInterval zero to turn heartbeats off, or a positive duration
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = notNegative("heartbeatInterval", heartbeatInterval);
			return this;
		}

		/**
		 * Sets how many heartbeats in a row may go unanswered.
		 * @param heartbeatMisses at least 1
		 * @return this builder
		 */
		public Builder heartbeatMisses(int heartbeatMisses) {
			if (heartbeatMisses < 1) {
				throw new IllegalArgumentException("heartbeatMisses must be at least 1: " + heartbeatMisses);
			}
			this.heartbeatMisses = heartbeatMisses;
			return this;
		}

		/**
		 * Sets how many consecutive failures eject an endpoint.
		 * @param ejectionFailures zero to turn ejection off, or a positive count
		 * @return this builder
		 */
		public Builder ejectionFailures(int ejectionFailures) {
			if (ejectionFailures < 0) {
				throw new IllegalArgumentException("ejectionFailures must not be negative: " + ejectionFailures);
			}
			this.ejectionFailures = ejectionFailures;
			return this;
		}

		/**
		 * Sets the time of a first ejection.
		 * @param baseEjectionTime a positive duration
		 * @return this builder
		 */
		public Builder baseEjectionTime(Duration baseEjectionTime) {
			this.baseEjectionTime = positive("baseEjectionTime", baseEjectionTime);
			return this;
		}

		/**
		 * Sets the longest ejection.
		 * @param maxEjectionTime a positive duration
		 * @return this builder
		 */
		public Builder maxEjectionTime(Duration maxEjectionTime) {
			this.maxEjectionTime = positive("maxEjectionTime", maxEjectionTime);
			return this;
		}

		/**
		 * Sets the most endpoints, in percent, that may be out at once.
		 * @param maxEjectionPercent from 0 to 100
		 * @return this builder
		 */
		public Builder maxEjectionPercent(int maxEjectionPercent) {
			if (maxEjectionPercent < 0 || maxEjectionPercent > 100) {
				throw new IllegalArgumentException("maxEjectionPercent must be between 0 and 100: " + maxEjectionPercent);
			}
			this.maxEjectionPercent = maxEjectionPercent;
			return this;
		}

		/**
		 * Sets the error codes that count as an endpoint's failure.
		 * @param codes the codes, not empty
		 * @return this builder
		 */
		public Builder ejectionCodes(Set<ErrorCode> codes) {
			Objects.requireNonNull(codes, "codes must not be null");
			if (codes.isEmpty() || codes.contains(ErrorCode.OK)) {
				throw new IllegalArgumentException("ejectionCodes must be failure codes, at least one: " + codes);
			}
			this.ejectionCodes = EnumSet.copyOf(codes);
			return this;
		}

		/**
		 * Sets the wait before the first reconnect.
		 * @param initialBackoff a positive duration
		 * @return this builder
		 */
		public Builder reconnectInitialBackoff(Duration initialBackoff) {
			this.reconnectInitialBackoff = positive("reconnectInitialBackoff", initialBackoff);
			return this;
		}

		/**
		 * Sets the longest wait between reconnects.
		 * @param maxBackoff a positive duration
		 * @return this builder
		 */
		public Builder reconnectMaxBackoff(Duration maxBackoff) {
			this.reconnectMaxBackoff = positive("reconnectMaxBackoff", maxBackoff);
			return this;
		}

		/**
		 * Sets how much the reconnect backoff grows per failed attempt.
		 * @param multiplier at least 1
		 * @return this builder
		 */
		public Builder reconnectMultiplier(double multiplier) {
			if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
				throw new IllegalArgumentException("reconnectMultiplier must be at least 1: " + multiplier);
			}
			this.reconnectMultiplier = multiplier;
			return this;
		}

		/**
		 * Sets the random spread of backoffs and ejection times.
		 * @param jitter at least 0 and below 1
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
		 * Sets the overprovisioning factor of locality tiers.
		 * @param factor at least 1
		 * @return this builder
		 */
		public Builder localityOverprovisioning(double factor) {
			if (!(factor >= 1.0) || Double.isInfinite(factor)) {
				throw new IllegalArgumentException("localityOverprovisioning must be at least 1: " + factor);
			}
			this.localityOverprovisioning = factor;
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 * @throws IllegalArgumentException if a maximum is below its base
		 */
		public HealthConfig build() {
			if (this.maxEjectionTime.compareTo(this.baseEjectionTime) < 0) {
				throw new IllegalArgumentException("maxEjectionTime " + this.maxEjectionTime
						+ " must not be below baseEjectionTime " + this.baseEjectionTime);
			}
			if (this.reconnectMaxBackoff.compareTo(this.reconnectInitialBackoff) < 0) {
				throw new IllegalArgumentException("reconnectMaxBackoff " + this.reconnectMaxBackoff
						+ " must not be below reconnectInitialBackoff " + this.reconnectInitialBackoff);
			}
			return new HealthConfig(this);
		}

		private static Duration positive(String name, Duration value) {
			Objects.requireNonNull(value, name + " must not be null");
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive: " + value);
			}
			return value;
		}

		private static Duration notNegative(String name, Duration value) {
			Objects.requireNonNull(value, name + " must not be null");
			if (value.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative: " + value);
			}
			return value;
		}

	}

}
