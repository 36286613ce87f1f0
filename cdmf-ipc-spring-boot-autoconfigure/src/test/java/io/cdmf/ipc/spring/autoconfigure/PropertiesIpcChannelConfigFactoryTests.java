package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.channel.HealthConfig;
import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.resilience.IpcResilience;
import io.cdmf.ipc.rpc.ClientInterceptor;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.annotation.IpcClient;
import io.cdmf.ipc.spring.client.IpcClientDefinition;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PropertiesIpcChannelConfigFactory}: {@code cdmf.ipc.client.*} bound as the application would bind
 * it, then mapped to a {@link ChannelConfig}.
 */
class PropertiesIpcChannelConfigFactoryTests {

	@Test
	void whenNothingIsSetThenTheRuntimesDefaultsApply() {
		ChannelConfig config = create(PlainClient.class);
		assertThat(config.getServiceName()).isEqualTo("Plain");
		assertThat(uris(config)).containsExactly("inproc://plain");
		assertThat(config.getFormat()).isEqualTo(SerializationFormat.JSON);
		assertThat(config.getDefaultTimeout()).isEqualTo(ChannelConfig.DEFAULT_TIMEOUT);
		assertThat(config.getLoadBalancer().name()).isEqualTo(LoadBalancer.POWER_OF_TWO_CHOICES);
		assertThat(config.getMaxConnectionsPerEndpoint()).isEqualTo(ChannelConfig.DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT);
		assertThat(config.getIdempotentMethods()).isEmpty();
		assertThat(config.isCircuitBreakerEnabled()).isTrue();
		assertThat(config.getCircuitBreakerConfig()).as("IpcResilience's defaults").isNull();
		assertThat(config.getRetryPolicy().getMaxAttempts()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
		assertThat(config.getHealth()).usingRecursiveComparison().isEqualTo(HealthConfig.ofDefaults());
		assertThat(config.getInterceptors()).isEmpty();
	}

	@Test
	void shouldMergeTheAnnotationsEndpointFirstThenItsEndpoints() {
		assertThat(uris(create(QuotesClient.class))).containsExactly("inproc://quotes-a", "inproc://quotes-b",
				"inproc://quotes-c");
	}

	@Test
	void endpointPropertiesReplaceTheAnnotationsAndMergeInOrder() {
		ChannelConfig config = create(QuotesClient.class, "cdmf.ipc.client.services.Quotes.endpoint=inproc://x",
				"cdmf.ipc.client.services.Quotes.endpoints=inproc://y, inproc://z?weight=3");
		assertThat(uris(config)).containsExactly("inproc://x", "inproc://y", "inproc://z?weight=3");
		assertThat(config.getEndpoints().get(2).weight()).isEqualTo(3);
	}

	@Test
	void endpointsAloneReplaceTheAnnotations() {
		assertThat(uris(create(QuotesClient.class, "cdmf.ipc.client.services.Quotes.endpoints[0]=inproc://only")))
			.containsExactly("inproc://only");
	}

	@Test
	void blankEndpointPropertiesLeaveTheAnnotationsEndpoints() {
		assertThat(uris(create(QuotesClient.class, "cdmf.ipc.client.services.Quotes.endpoint=",
				"cdmf.ipc.client.services.Quotes.endpoints=")))
			.containsExactly("inproc://quotes-a", "inproc://quotes-b", "inproc://quotes-c");
	}

	@Test
	void whenPropertiesGiveAnEndpointTwiceThenTheyFailNamingTheProperty() {
		assertThatExceptionOfType(IpcConfigurationException.class)
			.isThrownBy(() -> create(QuotesClient.class, "cdmf.ipc.client.services.Quotes.endpoint=inproc://x",
					"cdmf.ipc.client.services.Quotes.endpoints=inproc://y,inproc://x"))
			.satisfies(ex -> {
				assertThat(ex.getProperty()).isEqualTo("cdmf.ipc.client.services.Quotes.endpoints");
				assertThat(ex.getMessage()).contains("inproc://x").contains("twice");
			});
	}

	@Test
	void whenTheAnnotationGivesAnEndpointTwiceThenItFailsSayingWhere() {
		assertThatExceptionOfType(IpcConfigurationException.class)
			.isThrownBy(() -> IpcClientDefinition.of(TwiceClient.class))
			.satisfies(ex -> {
				assertThat(ex.getProperty()).contains("@IpcClient on").contains("TwiceClient");
				assertThat(ex.getMessage()).contains("inproc://twice").contains("twice");
			});
	}

	@Test
	void perServiceSettingsOverrideTheDefaultsOneByOne() {
		ChannelConfig config = create(QuotesClient.class, "cdmf.ipc.client.load-balancer=round-robin",
				"cdmf.ipc.client.max-connections-per-endpoint=2", "cdmf.ipc.client.idempotent-methods=ping",
				"cdmf.ipc.client.circuit-breaker.failure-rate-threshold=30",
				"cdmf.ipc.client.health.heartbeat-interval=2s", "cdmf.ipc.client.health.ejection-failures=9",
				"cdmf.ipc.client.services.Quotes.load-balancer=PICK_FIRST",
				"cdmf.ipc.client.services.Quotes.idempotent-methods=quote,lookup",
				"cdmf.ipc.client.services.Quotes.health.ejection-failures=7",
				"cdmf.ipc.client.services.Quotes.health.base-ejection-time=2s",
				"cdmf.ipc.client.services.Quotes.health.max-ejection-time=1m",
				"cdmf.ipc.client.services.Quotes.health.max-ejection-percent=20",
				"cdmf.ipc.client.services.Quotes.health.heartbeat-misses=4",
				"cdmf.ipc.client.services.Quotes.health.reconnect-initial-backoff=100ms",
				"cdmf.ipc.client.services.Quotes.health.reconnect-max-backoff=10s",
				"cdmf.ipc.client.services.Quotes.circuit-breaker.sliding-window-size=40",
				"cdmf.ipc.client.services.Quotes.circuit-breaker.minimum-number-of-calls=25",
				"cdmf.ipc.client.services.Quotes.circuit-breaker.wait-duration-in-open-state=3s",
				"cdmf.ipc.client.services.Quotes.circuit-breaker.permitted-calls-in-half-open-state=2");
		assertThat(config.getLoadBalancer().name()).isEqualTo(LoadBalancer.PICK_FIRST);
		assertThat(config.getMaxConnectionsPerEndpoint()).isEqualTo(2);
		assertThat(config.getIdempotentMethods()).containsExactlyInAnyOrder("quote", "lookup");
		HealthConfig health = config.getHealth();
		assertThat(health.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(health.getHeartbeatMisses()).isEqualTo(4);
		assertThat(health.getEjectionFailures()).isEqualTo(7);
		assertThat(health.getBaseEjectionTime()).isEqualTo(Duration.ofSeconds(2));
		assertThat(health.getMaxEjectionTime()).isEqualTo(Duration.ofMinutes(1));
		assertThat(health.getMaxEjectionPercent()).isEqualTo(20);
		assertThat(health.getReconnectInitialBackoff()).isEqualTo(Duration.ofMillis(100));
		assertThat(health.getReconnectMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
		CircuitBreakerConfig breaker = config.getCircuitBreakerConfig();
		assertThat(breaker).isNotNull();
		assertThat(breaker.getFailureRateThreshold()).isEqualTo(30f);
		assertThat(breaker.getSlidingWindowSize()).isEqualTo(40);
		assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(25);
		assertThat(breaker.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(3000L);
		assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
		assertThat(breaker.getRecordExceptionPredicate().test(new IpcException(ErrorCode.INVALID_ARGUMENT, "bad")))
			.as("only the service's failures count, as in IpcResilience's defaults")
			.isFalse();
		assertThat(breaker.getRecordExceptionPredicate().test(new IpcException(ErrorCode.UNAVAILABLE, "down")))
			.isTrue();
	}

	@Test
	void unsetBreakerValuesKeepIpcResiliencesDefaults() {
		CircuitBreakerConfig breaker = create(QuotesClient.class,
				"cdmf.ipc.client.circuit-breaker.wait-duration-in-open-state=1s")
			.getCircuitBreakerConfig();
		CircuitBreakerConfig defaults = IpcResilience.circuitBreakerConfig();
		assertThat(breaker.getSlidingWindowSize()).isEqualTo(defaults.getSlidingWindowSize());
		assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(defaults.getMinimumNumberOfCalls());
		assertThat(breaker.getFailureRateThreshold()).isEqualTo(defaults.getFailureRateThreshold());
		assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState())
			.isEqualTo(defaults.getPermittedNumberOfCallsInHalfOpenState());
		assertThat(breaker.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(1000L);
	}

	@Test
	void theAnnotationsTimeoutAndFormatSitBetweenServiceAndDefault() {
		ChannelConfig fromAnnotation = create(QuotesClient.class, "cdmf.ipc.client.timeout=9s",
				"cdmf.ipc.client.serialization=BINARY");
		assertThat(fromAnnotation.getDefaultTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(fromAnnotation.getFormat()).isEqualTo(SerializationFormat.MESSAGEPACK);
		ChannelConfig fromProperty = create(QuotesClient.class, "cdmf.ipc.client.services.Quotes.timeout=3s",
				"cdmf.ipc.client.services.Quotes.serialization=JSON");
		assertThat(fromProperty.getDefaultTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(fromProperty.getFormat()).isEqualTo(SerializationFormat.JSON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "cdmf.ipc.client.load-balancer=fastest",
			"cdmf.ipc.client.services.Quotes.load-balancer=random",
			"cdmf.ipc.client.services.Quotes.health.heartbeat-misses=0",
			"cdmf.ipc.client.health.heartbeat-interval=-1s", "cdmf.ipc.client.health.max-ejection-percent=101",
			"cdmf.ipc.client.health.ejection-failures=-1",
			"cdmf.ipc.client.services.Quotes.health.base-ejection-time=0s",
			"cdmf.ipc.client.services.Quotes.health.max-ejection-time=100ms",
			"cdmf.ipc.client.services.Quotes.health.reconnect-initial-backoff=10s",
			"cdmf.ipc.client.services.Quotes.circuit-breaker.failure-rate-threshold=0",
			"cdmf.ipc.client.circuit-breaker.sliding-window-size=0",
			"cdmf.ipc.client.services.Quotes.circuit-breaker.minimum-number-of-calls=30",
			"cdmf.ipc.client.circuit-breaker.wait-duration-in-open-state=0s",
			"cdmf.ipc.client.circuit-breaker.permitted-calls-in-half-open-state=0",
			"cdmf.ipc.client.services.Quotes.max-connections-per-endpoint=0", "cdmf.ipc.client.retry.max-backoff=10ms",
			"cdmf.ipc.client.services.Quotes.retry.max-attempts=0", "cdmf.ipc.client.services.Quotes.timeout=0s",
			"cdmf.ipc.client.services.Quotes.endpoints=inproc://ok,bogus",
			"cdmf.ipc.client.services.Quotes.endpoint=tcp://127.0.0.1:1?weight=0" })
	void whenAValueCannotBeUsedThenItFailsNamingTheProperty(String setting) {
		String property = setting.substring(0, setting.indexOf('='));
		assertThatExceptionOfType(IpcConfigurationException.class).isThrownBy(() -> create(QuotesClient.class, setting))
			.satisfies(ex -> {
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getAction()).contains(property.substring(property.lastIndexOf('.') + 1));
			});
	}

	@Test
	void anUnknownLoadBalancerIsAnsweredWithTheKnownOnes() {
		assertThatExceptionOfType(IpcConfigurationException.class)
			.isThrownBy(() -> create(QuotesClient.class, "cdmf.ipc.client.load-balancer=fastest"))
			.satisfies(ex -> {
				assertThat(ex.getValue()).isEqualTo("fastest");
				assertThat(ex.getAction()).contains("p2c, round-robin or pick-first");
			});
	}

	@Test
	void shouldHandTheRegistriesToTheChannel() {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		RetryRegistry retries = RetryRegistry.ofDefaults();
		ChannelConfig config = factory(bind(), breakers, retries, List.of()).create(definition(QuotesClient.class));
		assertThat(config.getCircuitBreakerRegistry()).isSameAs(breakers);
		assertThat(config.getRetryRegistry()).isSameAs(retries);
	}

	@Test
	void whenBreakerAndRetryAreOffThenNoRegistryCanSwitchThemOn() {
		ChannelConfig config = factory(bind("cdmf.ipc.client.circuit-breaker.enabled=false",
				"cdmf.ipc.client.services.Quotes.retry.enabled=false"), CircuitBreakerRegistry.ofDefaults(),
				RetryRegistry.ofDefaults(), List.of())
			.create(definition(QuotesClient.class));
		assertThat(config.isCircuitBreakerEnabled()).isFalse();
		assertThat(config.getCircuitBreakerRegistry()).isNull();
		assertThat(config.getRetryPolicy().isEnabled()).isFalse();
		assertThat(config.getRetryRegistry()).isNull();
	}

	@Test
	void customizersRunLastAndMayAddInterceptors() {
		ClientInterceptor interceptor = new ClientInterceptor() {
		};
		IpcClientCustomizer customizer = (definition, builder) -> builder.interceptor(interceptor)
			.loadBalancer(LoadBalancer.named("round-robin"));
		ChannelConfig config = factory(bind("cdmf.ipc.client.load-balancer=pick-first"), null, null,
				List.of(customizer))
			.create(definition(QuotesClient.class));
		assertThat(config.getInterceptors()).containsExactly(interceptor);
		assertThat(config.getLoadBalancer().name()).isEqualTo(LoadBalancer.ROUND_ROBIN);
	}

	@Test
	void whenACustomizerAddsAnEndpointTwiceThenItFailsNamingTheEndpoints() {
		IpcClientCustomizer customizer = (definition, builder) -> builder
			.endpoint(ChannelEndpoint.of("inproc://quotes-a"));
		assertThatExceptionOfType(IpcConfigurationException.class)
			.isThrownBy(() -> factory(bind(), null, null, List.of(customizer)).create(definition(QuotesClient.class)))
			.satisfies(ex -> assertThat(ex.getProperty()).isEqualTo("cdmf.ipc.client.services.Quotes.endpoints"));
	}

	private static List<String> uris(ChannelConfig config) {
		return config.getEndpoints().stream().map(ChannelEndpoint::uri).toList();
	}

	private static ChannelConfig create(Class<?> client, String... properties) {
		return factory(bind(properties), null, null, List.of()).create(definition(client));
	}

	private static IpcClientDefinition definition(Class<?> client) {
		return IpcClientDefinition.of(client);
	}

	private static PropertiesIpcChannelConfigFactory factory(IpcClientProperties properties,
			@Nullable CircuitBreakerRegistry breakers, @Nullable RetryRegistry retries,
			List<IpcClientCustomizer> customizers) {
		return new PropertiesIpcChannelConfigFactory(properties, IpcEndpointResolver.configured(),
				SerializerRegistry.ofDefaults(), breakers, retries, new ArrayList<>(customizers));
	}

	private static IpcClientProperties bind(String... properties) {
		Map<String, String> source = new LinkedHashMap<>();
		for (String property : properties) {
			int equals = property.indexOf('=');
			source.put(property.substring(0, equals).trim(), property.substring(equals + 1).trim());
		}
		return new Binder(new MapConfigurationPropertySource(source)).bindOrCreate("cdmf.ipc.client",
				IpcClientProperties.class);
	}

	@IpcClient(service = "Quotes", endpoint = "inproc://quotes-a",
			endpoints = { "inproc://quotes-b", "inproc://quotes-c" }, timeout = "2s",
			serialization = SerializationFormat.MESSAGEPACK)
	interface QuotesClient {

		String quote(String symbol);

	}

	@IpcClient(service = "Plain", endpoint = "inproc://plain")
	interface PlainClient {

	}

	@IpcClient(service = "Twice", endpoint = "inproc://twice", endpoints = "inproc://twice")
	interface TwiceClient {

	}

}
