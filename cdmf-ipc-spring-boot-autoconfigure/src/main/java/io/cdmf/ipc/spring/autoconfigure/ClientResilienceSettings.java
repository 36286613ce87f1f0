package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.function.Function;

import io.cdmf.ipc.channel.HealthConfig;
import io.cdmf.ipc.resilience.IpcResilience;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.autoconfigure.ClientSettingLookup.Setting;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.jspecify.annotations.Nullable;

/**
 * Maps the {@code retry.*}, {@code circuit-breaker.*} and {@code health.*} settings of a client to the runtime's
 * {@link RetryPolicy}, {@link CircuitBreakerConfig} and {@link HealthConfig}; unset values keep the runtime's
 * defaults, and a value out of range fails naming its property.
 */
final class ClientResilienceSettings {

	private ClientResilienceSettings() {
	}

	static boolean isRetryDisabled(ClientSettingLookup lookup) {
		Setting<Boolean> enabled = lookup.find("retry.enabled", s -> s.getRetry().getEnabled());
		return enabled != null && !enabled.value();
	}

	static RetryPolicy retryPolicy(ClientSettingLookup lookup) {
		if (isRetryDisabled(lookup)) {
			return RetryPolicy.DISABLED;
		}
		RetryPolicy.Builder builder = RetryPolicy.custom();
		lookup.apply("retry.max-attempts", s -> s.getRetry().getMaxAttempts(), builder::maxAttempts);
		lookup.apply("retry.initial-backoff", s -> s.getRetry().getInitialBackoff(), builder::initialBackoff);
		lookup.apply("retry.multiplier", s -> s.getRetry().getMultiplier(), builder::multiplier);
		lookup.apply("retry.max-backoff", s -> s.getRetry().getMaxBackoff(), builder::maxBackoff);
		lookup.apply("retry.jitter", s -> s.getRetry().getJitter(), builder::jitter);
		Duration initial = valueOr(lookup.find("retry.initial-backoff", s -> s.getRetry().getInitialBackoff()),
				RetryPolicy.DEFAULT_INITIAL_BACKOFF);
		Setting<Duration> max = lookup.find("retry.max-backoff", s -> s.getRetry().getMaxBackoff());
		String property = (max != null) ? max.property() : lookup.property("retry.initial-backoff");
		return IpcSettings.check(property, (max != null) ? max.value() : initial,
				"Set " + property + " to at least the initial backoff (" + initial + ").", builder::build);
	}

	static boolean isCircuitBreakerEnabled(ClientSettingLookup lookup) {
		Setting<Boolean> enabled = lookup.find("circuit-breaker.enabled", s -> s.getCircuitBreaker().getEnabled());
		return enabled == null || enabled.value();
	}

	/**
	 * Returns the breaker's configuration: {@link IpcResilience#circuitBreakerConfig()} with the values set, or
	 * {@code null} when none is set (the channel then takes the same defaults).
	 */
	static @Nullable CircuitBreakerConfig circuitBreakerConfig(ClientSettingLookup lookup) {
		Setting<Float> rate = lookup.find("circuit-breaker.failure-rate-threshold",
				s -> s.getCircuitBreaker().getFailureRateThreshold());
		Setting<Integer> size = lookup.find("circuit-breaker.sliding-window-size",
				s -> s.getCircuitBreaker().getSlidingWindowSize());
		Setting<Integer> minimum = lookup.find("circuit-breaker.minimum-number-of-calls",
				s -> s.getCircuitBreaker().getMinimumNumberOfCalls());
		Setting<Duration> wait = lookup.find("circuit-breaker.wait-duration-in-open-state",
				s -> s.getCircuitBreaker().getWaitDurationInOpenState());
		Setting<Integer> halfOpen = lookup.find("circuit-breaker.permitted-calls-in-half-open-state",
				s -> s.getCircuitBreaker().getPermittedCallsInHalfOpenState());
		if (rate == null && size == null && minimum == null && wait == null && halfOpen == null) {
			return null;
		}
		CircuitBreakerConfig base = IpcResilience.circuitBreakerConfig();
		CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.from(base);
		if (rate != null) {
			IpcSettings.check(rate.property(), rate.value(), () -> builder.failureRateThreshold(rate.value()));
		}
		if (size != null) {
			IpcSettings.check(size.property(), size.value(), () -> builder.slidingWindowSize(size.value()));
		}
		if (minimum != null) {
			IpcSettings.check(minimum.property(), minimum.value(),
					() -> builder.minimumNumberOfCalls(minimum.value()));
		}
		if (size != null || minimum != null) {
			int windowSize = valueOr(size, base.getSlidingWindowSize());
			int minimumCalls = valueOr(minimum, base.getMinimumNumberOfCalls());
			if (minimumCalls > windowSize) {
				// Resilience4j would lower it to the window's size without a word; say so instead.
				String property = (minimum != null) ? minimum.property() : size.property();
				String value = String.valueOf((minimum != null) ? minimumCalls : windowSize);
				throw new IpcConfigurationException(property, value,
						"The circuit breaker of " + lookup.service() + " would need " + minimumCalls
								+ " calls in a sliding window of " + windowSize,
						"Set " + lookup.property("circuit-breaker.minimum-number-of-calls")
								+ " to at most the sliding window's size, or raise "
								+ lookup.property("circuit-breaker.sliding-window-size") + ".",
						null);
			}
			builder.slidingWindow(windowSize, minimumCalls, base.getSlidingWindowType(),
					base.getSlidingWindowSynchronizationStrategy());
		}
		if (wait != null) {
			IpcSettings.check(wait.property(), wait.value(), () -> builder.waitDurationInOpenState(wait.value()));
		}
		if (halfOpen != null) {
			IpcSettings.check(halfOpen.property(), halfOpen.value(),
					() -> builder.permittedNumberOfCallsInHalfOpenState(halfOpen.value()));
		}
		return builder.build();
	}

