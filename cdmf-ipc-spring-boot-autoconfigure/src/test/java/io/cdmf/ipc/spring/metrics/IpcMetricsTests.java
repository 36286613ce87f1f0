package io.cdmf.ipc.spring.metrics;

import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.spring.autoconfigure.IpcAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.metrics.IpcMetricsAutoConfiguration;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
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
