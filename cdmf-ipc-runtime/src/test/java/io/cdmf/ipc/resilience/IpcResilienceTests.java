package io.cdmf.ipc.resilience;

import java.util.Set;
import java.util.function.Predicate;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a channel's retry, made by {@link IpcResilience#retry}, retries: the policy's codes, those of an idempotent
 * call whose other endpoint is ready ({@link RetryElsewhereException}), never a {@link RetryNotSafeException}; a
 * configuration in the registry wins over the policy.
 */
class IpcResilienceTests {

	@ParameterizedTest
	@EnumSource(value = ErrorCode.class, names = { "UNAVAILABLE", "TIMEOUT", "RESOURCE_EXHAUSTED" })
	void shouldRetryThePolicysCodesWhereverTheCallMayGo(ErrorCode code) {
		Predicate<Throwable> retries = retries(RetryRegistry.ofDefaults(), RetryPolicy.ofDefaults());

		assertThat(retries.test(failure(code))).isTrue();
		assertThat(retries.test(new RetryElsewhereException(failure(code)))).isTrue();
		assertThat(retries.test(new RetryNotSafeException(failure(code)))).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = ErrorCode.class, names = { "INTERNAL", "UNKNOWN" })
	void shouldRetryAFailureInsideTheServiceOnlyForAnIdempotentCallWithAnotherEndpointReady(ErrorCode code) {
		Predicate<Throwable> retries = retries(RetryRegistry.ofDefaults(), RetryPolicy.ofDefaults());

		assertThat(retries.test(failure(code))).as("not idempotent, or no other endpoint ready").isFalse();
		assertThat(retries.test(new RetryElsewhereException(failure(code)))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = ErrorCode.class, names = { "INVALID_ARGUMENT", "METHOD_NOT_FOUND", "UNAUTHENTICATED",
			"SERIALIZATION_ERROR", "DEADLINE_EXCEEDED", "CIRCUIT_OPEN" })
	void whenTheFailureIsTheCallersOwnThenAnotherEndpointDoesNotHelpAndItIsNotRetried(ErrorCode code) {
		Predicate<Throwable> retries = retries(RetryRegistry.ofDefaults(), RetryPolicy.ofDefaults());

		assertThat(retries.test(new RetryElsewhereException(failure(code)))).isFalse();
	}

	@Test
	void whenThePolicyRetriesNoIdempotentCodesThenAFailureInsideTheServiceIsNotRetried() {
		RetryPolicy policy = RetryPolicy.custom().retryIdempotentOn(Set.of()).build();
		Predicate<Throwable> retries = retries(RetryRegistry.ofDefaults(), policy);

		assertThat(retries.test(new RetryElsewhereException(failure(ErrorCode.INTERNAL)))).isFalse();
		assertThat(retries.test(new RetryElsewhereException(failure(ErrorCode.UNAVAILABLE)))).isTrue();
	}

	@Test
	void whenTheRegistryConfiguresTheServiceThenItsPredicateJudgesTheFailureOfAnIdempotentCall() {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		registry.addConfiguration("Quotes", RetryConfig.custom()
			.retryOnException(failure -> failure instanceof IpcException ipc
					&& ipc.getErrorCode() == ErrorCode.UNAVAILABLE)
			.build());
		Predicate<Throwable> retries = retries(registry, RetryPolicy.ofDefaults());

		assertThat(retries.test(new RetryElsewhereException(failure(ErrorCode.UNAVAILABLE)))).isTrue();
		assertThat(retries.test(new RetryElsewhereException(failure(ErrorCode.INTERNAL))))
			.as("the policy's retryIdempotentOn does not apply over the registry's configuration")
			.isFalse();
		assertThat(retries.test(new RetryNotSafeException(failure(ErrorCode.UNAVAILABLE)))).isFalse();
	}

	@Test
	void whenTheRegistryRetriesByExceptionClassThenTheFailureOfAnIdempotentCallIsJudgedByItsOwnClass() {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		registry.addConfiguration(IpcResilience.CONFIG_NAME,
				RetryConfig.custom().retryExceptions(io.cdmf.ipc.IpcUnavailableException.class).build());
		Predicate<Throwable> retries = retries(registry, RetryPolicy.ofDefaults());

		assertThat(retries.test(new RetryElsewhereException(failure(ErrorCode.UNAVAILABLE)))).isTrue();
		assertThat(retries.test(new RetryElsewhereException(failure(ErrorCode.INTERNAL)))).isFalse();
	}

	private static Predicate<Throwable> retries(RetryRegistry registry, RetryPolicy policy) {
		Retry retry = IpcResilience.retry(registry, "Quotes", policy);
		return retry.getRetryConfig().getExceptionPredicate();
	}

	private static IpcException failure(ErrorCode code) {
		return IpcException.from(ErrorInfo.of(code, "failed with " + code, "Quotes.quote"));
	}

}