	static HealthConfig health(ClientSettingLookup lookup) {
		HealthConfig.Builder builder = HealthConfig.custom();
		lookup.apply("health.heartbeat-interval", s -> s.getHealth().getHeartbeatInterval(),
				builder::heartbeatInterval);
		lookup.apply("health.heartbeat-misses", s -> s.getHealth().getHeartbeatMisses(), builder::heartbeatMisses);
		lookup.apply("health.ejection-failures", s -> s.getHealth().getEjectionFailures(), builder::ejectionFailures);
		lookup.apply("health.base-ejection-time", s -> s.getHealth().getBaseEjectionTime(),
				builder::baseEjectionTime);
		lookup.apply("health.max-ejection-time", s -> s.getHealth().getMaxEjectionTime(), builder::maxEjectionTime);
		lookup.apply("health.max-ejection-percent", s -> s.getHealth().getMaxEjectionPercent(),
				builder::maxEjectionPercent);
		lookup.apply("health.reconnect-initial-backoff", s -> s.getHealth().getReconnectInitialBackoff(),
				builder::reconnectInitialBackoff);
		lookup.apply("health.reconnect-max-backoff", s -> s.getHealth().getReconnectMaxBackoff(),
				builder::reconnectMaxBackoff);
		checkNotBelow(lookup, "health.max-ejection-time", s -> s.getHealth().getMaxEjectionTime(),
				HealthConfig.DEFAULT_MAX_EJECTION_TIME, "health.base-ejection-time",
				s -> s.getHealth().getBaseEjectionTime(), HealthConfig.DEFAULT_BASE_EJECTION_TIME);
		checkNotBelow(lookup, "health.reconnect-max-backoff", s -> s.getHealth().getReconnectMaxBackoff(),
				HealthConfig.DEFAULT_RECONNECT_MAX_BACKOFF, "health.reconnect-initial-backoff",
				s -> s.getHealth().getReconnectInitialBackoff(), HealthConfig.DEFAULT_RECONNECT_INITIAL_BACKOFF);
		return builder.build();
	}

	/**
	 * Fails, naming whichever of the two was set, when a maximum is below its base.
	 */
	private static void checkNotBelow(ClientSettingLookup lookup, String maxKey,
			Function<IpcClientSettings, @Nullable Duration> maxGetter, Duration maxDefault,
			String baseKey, Function<IpcClientSettings, @Nullable Duration> baseGetter,
			Duration baseDefault) {
		Setting<Duration> max = lookup.find(maxKey, maxGetter);
		Setting<Duration> base = lookup.find(baseKey, baseGetter);
		Duration maxValue = valueOr(max, maxDefault);
		Duration baseValue = valueOr(base, baseDefault);
		if (maxValue.compareTo(baseValue) < 0) {
			String property = (max != null) ? max.property() : base.property();
			throw new IpcConfigurationException(property, String.valueOf((max != null) ? maxValue : baseValue),
					lookup.property(maxKey) + " (" + maxValue + ") must not be below " + lookup.property(baseKey)
							+ " (" + baseValue + ")",
					"Set " + lookup.property(maxKey) + " to at least " + baseValue + ", or lower "
							+ lookup.property(baseKey) + ".",
					null);
		}
	}

	private static <T> T valueOr(@Nullable Setting<T> setting, T otherwise) {
		return (setting != null) ? setting.value() : otherwise;
	}

}
