package io.cdmf.ipc.spring.autoconfigure.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.cdmf.ipc.spring.autoconfigure.IpcAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.metrics.IpcMetricsAutoConfiguration;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.spring.metrics.IpcMetricNames;
import io.cdmf.ipc.spring.observation.IpcObservations;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcObservationAutoConfiguration}, and for the call timers it takes over from the meter binders.
 */
class IpcObservationAutoConfigurationTests {

	private final String endpoint = "inproc://greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class,
				IpcClientAutoConfiguration.class, IpcObservationAutoConfiguration.class))
		.withUserConfiguration(Clients.class)
		.withBean(GreeterService.class)
		.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
				"cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint);

	@Test
	void shouldObserveClientCallsAndServedRequestsInTheApplicationsRegistry() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run(context -> {
			assertThat(context).hasSingleBean(IpcObservations.class);
			context.getBean(GreeterClient.class).greet("Ada");
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Await.until("both observations", java.time.Duration.ofSeconds(5), () -> {
				try {
					assertThat(registry).hasNumberOfObservationsEqualTo(2);
					return true;
				}
				catch (AssertionError ex) {
					return false;
				}
			});
			assertThat(registry).hasObservationWithNameEqualTo("cdmf.ipc.client.calls")
				.that()
				.hasLowCardinalityKeyValue("service", "Greeter")
				.hasLowCardinalityKeyValue("method", "greet")
				.hasLowCardinalityKeyValue("outcome", "OK")
				.hasBeenStopped();
			assertThat(registry).hasObservationWithNameEqualTo("cdmf.ipc.server.calls")
				.that()
				.hasLowCardinalityKeyValue("transport", "inproc")
				.hasBeenStopped();
		});
	}

	@Test
	void whenPropertyIsOffThenNothingIsObserved() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("cdmf.ipc.observation.enabled=false")
			.run(context -> {
				assertThat(context).doesNotHaveBean(IpcObservations.class);
				context.getBean(GreeterClient.class).greet("Ada");
				assertThat(context.getBean(TestObservationRegistry.class)).doesNotHaveAnyObservation();
			});
	}

	@Test
	void whenThereIsNoObservationRegistryThenNothingIsConfigured() {
		this.contextRunner.run(context -> assertThat(context).doesNotHaveBean(IpcObservations.class)
			.doesNotHaveBean("ipcObservationClientCustomizer"));
	}

	@Test
	void whenTheRegistryHasNoHandlerThenCallsGetNoInterceptor() {
		this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create).run(context -> {
			assertThat(context.getBean(IpcObservations.class).isActive()).isFalse();
			assertThat(context.getBean(GreeterClient.class).greet("Ada")).isNotEmpty();
		});
	}

	@Test
	void withBootsMeterHandlerTheTimersComeFromTheObservationsAndCountEachCallOnce() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					MetricsAutoConfiguration.class, IpcMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run(context -> {
				assertThat(context.getBean(IpcObservations.class).isMetered()).isTrue();
				GreeterClient greeter = context.getBean(GreeterClient.class);
				greeter.greet("Ada");
				greeter.greet("Bob");
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				Await.until("both server calls timed", java.time.Duration.ofSeconds(5),
						() -> meters.find(IpcMetricNames.SERVER_CALLS).timers().stream().mapToLong(Timer::count).sum() == 2);
				assertThat(meters.get(IpcMetricNames.CLIENT_CALLS).timers()).singleElement().satisfies(timer -> {
					assertThat(timer.count()).isEqualTo(2);
					assertThat(timer.getId().getTags()).extracting("key", "value")
						.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("error", "none"),
								org.assertj.core.groups.Tuple.tuple("method", "greet"),
								org.assertj.core.groups.Tuple.tuple("outcome", "OK"),
								org.assertj.core.groups.Tuple.tuple("service", "Greeter"),
								org.assertj.core.groups.Tuple.tuple("transport", "inproc"));
				});
				assertThat(meters.get(IpcMetricNames.SERVER_CALLS)
					.tags("service", "Greeter", "method", "greet", "transport", "inproc", "outcome", "OK")
					.timers()).singleElement().satisfies(timer -> assertThat(timer.count()).isEqualTo(2));
				// The long-task timer of running calls takes the gauge's name and place.
				assertThat(meters.get(IpcMetricNames.CLIENT_CALLS_ACTIVE).meters())
					.allMatch(LongTaskTimer.class::isInstance);
				assertThat(meters.find(IpcMetricNames.SERVER_CALLS_ACTIVE).gauges()).isEmpty();
			});
	}

	@Test
	void whenLongTaskTimersAreIgnoredThenTheActiveCallGaugesStay() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					MetricsAutoConfiguration.class, IpcMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("management.metrics.observations.ignored-meters=long-task-timer")
			.run(context -> {
				context.getBean(GreeterClient.class).greet("Ada");
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get(IpcMetricNames.CLIENT_CALLS_ACTIVE).tag("service", "Greeter").meters()).singleElement()
					.isInstanceOf(Gauge.class);
				assertThat(meters.get(IpcMetricNames.CLIENT_CALLS).timers()).singleElement()
					.satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
			});
	}

	@Test
	void withBootsBraveTracingTheServerSpanIsAChildOfTheClientSpan() {
		List<MutableSpan> spans = new CopyOnWriteArrayList<>();
		try (TestEndpoints sockets = new TestEndpoints()) {
			String unix = sockets.endpoint("unix", "traced");
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
						BraveAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
				.withBean("collectingSpanHandler", SpanHandler.class, () -> new SpanHandler() {
					@Override
					public boolean end(TraceContext context, MutableSpan span, Cause cause) {
						spans.add(span);
						return true;
					}
				})
				.withPropertyValues("management.tracing.sampling.probability=1.0",
						"cdmf.ipc.server.services.Greeter.endpoints=" + unix,
						"cdmf.ipc.client.services.Greeter.endpoint=" + unix)
				.run(context -> {
					context.getBean(GreeterClient.class).greet("Ada");
					Await.until("client and server spans", java.time.Duration.ofSeconds(10), () -> spans.size() >= 2);
				});
		}
		MutableSpan client = spans.stream().filter(span -> span.kind() == brave.Span.Kind.CLIENT).findFirst().orElseThrow();
		MutableSpan server = spans.stream().filter(span -> span.kind() == brave.Span.Kind.SERVER).findFirst().orElseThrow();
		assertThat(client.name()).isEqualTo("Greeter/greet");
		assertThat(server.traceId()).isEqualTo(client.traceId());
		assertThat(server.parentId()).isEqualTo(client.id());
		assertThat(server.tags()).containsEntry("transport", "unix").containsEntry("outcome", "OK");
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class Clients {

	}

}
