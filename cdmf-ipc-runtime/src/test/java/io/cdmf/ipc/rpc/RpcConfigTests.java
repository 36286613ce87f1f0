package io.cdmf.ipc.rpc;

import java.time.Duration;
import java.util.Set;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.MessagePriority;
import io.cdmf.ipc.message.SerializationFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The immutable configurations of the RPC layer: defaults and range checks.
 */
class RpcConfigTests {

	@Test
	void shouldHaveDocumentedDefaults() {
		ProxyConfig proxy = ProxyConfig.of("unix:///tmp/x.sock");
		assertThat(proxy.getDefaultTimeout()).isEqualTo(ProxyConfig.DEFAULT_TIMEOUT);
		assertThat(proxy.getRetryPolicy().isEnabled()).isFalse();
		assertThat(proxy.getFormat()).isEqualTo(SerializationFormat.BINARY);
		assertThat(proxy.getServiceName()).isEqualTo("unix:///tmp/x.sock");
		assertThat(proxy.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
		StubConfig stub = StubConfig.custom("S").build();
		assertThat(stub.getMaxConcurrentRequests()).isEqualTo(100);
		assertThat(stub.getRequestTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(stub.isInlineHandlers()).isFalse();
		assertThat(stub.getDuplicateWindow()).isEqualTo(Duration.ofSeconds(60));
		RetryPolicy retry = RetryPolicy.ofDefaults();
		assertThat(retry.getMaxAttempts()).isEqualTo(3);
		assertThat(retry.getRetryOn()).containsExactlyInAnyOrder(ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT,
				ErrorCode.RESOURCE_EXHAUSTED);
		assertThat(retry.getRetryIdempotentOn()).containsExactlyInAnyOrder(ErrorCode.INTERNAL, ErrorCode.UNKNOWN);
		assertThat(retry.retries(ErrorCode.INTERNAL)).isFalse();
		assertThat(retry.retriesIdempotent(ErrorCode.INTERNAL)).isTrue();
		assertThat(retry.retriesIdempotent(ErrorCode.UNAVAILABLE)).isTrue();
		assertThat(retry.retriesIdempotent(ErrorCode.INVALID_ARGUMENT)).isFalse();
		assertThat(CallOptions.DEFAULTS.getTimeout()).isNull();
		assertThat(CallOptions.DEFAULTS.getPriority()).isEqualTo(MessagePriority.NORMAL);
	}

	@Test
	void shouldCopyARetryPolicy() {
		RetryPolicy base = RetryPolicy.custom().maxAttempts(5).retryOn(Set.of(ErrorCode.UNAVAILABLE)).build();
		RetryPolicy copy = RetryPolicy.from(base).multiplier(3).build();
		assertThat(copy.getMaxAttempts()).isEqualTo(5);
		assertThat(copy.retries(ErrorCode.UNAVAILABLE)).isTrue();
		assertThat(copy.retries(ErrorCode.TIMEOUT)).isFalse();
		assertThat(copy.getMultiplier()).isEqualTo(3.0);
		assertThat(copy.getRetryIdempotentOn()).isEqualTo(RetryPolicy.DEFAULT_RETRY_IDEMPOTENT_ON);
	}

	@Test
	void shouldCopyARetryPolicyWithEmptyCodeSets() {
		RetryPolicy base = RetryPolicy.custom().retryOn(Set.of()).retryIdempotentOn(Set.of()).build();
		RetryPolicy copy = RetryPolicy.from(base).build();
		assertThat(copy.getRetryOn()).isEmpty();
		assertThat(copy.getRetryIdempotentOn()).isEmpty();
		assertThat(copy.retriesIdempotent(ErrorCode.INTERNAL)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void shouldRejectNonPositiveCountsNamingTheArgument(int value) {
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.custom().maxAttempts(value))
			.withMessage("maxAttempts must be at least 1: " + value);
		assertThatIllegalArgumentException().isThrownBy(() -> StubConfig.custom("S").maxConcurrentRequests(value))
			.withMessage("maxConcurrentRequests must be positive: " + value);
		assertThatIllegalArgumentException().isThrownBy(() -> StubConfig.custom("S").duplicateCacheSize(value))
			.withMessage("duplicateCacheSize must be positive: " + value);
	}

	@Test
	void shouldRejectBadDurationsAndFractions() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProxyConfig.custom("inproc://x").defaultTimeout(Duration.ZERO))
			.withMessage("defaultTimeout must be positive: PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> CallOptions.custom().timeout(Duration.ofMillis(-1)))
			.withMessageStartingWith("timeout must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.custom().jitter(1.0))
			.withMessage("jitter must be at least 0 and below 1: 1.0");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.custom().multiplier(0.5))
			.withMessage("multiplier must be at least 1: 0.5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryPolicy.custom()
				.initialBackoff(Duration.ofSeconds(5))
				.maxBackoff(Duration.ofSeconds(1))
				.build())
			.withMessageContaining("must not be below initialBackoff");
		assertThatIllegalArgumentException().isThrownBy(() -> StubConfig.custom(" "))
			.withMessageStartingWith("serviceName must not be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProxyConfig.custom("inproc://x").syncSpin(Duration.ofNanos(-1)))
			.withMessageStartingWith("syncSpin must not be negative");
	}

}
