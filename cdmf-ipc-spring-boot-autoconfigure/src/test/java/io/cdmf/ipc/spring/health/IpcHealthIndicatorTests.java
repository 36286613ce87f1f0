package io.cdmf.ipc.spring.health;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.IpcRejectedException;
import io.cdmf.ipc.channel.ManagedChannel;
import io.cdmf.ipc.channel.SubchannelState;
import io.cdmf.ipc.spring.autoconfigure.IpcAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.health.IpcHealthContributorAutoConfiguration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IpcHealthIndicator} and {@link IpcHealthContributorAutoConfiguration}.
 */
class IpcHealthIndicatorTests {

	private final String endpoint = "inproc://greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class,
				IpcHealthContributorAutoConfiguration.class))
		.withBean(GreeterService.class)
		.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint);

	private final ApplicationContextRunner clientRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(IpcClientAutoConfiguration.class))
		.withUserConfiguration(Clients.class)
		.withPropertyValues("cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint);

	@Test
	void whenServicesRunThenUpWithDetails() {
		this.contextRunner.run(context -> {
			Health health = context.getBean(IpcHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			@SuppressWarnings("unchecked")
			Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) health.getDetails()
				.get("services");
			assertThat(services.get("Greeter")).containsEntry("running", true);
		});
	}

	@Test
	void whenServerStoppedThenDown() {
		this.contextRunner.run(context -> {
			context.getBean(IpcServerLifecycle.class).stop();
			assertThat(context.getBean(IpcHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void whenOneServiceStoppedThenDown() {
		this.contextRunner.run(context -> {
			context.getBean(IpcServerLifecycle.class).getService("Greeter").orElseThrow().stub().stop();
			assertThat(context.getBean(IpcHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void whenAClientWasNeverUsedThenItIsUnknownAndLeavesTheStatusUp() {
		this.clientRunner.run(context -> {
			context.getBean(GreeterClient.class);
			Health health = context.getBean(IpcHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			IpcClientHealth client = clientHealth(health, "GreeterClient");
			assertThat(client.status()).isEqualTo("UNKNOWN");
			assertThat(client.service()).isEqualTo("Greeter");
			assertThat(client.endpoints()).containsEntry(this.endpoint, SubchannelState.IDLE);
			assertThat(client.circuitBreaker()).isEqualTo("CLOSED");
			assertThat(client.reason()).contains("first call");
		});
	}

	@Test
	void whenAClientHasAReadyEndpointThenItIsUp() {
		this.clientRunner.run(context -> {
			context.getBean(GreeterClient.class).greet("Ada");
			Health health = context.getBean(IpcHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			IpcClientHealth client = clientHealth(health, "GreeterClient");
			assertThat(client.status()).isEqualTo("UP");
			assertThat(client.readyEndpoints()).isEqualTo(1);
			assertThat(client.reason()).isNull();
		});
	}

	@Test
	void whenAClientWasUsedAndNoEndpointIsReadyThenDown() {
		this.clientRunner
			.withPropertyValues("cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint + "-nobody",
					"cdmf.ipc.client.services.Greeter.timeout=200ms",
					"cdmf.ipc.client.services.Greeter.retry.enabled=false",
					"cdmf.ipc.client.services.Greeter.circuit-breaker.enabled=false")
			.run(context -> {
				GreeterClient greeter = context.getBean(GreeterClient.class);
				assertThatExceptionOfType(IpcException.class).isThrownBy(() -> greeter.greet("nobody"));
				Health health = context.getBean(IpcHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				IpcClientHealth client = clientHealth(health, "GreeterClient");
				assertThat(client.status()).isEqualTo("DOWN");
				assertThat(client.circuitBreaker()).isNull();
				assertThat(client.reason()).contains("no endpoint is ready");
				assertThat(health.getDetails()).containsEntry("running", true);
			});
	}

	@Test
	void whenAClientsCircuitBreakerIsOpenThenDown() {
		this.clientRunner
			.withPropertyValues("cdmf.ipc.client.services.Greeter.retry.enabled=false",
					"cdmf.ipc.client.services.Greeter.circuit-breaker.sliding-window-size=2",
					"cdmf.ipc.client.services.Greeter.circuit-breaker.minimum-number-of-calls=2")
			.run(context -> {
				GreeterClient greeter = context.getBean(GreeterClient.class);
				ManagedChannel channel = context.getBean(IpcClientRegistry.class).getClients("Greeter").get(0)
					.channel();
				greeter.greet("Ada");
				channel.getCircuitBreaker().transitionToOpenState();
				Health health = context.getBean(IpcHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				IpcClientHealth client = clientHealth(health, "GreeterClient");
				assertThat(client.status()).isEqualTo("DOWN");
				assertThat(client.readyEndpoints()).as("the endpoint is fine; the breaker refuses calls").isEqualTo(1);
				assertThat(client.circuitBreaker()).isEqualTo("OPEN");
				assertThat(client.reason()).contains("circuit breaker Greeter is OPEN");
				assertThatExceptionOfType(IpcRejectedException.class).isThrownBy(() -> greeter.greet("Bob"));
			});
	}

	@Test
	void whenTheApplicationOnlyCallsThenTheIndicatorReportsItsClients() {
		this.clientRunner.withPropertyValues("cdmf.ipc.server.enabled=false").run(context -> {
			assertThat(context).doesNotHaveBean(IpcServerLifecycle.class);
			context.getBean(GreeterClient.class);
			Health health = context.getBean(IpcHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("services").containsKey("clients");
		});
	}

	@Test
	void whenIndicatorDisabledThenNoBean() {
		this.contextRunner.withPropertyValues("management.health.ipc.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(IpcHealthIndicator.class));
	}

	@Test
	void whenHealthIsMissingThenNoBean() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run(context -> assertThat(context).doesNotHaveBean(IpcHealthIndicator.class));
	}

	@Test
	void userIndicatorWins() {
		HealthIndicator own = () -> Health.up().build();
		this.contextRunner.withBean("ipcHealthIndicator", HealthIndicator.class, () -> own)
			.run(context -> assertThat(context.getBean("ipcHealthIndicator")).isSameAs(own));
	}

	@Test
	void shouldRejectMissingServerAndClients() {
		assertThatIllegalArgumentException().isThrownBy(() -> new IpcHealthIndicator(null, null))
			.withMessageContaining("server");
	}

	@SuppressWarnings("unchecked")
	private static IpcClientHealth clientHealth(Health health, String client) {
		return ((Map<String, IpcClientHealth>) health.getDetails().get("clients")).get(client);
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class Clients {

	}

}
