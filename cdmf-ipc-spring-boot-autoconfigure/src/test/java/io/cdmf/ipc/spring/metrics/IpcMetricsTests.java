package io.cdmf.ipc.spring.metrics;

import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.spring.autoconfigure.IpcAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.metrics.IpcMetricsAutoConfiguration;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the meter binders and {@link IpcMetricsAutoConfiguration}.
 */
class IpcMetricsTests {

	private final String endpoint = "inproc://greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, IpcAutoConfiguration.class,
				IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class, IpcMetricsAutoConfiguration.class))
		.withUserConfiguration(Clients.class)
		.withBean(GreeterService.class)
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
				"cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint);

	@Test
	void shouldTimeCallsOnBothSidesByServiceMethodTransportAndOutcome() {
		this.contextRunner.run(context -> {
			GreeterClient greeter = context.getBean(GreeterClient.class);
			greeter.greet("Ada");
			greeter.greet("Bob");
			assertThatExceptionOfType(RemoteIpcException.class).isThrownBy(() -> greeter.fail("x"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer clientOk = registry.get(IpcMetricNames.CLIENT_CALLS)
				.tags("service", "Greeter", "method", "greet", "transport", "inproc", "outcome", "OK")
				.timer();
			assertThat(clientOk.count()).isEqualTo(2);
			Timer serverOk = registry.get(IpcMetricNames.SERVER_CALLS)
				.tags("service", "Greeter", "method", "greet", "transport", "inproc", "outcome", "OK")
				.timer();
			assertThat(serverOk.count()).isEqualTo(2);
			assertThat(registry.get(IpcMetricNames.SERVER_CALLS).tags("method", "fail", "outcome", "INTERNAL").timer()
				.count()).isEqualTo(1);
			// The stub counts a request out just after its reply is sent, so on a busy machine the gauge may lag
			// the client by a moment: wait for it rather than assume.
			long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
			while (registry.get(IpcMetricNames.SERVER_CALLS_ACTIVE).tag("service", "Greeter").gauge().value() > 0
					&& System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(registry.get(IpcMetricNames.SERVER_CALLS_ACTIVE).tag("service", "Greeter").gauge().value())
				.isZero();
			assertThat(registry.get(IpcMetricNames.CLIENT_CALLS_ACTIVE).tag("service", "Greeter").gauge().value())
				.isZero();
		});
	}

	@Test
	void shouldTagClientCallsWithTheTransportOfTheEndpointTheyWentTo() {
		try (TestEndpoints sockets = new TestEndpoints()) {
			String unix = sockets.endpoint("unix", "greeter");
			String nobody = this.endpoint + "-nobody";
			this.contextRunner
				.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + unix,
						"cdmf.ipc.client.services.Greeter.endpoint=",
						"cdmf.ipc.client.services.Greeter.endpoints=" + nobody + "," + unix)
				.run(context -> {
					GreeterClient greeter = context.getBean(GreeterClient.class);
					for (int i = 0; i < 3; i++) {
						assertThat(greeter.add(i, 1)).isEqualTo(i + 1);
					}
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.get(IpcMetricNames.CLIENT_CALLS)
						.tags("service", "Greeter", "method", "add", "outcome", "OK")
						.timers()).singleElement()
						.satisfies(timer -> {
							assertThat(timer.getId().getTag("transport")).isEqualTo("unix");
							assertThat(timer.count()).isEqualTo(3);
						});
				});
		}
	}

	@Test
	void shouldBindTheCircuitBreakerAndRetryMetersOfTheClients() {
		this.contextRunner.run(context -> {
			context.getBean(GreeterClient.class).greet("Ada");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(context).hasBean("ipcCircuitBreakerMetrics").hasBean("ipcRetryMetrics");
			assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "Greeter", "state", "closed")
				.gauge()
				.value()).isEqualTo(1.0);
			assertThat(registry.get("resilience4j.circuitbreaker.calls").tags("name", "Greeter", "kind", "successful")
				.timer()
				.count()).isEqualTo(1);
			assertThat(registry.get("resilience4j.retry.calls").tag("name", "Greeter").meters()).isNotEmpty();
		});
	}

	@Test
	void whenResilience4jMicrometerIsMissingThenOnlyTheIpcMeters() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(TaggedCircuitBreakerMetrics.class.getPackageName()))
			.run(context -> {
				context.getBean(GreeterClient.class).greet("Ada");
				assertThat(context).hasSingleBean(IpcClientMeterBinder.class)
					.doesNotHaveBean("ipcCircuitBreakerMetrics")
					.doesNotHaveBean("ipcRetryMetrics");
				assertThat(context.getBean(MeterRegistry.class).find("resilience4j.circuitbreaker.state").meters())
					.isEmpty();
			});
	}

	@Test
	void whenTheApplicationBindsBreakerMetricsItselfThenTheStarterBacksOff() {
		this.contextRunner.withBean("ownBreakerMetrics", TaggedCircuitBreakerMetricsPublisher.class,
				() -> new TaggedCircuitBreakerMetricsPublisher(new SimpleMeterRegistry()))
			.run(context -> assertThat(context).doesNotHaveBean("ipcCircuitBreakerMetrics")
				.hasBean("ipcRetryMetrics"));
	}

	@Test
	void whenMicrometerIsMissingThenNoBinders() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run(context -> assertThat(context).doesNotHaveBean(IpcServerMeterBinder.class)
				.doesNotHaveBean(IpcClientMeterBinder.class));
	}

	@Test
	void whenNoMeterRegistryThenNoBinders() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class,
					IpcMetricsAutoConfiguration.class))
			.run(context -> assertThat(context).hasSingleBean(io.cdmf.ipc.spring.server.IpcServerLifecycle.class)
				.doesNotHaveBean(IpcServerMeterBinder.class));
	}

	@Test
	void userBinderWins() {
		this.contextRunner.withBean("ownBinder", IpcServerMeterBinder.class,
				() -> new IpcServerMeterBinder(new io.cdmf.ipc.spring.server.IpcServerLifecycle(java.util.List::of,
						definition -> {
							throw new IllegalStateException();
						}, io.cdmf.ipc.serialization.SerializerRegistry.ofDefaults())))
			.run(context -> assertThat(context).hasSingleBean(IpcServerMeterBinder.class).hasBean("ownBinder"));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class Clients {

	}

}
