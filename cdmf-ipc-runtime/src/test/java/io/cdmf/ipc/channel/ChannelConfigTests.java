package io.cdmf.ipc.channel;

import java.time.Duration;
import java.util.List;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ClientInterceptor;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ChannelConfigTests {

	private static final String A = "unix:///tmp/config-a.sock";

	private static final String B = "unix:///tmp/config-b.sock";

	@Test
	void shouldHaveDocumentedDefaults() {
		ChannelConfig config = ChannelConfig.custom("Quotes").build();

		assertThat(config.getServiceName()).isEqualTo("Quotes");
		assertThat(config.getEndpoints()).isEmpty();
		assertThat(config.getDefaultTimeout()).isEqualTo(ChannelConfig.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
		assertThat(config.getFormat()).isEqualTo(SerializationFormat.BINARY);
		assertThat(config.getRetryPolicy()).isSameAs(RetryPolicy.DISABLED);
		assertThat(config.getRetryRegistry()).isNull();
		assertThat(config.isCircuitBreakerEnabled()).isTrue();
		assertThat(config.getCircuitBreakerConfig()).isNull();
		assertThat(config.getCircuitBreakerRegistry()).isNull();
		assertThat(config.getLoadBalancer().name()).isEqualTo(LoadBalancer.POWER_OF_TWO_CHOICES);
		assertThat(config.getHealth()).isSameAs(HealthConfig.ofDefaults());
		assertThat(config.getMaxConnectionsPerEndpoint()).isEqualTo(4);
		assertThat(config.getSyncSpin()).isEqualTo(Duration.ofNanos(50_000));
		assertThat(config.getInterceptors()).isEmpty();
		assertThat(config.getIdempotentMethods()).isEmpty();
	}

	@Test
	void shouldCopyEverySetting() {
		ClientInterceptor interceptor = new ClientInterceptor() {
		};
		CircuitBreakerConfig breaker = CircuitBreakerConfig.custom().slidingWindowSize(3).build();
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		RetryRegistry retries = RetryRegistry.ofDefaults();
		HealthConfig health = HealthConfig.custom().heartbeatMisses(9).build();
		LoadBalancer.Factory balancer = LoadBalancer.named(LoadBalancer.ROUND_ROBIN);
		ChannelConfig base = ChannelConfig.custom("Quotes")
			.endpoints(A)
			.defaultTimeout(Duration.ofMillis(100))
			.format(SerializationFormat.JSON)
			.retryPolicy(RetryPolicy.ofDefaults())
			.retryRegistry(retries)
			.circuitBreaker(false)
			.circuitBreakerConfig(breaker)
			.circuitBreakerRegistry(breakers)
			.loadBalancer(balancer)
			.health(health)
			.maxConnectionsPerEndpoint(1)
			.syncSpin(Duration.ZERO)
			.interceptor(interceptor)
			.idempotentMethods("quote")
			.build();

		ChannelConfig copy = ChannelConfig.from(base).endpoints(B).build();

		assertThat(copy).usingRecursiveComparison().ignoringFields("endpoints").isEqualTo(base);
		assertThat(copy.getEndpoints()).extracting(ChannelEndpoint::uri).containsExactly(A, B);
		assertThat(base.getEndpoints()).extracting(ChannelEndpoint::uri).containsExactly(A);
		assertThat(copy.getCircuitBreakerConfig()).isSameAs(breaker);
		assertThat(copy.getInterceptors()).containsExactly(interceptor);
	}

	@Test
	void shouldAddEndpointsInOrderFromEveryKindOfSetter() {
		ChannelConfig config = ChannelConfig.custom("Quotes")
			.endpoints(A)
			.endpoint(ChannelEndpoint.of(B))
			.endpoints(List.of(ChannelEndpoint.of("tcp://127.0.0.1:7070?weight=3")))
			.build();

		assertThat(config.getEndpoints()).extracting(ChannelEndpoint::uri)
			.containsExactly(A, B, "tcp://127.0.0.1:7070?weight=3");
		assertThat(config.getEndpoints().get(2).weight()).isEqualTo(3);
	}

	@Test
	void whenAnEndpointIsAddedTwiceThenBuildFailsNamingIt() {
		ChannelConfig.Builder builder = ChannelConfig.custom("Quotes").endpoints(A + "," + B).endpoint(ChannelEndpoint.of(A));

		assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage("endpoint " + A + " is listed twice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t" })
	void shouldRejectABlankServiceName(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelConfig.custom(name))
			.withMessage("serviceName must not be blank");
	}

	@Test
	void shouldRejectANullServiceName() {
		assertThatNullPointerException().isThrownBy(() -> ChannelConfig.custom(null))
			.withMessage("serviceName must not be null");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1 })
	void shouldRejectATimeoutThatIsNotPositive(long millis) {
		Duration timeout = Duration.ofMillis(millis);
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelConfig.custom("Quotes").defaultTimeout(timeout))
			.withMessage("defaultTimeout must be positive: " + timeout);
	}

	@Test
	void shouldAcceptTheShortestTimeout() {
		assertThat(ChannelConfig.custom("Quotes").defaultTimeout(Duration.ofNanos(1)).build().getDefaultTimeout())
			.isEqualTo(Duration.ofNanos(1));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 64 })
	void shouldAcceptConnectionsPerEndpointFromOneToSixtyFour(int connections) {
		assertThat(ChannelConfig.custom("Quotes").maxConnectionsPerEndpoint(connections).build()
			.getMaxConnectionsPerEndpoint()).isEqualTo(connections);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 65 })
	void shouldRejectConnectionsPerEndpointOutsideOneToSixtyFour(int connections) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChannelConfig.custom("Quotes").maxConnectionsPerEndpoint(connections))
			.withMessage("maxConnectionsPerEndpoint must be between 1 and 64: " + connections);
	}

	@Test
	void shouldAcceptNoSpinAndRejectANegativeOne() {
		assertThat(ChannelConfig.custom("Quotes").syncSpin(Duration.ZERO).build().getSyncSpin()).isZero();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChannelConfig.custom("Quotes").syncSpin(Duration.ofNanos(-1)))
			.withMessage("syncSpin must not be negative: PT-0.000000001S");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void shouldRejectBlankIdempotentMethods(String method) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChannelConfig.custom("Quotes").idempotentMethods("quote", method))
			.withMessage("idempotent method names must not be blank");
	}

	@Test
	void shouldKeepIdempotentMethodsOnce() {
		ChannelConfig config = ChannelConfig.custom("Quotes")
			.idempotentMethods("quote", "price")
			.idempotentMethods("quote")
			.build();

		assertThat(config.getIdempotentMethods()).containsExactlyInAnyOrder("quote", "price");
	}

	@Test
	void shouldRejectNullSettings() {
		ChannelConfig.Builder builder = ChannelConfig.custom("Quotes");

		assertThatNullPointerException().isThrownBy(() -> builder.endpoint(null))
			.withMessage("endpoint must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.endpoints((List<ChannelEndpoint>) null))
			.withMessage("endpoints must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.retryPolicy(null))
			.withMessage("retryPolicy must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.loadBalancer(null))
			.withMessage("loadBalancer must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.health(null))
			.withMessage("health must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.interceptor(null))
			.withMessage("interceptor must not be null");
	}

}
