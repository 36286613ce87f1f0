package io.cdmf.ipc.spring.autoconfigure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.HandlerDispatch;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.serialization.BinarySerializer;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.spring.server.ExportedService;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.cdmf.ipc.spring.server.IpcServerStartedEvent;
import io.cdmf.ipc.spring.server.IpcServerStoppedEvent;
import io.cdmf.ipc.spring.server.IpcServiceConfig;
import io.cdmf.ipc.spring.server.IpcServiceConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcServerAutoConfiguration}.
 */
class IpcServerAutoConfigurationTests {

	private final String endpoint = "inproc://greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class))
		.withBean(GreeterService.class);

	@Test
	void shouldServeIpcServiceBeanOnceContextIsReady() {
		this.contextRunner.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint)
			.run(context -> {
				IpcServerLifecycle server = context.getBean(IpcServerLifecycle.class);
				assertThat(server.isRunning()).isTrue();
				ExportedService service = server.getService("Greeter").orElseThrow();
				assertThat(service.stub().getBoundEndpoints()).containsExactly(this.endpoint);
				assertThat(service.stub().getConfig().getVersion()).isEqualTo("1.0.0");
				assertThat(service.stub().getMethodNames()).contains("greet", "add", "greetLater", "remember");
				try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
					CallResult result = proxy.call("greet", ByteBuffer.wrap("\"Ada\"".getBytes()),
							CallOptions.custom().format(SerializationFormat.JSON).build());
					assertThat(result.data()).asString().isEqualTo("\"Hello, Ada\"");
				}
			});
	}

	@Test
	void propertiesOverrideAnnotationLimitsAndGracePeriod() {
		this.contextRunner
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
					"cdmf.ipc.server.services.Greeter.max-concurrent-requests=7",
					"cdmf.ipc.server.services.Greeter.request-timeout=3s",
					"cdmf.ipc.server.shutdown.grace-period=2")
			.run(context -> {
				ExportedService service = context.getBean(IpcServerLifecycle.class).getService("Greeter").orElseThrow();
				assertThat(service.stub().getConfig().getMaxConcurrentRequests()).isEqualTo(7);
				assertThat(service.stub().getConfig().getRequestTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(service.stub().getConfig().getShutdownGracePeriod()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void handlersRunAdaptivelyUnlessInlineHandlersIsSet() {
		this.contextRunner.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint)
			.run(context -> assertThat(stubConfig(context).getHandlerDispatch()).isEqualTo(HandlerDispatch.ADAPTIVE));
		this.contextRunner
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
					"cdmf.ipc.server.services.Greeter.inline-handlers=true")
			.run(context -> assertThat(stubConfig(context).getHandlerDispatch()).isEqualTo(HandlerDispatch.INLINE));
		this.contextRunner
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
					"cdmf.ipc.server.services.Greeter.inline-handlers=false")
			.run(context -> assertThat(stubConfig(context).getHandlerDispatch())
				.isEqualTo(HandlerDispatch.EXECUTOR));
	}

	@Test
	void handlersRunOnPlatformThreadsUnlessVirtualThreadsAreEnabled() {
		this.contextRunner.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint)
			.run(context -> assertThat(stubConfig(context).isVirtualThreads()).isFalse());
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void whenVirtualThreadsAreEnabledThenHandlersRunOnThem() {
		this.contextRunner
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
					"spring.threads.virtual.enabled=true")
			.run(context -> assertThat(stubConfig(context).isVirtualThreads()).isTrue());
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void whenVirtualThreadsAreEnabledBeforeJava21ThenHandlersStayOnPlatformThreads() {
		this.contextRunner
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
					"spring.threads.virtual.enabled=true")
			.run(context -> assertThat(stubConfig(context).isVirtualThreads()).isFalse());
	}

	private static StubConfig stubConfig(AssertableApplicationContext context) {
		return context.getBean(IpcServerLifecycle.class).getService("Greeter").orElseThrow().stub().getConfig();
	}

	@Test
	void shouldPublishStartedAndStoppedEventsAndStopServingOnClose() {
		List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
		ApplicationListener<ApplicationEvent> listener = event -> {
			if (event instanceof IpcServerStartedEvent || event instanceof IpcServerStoppedEvent) {
				events.add(event);
			}
		};
		ExportedService[] served = new ExportedService[1];
		this.contextRunner.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint)
			.withBean("recorder", ApplicationListener.class, () -> listener)
			.run(context -> served[0] = context.getBean(IpcServerLifecycle.class).getService("Greeter").orElseThrow());
		assertThat(events).hasSize(2);
		assertThat(events.get(0)).isInstanceOf(IpcServerStartedEvent.class);
		assertThat(events.get(1)).isInstanceOf(IpcServerStoppedEvent.class);
		assertThat(served[0].isRunning()).isFalse();
	}

	@Test
	void whenServerDisabledThenNothingIsServed() {
		this.contextRunner.withPropertyValues("cdmf.ipc.server.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(IpcServerLifecycle.class));
	}

	@Test
	void whenIpcDisabledThenNothingIsServed() {
		this.contextRunner.withPropertyValues("cdmf.ipc.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(IpcServerLifecycle.class));
	}

	@Test
	void userConfigFactoryWins() {
		IpcServiceConfigFactory own = definition -> new IpcServiceConfig(
				StubConfig.custom(definition.name()).endpoint(this.endpoint).build(), SerializationFormat.JSON);
		this.contextRunner.withBean(IpcServiceConfigFactory.class, () -> own).run(context -> {
			assertThat(context.getBean(IpcServiceConfigFactory.class)).isSameAs(own);
			assertThat(context.getBean(IpcServerLifecycle.class).getService("Greeter").orElseThrow().stub()
				.getBoundEndpoints()).containsExactly(this.endpoint);
		});
	}

	@Test
	void userLifecycleWins() {
		IpcServerLifecycle own = new IpcServerLifecycle(List::of, definition -> {
			throw new IllegalStateException("no services");
		}, SerializerRegistry.ofDefaults());
		this.contextRunner.withBean(IpcServerLifecycle.class, () -> own)
			.run(context -> assertThat(context.getBean(IpcServerLifecycle.class)).isSameAs(own));
	}

	@Test
	void whenEndpointIsMalformedThenStartupFailsNamingTheProperty() {
		for (String bad : List.of("unix:tmp/x.sock", "carrier-pigeon://x", "unix:///" + "x".repeat(120))) {
			this.contextRunner.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + bad).run(context -> {
				IpcConfigurationException failure = configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.server.services.Greeter.endpoints");
				assertThat(failure.getValue()).isEqualTo(bad);
			});
		}
	}

	@Test
	void whenNoEndpointAnywhereThenStartupFailsNamingTheProperty() {
		this.contextRunner.withBean(IpcEndpointResolver.class, () -> new IpcEndpointResolver() {
			@Override
			public List<String> serviceEndpoints(String service, List<String> configured) {
				return List.of();
			}

			@Override
			public List<String> clientEndpoints(String service, List<String> configured) {
				return configured;
			}
		}).run(context -> assertThat(configurationFailure(context.getStartupFailure()).getAction())
			.contains("cdmf.ipc.server.services.Greeter.endpoints"));
	}

	@Test
	void whenSocketDirectoryIsUnusableThenStartupFailsNamingTheProperty() throws IOException {
		Path file = Files.createTempFile("cdmf-not-a-dir", ".tmp");
		try {
			this.contextRunner
				.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=unix://" + file + "/greeter.sock")
				.run(context -> {
					IpcConfigurationException failure = configurationFailure(context.getStartupFailure());
					assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.server.services.Greeter.endpoints");
					assertThat(failure.getMessage()).contains(file.toString());
					assertThat(failure.getAction()).contains("directory");
				});
		}
		finally {
			Files.delete(file);
		}
	}

	@Test
	void whenFormatHasNoSerializerThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint)
			.withBean(SerializerRegistry.class, () -> SerializerRegistry.empty().register(new BinarySerializer()))
			.run(context -> assertThat(configurationFailure(context.getStartupFailure()).getProperty())
				.isEqualTo("cdmf.ipc.server.services.Greeter.serialization"));
	}

	static IpcConfigurationException configurationFailure(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof IpcConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("IpcConfigurationException in %s", failure).isNotNull();
		return (IpcConfigurationException) cause;
	}

}
