package io.cdmf.ipc.spring.autoconfigure;

import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.channel.ManagedChannel;
import io.cdmf.ipc.spring.autoconfigure.metrics.IpcMetricsAutoConfiguration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryMetricsAutoConfiguration;
import io.github.resilience4j.springboot.verifier.autoconfigure.SpringBoot4VerifierAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter next to {@code io.github.resilience4j:resilience4j-spring-boot4} 2.4.0: the clients take their breakers
 * and retries from its registries, configured under {@code resilience4j.*}, and its meters are the ones bound.
 */
class Resilience4jSpringBootTests {

	private final String endpoint = "inproc://greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SpringBoot4VerifierAutoConfiguration.class,
				CircuitBreakerAutoConfiguration.class, CircuitBreakerMetricsAutoConfiguration.class,
				RetryAutoConfiguration.class, RetryMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				IpcAutoConfiguration.class, IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class,
				IpcMetricsAutoConfiguration.class))
		.withUserConfiguration(FixturePackage.class)
		.withBean(GreeterService.class)
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
				"cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint);

	@Test
	void clientsTakeTheirBreakerAndRetryFromResilience4jsRegistriesAndConfigurations() {
		this.contextRunner
			.withPropertyValues("resilience4j.circuitbreaker.configs.cdmf-ipc.sliding-window-size=7",
					"resilience4j.circuitbreaker.configs.cdmf-ipc.minimum-number-of-calls=5",
					"resilience4j.retry.configs.Greeter.max-attempts=4")
			.run(context -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(CircuitBreakerRegistry.class)
					.doesNotHaveBean("ipcCircuitBreakerRegistry")
					.hasSingleBean(RetryRegistry.class)
					.doesNotHaveBean("ipcRetryRegistry");
				GreeterClient greeter = context.getBean(GreeterClient.class);
				assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");
				ManagedChannel channel = context.getBean(IpcClientRegistry.class)
					.getClients("Greeter")
					.get(0)
					.channel();
				assertThat(context.getBean(CircuitBreakerRegistry.class).find("Greeter"))
					.containsSame(channel.getCircuitBreaker());
				assertThat(channel.getCircuitBreaker().getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(7);
				assertThat(channel.getCircuitBreaker().getCircuitBreakerConfig().getMinimumNumberOfCalls())
					.isEqualTo(5);
				assertThat(channel.getRetry().getRetryConfig().getMaxAttempts()).isEqualTo(4);
			});
	}

	@Test
	void resilience4jsOwnMeterBindingIsUsedInsteadOfTheStarters() {
		this.contextRunner.run(context -> {
			context.getBean(GreeterClient.class).greet("Ada");
			assertThat(context).hasSingleBean(TaggedCircuitBreakerMetricsPublisher.class)
				.doesNotHaveBean("ipcCircuitBreakerMetrics")
				.doesNotHaveBean("ipcRetryMetrics");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "Greeter", "state", "closed")
				.gauge()
				.value()).isEqualTo(1.0);
			assertThat(registry.get("resilience4j.circuitbreaker.calls").tags("name", "Greeter", "kind", "successful")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class FixturePackage {

	}

}
