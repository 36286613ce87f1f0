package io.cdmf.ipc.channel;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

import io.cdmf.ipc.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class HealthConfigTests {

	@Test
	void shouldHaveDocumentedDefaults() {
		HealthConfig config = HealthConfig.ofDefaults();

		assertThat(config.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.getHeartbeatMisses()).isEqualTo(3);
		assertThat(config.getEjectionFailures()).isEqualTo(5);
		assertThat(config.getBaseEjectionTime()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.getMaxEjectionTime()).isEqualTo(Duration.ofSeconds(30));
		assertThat(config.getMaxEjectionPercent()).isEqualTo(50);
		assertThat(config.getEjectionCodes()).containsExactlyInAnyOrder(ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT,
				ErrorCode.DEADLINE_EXCEEDED, ErrorCode.INTERNAL, ErrorCode.UNKNOWN);
		assertThat(config.getReconnectInitialBackoff()).isEqualTo(Duration.ofMillis(50));
		assertThat(config.getReconnectMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
		assertThat(config.getReconnectMultiplier()).isEqualTo(2.0);
		assertThat(config.getJitter()).isEqualTo(0.2);
		assertThat(config.getLocalityOverprovisioning()).isEqualTo(1.4);
		assertThat(HealthConfig.custom().build()).usingRecursiveComparison().isEqualTo(config);
	}

	@Test
	void whenAnEndpointIsBusyThenThatDoesNotCountTowardEjection() {
		HealthConfig config = HealthConfig.ofDefaults();

		assertThat(config.isEjectionFailure(ErrorCode.RESOURCE_EXHAUSTED)).isFalse();
		assertThat(config.isEjectionFailure(ErrorCode.INVALID_ARGUMENT)).isFalse();
		assertThat(config.isEjectionFailure(ErrorCode.INTERNAL)).isTrue();
	}

	@Test
	void shouldCopyEverySetting() {
		HealthConfig base = HealthConfig.custom()
			.heartbeatInterval(Duration.ZERO)
			.heartbeatMisses(7)
			.ejectionFailures(0)
			.baseEjectionTime(Duration.ofMillis(10))
			.maxEjectionTime(Duration.ofMillis(20))
			.maxEjectionPercent(100)
			.ejectionCodes(Set.of(ErrorCode.TIMEOUT))
			.reconnectInitialBackoff(Duration.ofMillis(1))
			.reconnectMaxBackoff(Duration.ofMillis(2))
			.reconnectMultiplier(1.0)
			.jitter(0.0)
			.localityOverprovisioning(3.0)
			.build();

		HealthConfig copy = HealthConfig.from(base).build();

		assertThat(copy).usingRecursiveComparison().isEqualTo(base);
		assertThat(copy.getEjectionCodes()).containsExactly(ErrorCode.TIMEOUT);
		assertThat(HealthConfig.from(base).heartbeatMisses(1).build().getHeartbeatMisses()).isEqualTo(1);
		assertThat(base.getHeartbeatMisses()).isEqualTo(7);
	}

	@Test
	void shouldNotShareItsEjectionCodesWithTheBuilder() {
		Set<ErrorCode> codes = EnumSet.of(ErrorCode.TIMEOUT);
		HealthConfig config = HealthConfig.custom().ejectionCodes(codes).build();
		codes.add(ErrorCode.INTERNAL);

		assertThat(config.getEjectionCodes()).containsExactly(ErrorCode.TIMEOUT);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 1, 60_000 })
	void shouldAcceptAHeartbeatIntervalOfZeroOrMore(long millis) {
		assertThat(HealthConfig.custom().heartbeatInterval(Duration.ofMillis(millis)).build().getHeartbeatInterval())
			.isEqualTo(Duration.ofMillis(millis));
	}

	@Test
	void shouldRejectANegativeHeartbeatInterval() {
		assertRejected(builder -> builder.heartbeatInterval(Duration.ofNanos(-1)),
				"heartbeatInterval must not be negative: PT-0.000000001S");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void shouldRejectHeartbeatMissesBelowOne(int misses) {
		assertRejected(builder -> builder.heartbeatMisses(misses), "heartbeatMisses must be at least 1: " + misses);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 1_000 })
	void shouldAcceptEjectionFailuresOfZeroOrMore(int failures) {
		assertThat(HealthConfig.custom().ejectionFailures(failures).build().getEjectionFailures()).isEqualTo(failures);
	}

	@Test
	void shouldRejectNegativeEjectionFailures() {
		assertRejected(builder -> builder.ejectionFailures(-1), "ejectionFailures must not be negative: -1");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 99, 100 })
	void shouldAcceptAnEjectionPercentFromZeroToHundred(int percent) {
		assertThat(HealthConfig.custom().maxEjectionPercent(percent).build().getMaxEjectionPercent())
			.isEqualTo(percent);
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 101 })
	void shouldRejectAnEjectionPercentOutsideZeroToHundred(int percent) {
		assertRejected(builder -> builder.maxEjectionPercent(percent),
				"maxEjectionPercent must be between 0 and 100: " + percent);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1 })
	void shouldRejectEjectionAndBackoffTimesThatAreNotPositive(long millis) {
		Duration value = Duration.ofMillis(millis);
		assertRejected(builder -> builder.baseEjectionTime(value), "baseEjectionTime must be positive: " + value);
		assertRejected(builder -> builder.maxEjectionTime(value), "maxEjectionTime must be positive: " + value);
		assertRejected(builder -> builder.reconnectInitialBackoff(value),
				"reconnectInitialBackoff must be positive: " + value);
		assertRejected(builder -> builder.reconnectMaxBackoff(value), "reconnectMaxBackoff must be positive: " + value);
	}

	@Test
	void shouldRejectNullDurations() {
		assertThatNullPointerException().isThrownBy(() -> HealthConfig.custom().heartbeatInterval(null))
			.withMessage("heartbeatInterval must not be null");
		assertThatNullPointerException().isThrownBy(() -> HealthConfig.custom().baseEjectionTime(null))
			.withMessage("baseEjectionTime must not be null");
	}

	@Test
	void shouldRejectEjectionCodesThatAreEmptyOrIncludeSuccess() {
		assertRejected(builder -> builder.ejectionCodes(Set.of()), "ejectionCodes must be failure codes, at least one: []");
		assertRejected(builder -> builder.ejectionCodes(Set.of(ErrorCode.OK)),
				"ejectionCodes must be failure codes, at least one: [OK]");
	}

	@ParameterizedTest
	@ValueSource(doubles = { 1.0, 1.5, 100.0 })
	void shouldAcceptFactorsOfOneOrMore(double factor) {
		HealthConfig config = HealthConfig.custom().reconnectMultiplier(factor).localityOverprovisioning(factor).build();

		assertThat(config.getReconnectMultiplier()).isEqualTo(factor);
		assertThat(config.getLocalityOverprovisioning()).isEqualTo(factor);
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0.999, 0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY })
	void shouldRejectFactorsBelowOneOrNotFinite(double factor) {
		assertRejected(builder -> builder.reconnectMultiplier(factor), "reconnectMultiplier must be at least 1: " + factor);
		assertRejected(builder -> builder.localityOverprovisioning(factor),
				"localityOverprovisioning must be at least 1: " + factor);
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0.0, 0.5, 0.999 })
	void shouldAcceptJitterFromZeroToBelowOne(double jitter) {
		assertThat(HealthConfig.custom().jitter(jitter).build().getJitter()).isEqualTo(jitter);
	}

	@ParameterizedTest
	@ValueSource(doubles = { -0.001, 1.0, Double.NaN })
	void shouldRejectJitterOutsideZeroToBelowOne(double jitter) {
		assertRejected(builder -> builder.jitter(jitter), "jitter must be at least 0 and below 1: " + jitter);
	}

	@Test
	void whenAMaximumIsBelowItsBaseThenBuildFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> HealthConfig.custom()
			.baseEjectionTime(Duration.ofSeconds(2))
			.maxEjectionTime(Duration.ofSeconds(1))
			.build()).withMessage("maxEjectionTime PT1S must not be below baseEjectionTime PT2S");
		assertThatIllegalArgumentException().isThrownBy(() -> HealthConfig.custom()
			.reconnectInitialBackoff(Duration.ofSeconds(2))
			.reconnectMaxBackoff(Duration.ofSeconds(1))
			.build()).withMessage("reconnectMaxBackoff PT1S must not be below reconnectInitialBackoff PT2S");
	}

	@Test
	void whenAMaximumEqualsItsBaseThenBuildSucceeds() {
		HealthConfig config = HealthConfig.custom()
			.baseEjectionTime(Duration.ofSeconds(1))
			.maxEjectionTime(Duration.ofSeconds(1))
			.reconnectInitialBackoff(Duration.ofSeconds(1))
			.reconnectMaxBackoff(Duration.ofSeconds(1))
			.build();

		assertThat(config.getMaxEjectionTime()).isEqualTo(config.getBaseEjectionTime());
		assertThat(config.getReconnectMaxBackoff()).isEqualTo(config.getReconnectInitialBackoff());
	}

	private static void assertRejected(Consumer<HealthConfig.Builder> setting, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> setting.accept(HealthConfig.custom()))
			.withMessage(message);
	}

}
