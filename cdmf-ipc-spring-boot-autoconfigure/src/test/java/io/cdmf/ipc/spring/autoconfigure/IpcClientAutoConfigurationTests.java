package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.IpcUnavailableException;
import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.annotation.EnableIpcClients;
import io.cdmf.ipc.spring.client.IpcClientRegistration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.client.IpcProxyConfigFactory;
import io.cdmf.ipc.spring.fixture.GreeterCaller;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.spring.fixture.other.OtherClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
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
				ProxyConfig greeter = registry.getClients("Greeter").get(0).config();
				assertThat(greeter.getFormat()).isEqualTo(SerializationFormat.MESSAGEPACK);
				assertThat(greeter.getDefaultTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(greeter.getRetryPolicy().getMaxAttempts()).isEqualTo(2);
				IpcClientRegistration other = registry.getClients("Other").get(0);
				assertThat(other.config().getTransport().endpoint().uri()).isEqualTo("inproc://other-from-properties");
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
				assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.client.services.Greeter.endpoint");
				assertThat(failure.getAction()).contains("cdmf.ipc.client.services.Greeter.endpoint=");
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
	void userProxyConfigFactoryWins() {
		IpcProxyConfigFactory own = definition -> ProxyConfig.custom(this.endpoint)
			.serviceName("own")
			.format(SerializationFormat.JSON)
			.build();
		this.contextRunner.withUserConfiguration(FixturePackage.class)
			.withBean(IpcProxyConfigFactory.class, () -> own)
			.run(context -> {
				assertThat(context.getBean(IpcProxyConfigFactory.class)).isSameAs(own);
				context.getBean(GreeterClient.class);
				assertThat(context.getBean(IpcClientRegistry.class).getClients().get(0).config().getServiceName())
					.isEqualTo("own");
			});
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
