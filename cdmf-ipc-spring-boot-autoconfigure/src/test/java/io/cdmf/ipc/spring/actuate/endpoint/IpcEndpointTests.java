package io.cdmf.ipc.spring.actuate.endpoint;

import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.spring.actuate.endpoint.IpcEndpoint.ClientDescriptor;
import io.cdmf.ipc.spring.actuate.endpoint.IpcEndpoint.IpcDescriptor;
import io.cdmf.ipc.spring.actuate.endpoint.IpcEndpoint.ServiceDescriptor;
import io.cdmf.ipc.spring.autoconfigure.IpcAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcEndpointAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcEndpoint}, calling its operations directly.
 */
class IpcEndpointTests {

	private final String endpoint = "inproc://greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class,
				IpcClientAutoConfiguration.class, IpcEndpointAutoConfiguration.class))
		.withUserConfiguration(Clients.class)
		.withBean(GreeterService.class)
		.withPropertyValues("management.endpoints.web.exposure.include=ipc",
				"cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
				"cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint);

	@Test
	void shouldDescribeServicesAndClientsWithStats() {
		this.contextRunner.run(context -> {
			context.getBean(GreeterClient.class).greet("Ada");
			IpcDescriptor all = context.getBean(IpcEndpoint.class).ipc();
			assertThat(all.services()).hasSize(1);
			ServiceDescriptor service = all.services().get(0);
			assertThat(service.name()).isEqualTo("Greeter");
			assertThat(service.version()).isEqualTo("1.0.0");
			assertThat(service.endpoints()).containsExactly(this.endpoint);
			assertThat(service.methods()).contains("greet", "add", "greetLater", "remember", "fail");
			assertThat(service.running()).isTrue();
			assertThat(service.serialization()).isEqualTo("JSON");
			assertThat(service.stats().methods().get("greet").calls()).isEqualTo(1);
			ClientDescriptor client = all.clients().stream()
				.filter(c -> c.service().equals("Greeter"))
				.findFirst()
				.orElseThrow();
			assertThat(client.endpoint()).isEqualTo(this.endpoint);
			assertThat(client.transport()).isEqualTo("inproc");
			assertThat(client.connected()).isTrue();
			assertThat(client.stats().successes()).isEqualTo(1);
		});
	}

	@Test
	void shouldDescribeOneNameOrAnswerNothing() {
		this.contextRunner.run(context -> {
			context.getBean(GreeterClient.class);
			IpcEndpoint endpoint = context.getBean(IpcEndpoint.class);
			IpcDescriptor greeter = endpoint.service("Greeter");
			assertThat(greeter).isNotNull();
			assertThat(greeter.services()).hasSize(1);
			assertThat(greeter.clients()).hasSize(1);
			assertThat(endpoint.service("NoSuchService")).isNull();
		});
	}

	@Test
	void resetStatsSetsCountersToZero() {
		this.contextRunner.run(context -> {
			GreeterClient greeter = context.getBean(GreeterClient.class);
			greeter.greet("Ada");
			IpcEndpoint endpoint = context.getBean(IpcEndpoint.class);
			endpoint.resetStats("Greeter");
			IpcDescriptor after = endpoint.service("Greeter");
			assertThat(after.services().get(0).stats().requests()).isZero();
			assertThat(after.clients().get(0).stats().calls()).isZero();
			greeter.greet("Bob");
			endpoint.resetStats();
			assertThat(endpoint.ipc().services().get(0).stats().requests()).isZero();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class Clients {

	}

}
