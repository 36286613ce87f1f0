package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.IpcUnavailableException;
import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.channel.ManagedChannel;
import io.cdmf.ipc.resilience.IpcResilience;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ClientCall;
import io.cdmf.ipc.rpc.ClientInterceptor;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.annotation.EnableIpcClients;
import io.cdmf.ipc.spring.client.IpcClientRegistration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.client.IpcChannelConfigFactory;
import io.cdmf.ipc.spring.fixture.GreeterCaller;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.spring.fixture.other.OtherClient;
import io.cdmf.ipc.testsupport.Await;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IpcClientAutoConfiguration}.
 */
class IpcClientAutoConfigurationTests {

	private final String endpoint = "inproc://greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class,
				IpcClientAutoConfiguration.class))
		.withPropertyValues("cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint);

	@Test
	void shouldFindClientsInAutoConfigurationPackagesAndInjectThemThroughConstructors() {
		this.contextRunner.withUserConfiguration(FixturePackage.class, GreeterCaller.class)
			.withBean(GreeterService.class)
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint)
			.run(context -> {
				assertThat(context).hasSingleBean(GreeterClient.class).hasSingleBean(OtherClient.class);
				assertThat(context.getBean(GreeterCaller.class).greetTwice("Ada")).isEqualTo("Hello, Ada / Hello, Ada");
				GreeterClient greeter = context.getBean(GreeterClient.class);
				assertThat(greeter.add(20, 22)).isEqualTo(42);
				assertThat(greeter.greetLater("Bob").join()).isEqualTo("Later, Bob");
				greeter.remember("note");
				assertThatExceptionOfType(RemoteIpcException.class).isThrownBy(() -> greeter.fail("broken"))
					.withMessageContaining("broken");
			});
	}

	@Test
	void whenServerIsNotRunningThenContextStartsAndCallsFail() {
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withPropertyValues("cdmf.ipc.client.retry.enabled=false")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThatExceptionOfType(IpcUnavailableException.class)
					.isThrownBy(() -> context.getBean(GreeterClient.class).greet("nobody"));
			});
	}

	@Test
	void whenServerStartsLaterThenFirstCallReachesIt() {
		this.contextRunner.withUserConfiguration(FixturePackage.class).run(context -> {
			GreeterClient greeter = context.getBean(GreeterClient.class);
			ServiceStub stub = new ServiceStub(StubConfig.custom("Greeter").endpoint(this.endpoint).build());
			IpcBinding.export(new GreeterService(), io.cdmf.ipc.spring.fixture.Greeter.class, stub,
					SerializationFormat.JSON);
			stub.start();
			try {
				assertThat(greeter.greet("late")).isEqualTo("Hello, late");
			}
			finally {
				stub.stop();
			}
		});
	}

	@Test
	void propertiesOverrideAnnotationAndDefaults() {
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withPropertyValues("cdmf.ipc.client.timeout=7s", "cdmf.ipc.client.retry.max-attempts=5",
					"cdmf.ipc.client.services.Greeter.serialization=MESSAGEPACK",
					"cdmf.ipc.client.services.Greeter.retry.max-attempts=2",
					"cdmf.ipc.client.services.Other.endpoint=inproc://other-from-properties")
			.run(context -> {
				context.getBean(GreeterClient.class);
				context.getBean(OtherClient.class);
				IpcClientRegistry registry = context.getBean(IpcClientRegistry.class);
				ChannelConfig greeter = registry.getClients("Greeter").get(0).config();
				assertThat(greeter.getFormat()).isEqualTo(SerializationFormat.MESSAGEPACK);
				assertThat(greeter.getDefaultTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(greeter.getRetryPolicy().getMaxAttempts()).isEqualTo(2);
				IpcClientRegistration other = registry.getClients("Other").get(0);
				assertThat(other.config().getEndpoints()).singleElement()
					.satisfies(endpoint -> assertThat(endpoint.uri()).isEqualTo("inproc://other-from-properties"));
				assertThat(other.config().getRetryPolicy().getMaxAttempts()).isEqualTo(5);
				assertThat(other.config().getFormat()).isEqualTo(SerializationFormat.JSON);
			});
	}

	@Test
	void whenClientHasNoEndpointThenStartupFailsNamingTheProperty() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcClientAutoConfiguration.class))
			.withUserConfiguration(FixturePackage.class)
			.run(context -> {
				IpcConfigurationException failure = IpcServerAutoConfigurationTests
					.configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.client.services.Greeter.endpoints");
				assertThat(failure.getAction()).contains("cdmf.ipc.client.services.Greeter.endpoints=");
			});
	}

	@Test
	void whenEnableIpcClientsNamesClientsThenOnlyThoseAreRegistered() {
		this.contextRunner.withUserConfiguration(ExplicitClients.class)
			.run(context -> assertThat(context).hasSingleBean(OtherClient.class).doesNotHaveBean(GreeterClient.class));
	}

	@Test
	void whenEnableIpcClientsNamesPackagesThenOnlyThoseAreScanned() {
		this.contextRunner.withUserConfiguration(FixturePackage.class, ExplicitPackage.class)
			.run(context -> assertThat(context).hasSingleBean(OtherClient.class).doesNotHaveBean(GreeterClient.class));
	}

	@Test
	void whenIpcDisabledThenNoClientRegistry() {
		this.contextRunner.withPropertyValues("cdmf.ipc.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(IpcClientRegistry.class));
	}

	@Test
	void userChannelConfigFactoryWins() {
		IpcChannelConfigFactory own = definition -> ChannelConfig.custom("own")
			.endpoints(this.endpoint)
			.format(SerializationFormat.JSON)
			.build();
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withBean(IpcChannelConfigFactory.class, () -> own)
			.run(context -> {
				assertThat(context.getBean(IpcChannelConfigFactory.class)).isSameAs(own);
				context.getBean(GreeterClient.class);
				assertThat(context.getBean(IpcClientRegistry.class).getClients().get(0).config().getServiceName())
					.isEqualTo("own");
			});
	}

	@Test
	void whenALoadBalancerIsUnknownThenStartupFailsAndTheAnalysisNamesTheProperty() {
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withPropertyValues("cdmf.ipc.client.services.Greeter.load-balancer=fastest")
			.run(context -> {
				FailureAnalysis analysis = new IpcConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.contains("Property: cdmf.ipc.client.services.Greeter.load-balancer")
					.contains("Value: fastest");
				assertThat(analysis.getAction()).contains("p2c, round-robin or pick-first");
			});
	}

	@Test
	void whenAHealthValueIsOutOfRangeThenStartupFailsNamingTheProperty() {
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withPropertyValues("cdmf.ipc.client.health.max-ejection-percent=150")
			.run(context -> assertThat(IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure())
				.getProperty()).isEqualTo("cdmf.ipc.client.health.max-ejection-percent"));
	}

	@Test
	void withoutRegistriesTheStarterCreatesOneOfEachAndTheyHoldTheClientsBreakerAndRetry() {
		this.contextRunner.withUserConfiguration(FixturePackage.class).run(context -> {
			context.getBean(GreeterClient.class);
			assertThat(context).hasSingleBean(CircuitBreakerRegistry.class)
				.hasBean("ipcCircuitBreakerRegistry")
				.hasSingleBean(RetryRegistry.class)
				.hasBean("ipcRetryRegistry");
			ManagedChannel channel = greeterChannel(context);
			assertThat(context.getBean(CircuitBreakerRegistry.class).find("Greeter")).containsSame(
					channel.getCircuitBreaker());
			assertThat(context.getBean(RetryRegistry.class).find("Greeter")).containsSame(channel.getRetry());
			assertThat(channel.getCircuitBreaker().getCircuitBreakerConfig().getSlidingWindowSize())
				.isEqualTo(IpcResilience.DEFAULT_SLIDING_WINDOW_SIZE);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "Greeter", IpcResilience.CONFIG_NAME })
	void whenTheApplicationHasACircuitBreakerRegistryThenItsConfigurationForTheClientsApplies(String configName) {
		CircuitBreakerRegistry own = CircuitBreakerRegistry.ofDefaults();
		own.addConfiguration(configName, CircuitBreakerConfig.custom().slidingWindowSize(7).build());
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withBean(CircuitBreakerRegistry.class, () -> own)
			.withPropertyValues("cdmf.ipc.client.circuit-breaker.sliding-window-size=30")
			.run(context -> {
				context.getBean(GreeterClient.class);
				assertThat(context.getBean(CircuitBreakerRegistry.class)).isSameAs(own);
				ManagedChannel channel = greeterChannel(context);
				assertThat(channel.getCircuitBreaker()).isSameAs(own.find("Greeter").orElseThrow());
				assertThat(channel.getCircuitBreaker().getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(7);
			});
	}

	@Test
	void whenTheApplicationsRegistryHasNoConfigurationForTheClientThenThePropertiesApply() {
		CircuitBreakerRegistry own = CircuitBreakerRegistry.ofDefaults();
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withBean(CircuitBreakerRegistry.class, () -> own)
			.withPropertyValues("cdmf.ipc.client.services.Greeter.circuit-breaker.sliding-window-size=30")
			.run(context -> {
				context.getBean(GreeterClient.class);
				assertThat(own.circuitBreaker("Greeter").getCircuitBreakerConfig().getSlidingWindowSize())
					.isEqualTo(30);
			});
	}

	@Test
	void whenTheApplicationHasARetryRegistryThenItsConfigurationForTheClientsApplies() {
		RetryRegistry own = RetryRegistry.ofDefaults();
		own.addConfiguration("Greeter", RetryConfig.custom().maxAttempts(6).build());
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withBean(RetryRegistry.class, () -> own)
			.run(context -> {
				context.getBean(GreeterClient.class);
				assertThat(context.getBean(RetryRegistry.class)).isSameAs(own);
				assertThat(own.find("Greeter")).hasValueSatisfying(
						retry -> assertThat(retry.getRetryConfig().getMaxAttempts()).isEqualTo(6));
			});
	}

	@Test
	void whenTheBreakerIsSwitchedOffThenTheClientHasNone() {
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withPropertyValues("cdmf.ipc.client.services.Greeter.circuit-breaker.enabled=false")
			.run(context -> {
				context.getBean(GreeterClient.class);
				assertThat(context.getBean(IpcClientRegistry.class).getClients("Greeter").get(0).channel()
					.getCircuitBreaker()).isNull();
				assertThat(context.getBean(CircuitBreakerRegistry.class).find("Greeter")).isEmpty();
			});
	}

	@Test
	void customizersAddInterceptorsThatSeeEveryCall() {
		AtomicInteger seen = new AtomicInteger();
		ClientInterceptor counting = new ClientInterceptor() {

			@Override
			public void afterCall(ClientCall call, CallResult result) {
				seen.incrementAndGet();
			}

		};
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withBean(GreeterService.class)
			.withBean(IpcClientCustomizer.class, () -> (definition, builder) -> builder.interceptor(counting))
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint)
			.run(context -> {
				GreeterClient greeter = context.getBean(GreeterClient.class);
				greeter.greet("Ada");
				greeter.add(1, 2);
				assertThat(seen).hasValue(2);
				assertThat(context.getBean(IpcClientRegistry.class).getClients("Greeter").get(0).config()
					.getInterceptors()).containsExactly(counting);
			});
	}

	@Test
	void shouldCallAServiceOverEveryEndpointItIsGiven() {
		String second = this.endpoint + "-b";
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withBean(GreeterService.class)
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint + "," + second,
					"cdmf.ipc.client.services.Greeter.endpoint=",
					"cdmf.ipc.client.services.Greeter.endpoints=" + this.endpoint + "," + second,
					"cdmf.ipc.client.services.Greeter.load-balancer=round-robin")
			.run(context -> {
				GreeterClient greeter = context.getBean(GreeterClient.class);
				ManagedChannel channel = greeterChannel(context);
				assertThat(channel.getEndpoints()).extracting(ChannelEndpoint::uri)
					.containsExactly(this.endpoint, second);
				for (int i = 0; i < 10; i++) {
					assertThat(greeter.add(i, 1)).isEqualTo(i + 1);
				}
				// The second endpoint's connection may still be opening during the first calls (round robin skips an
				// endpoint that is not ready), so keep calling until both have answered.
				Await.until("both endpoints picked", Duration.ofSeconds(10), () -> {
					assertThat(greeter.add(2, 1)).isEqualTo(3);
					return channel.getStats().endpoints().stream().allMatch(endpoint -> endpoint.picks() > 0);
				});
			});
	}

	private static ManagedChannel greeterChannel(ApplicationContext context) {
		return context.getBean(IpcClientRegistry.class).getClients("Greeter").get(0).channel();
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class FixturePackage {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIpcClients(clients = OtherClient.class)
	static class ExplicitClients {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIpcClients(basePackageClasses = OtherClient.class)
	static class ExplicitPackage {

	}

}
