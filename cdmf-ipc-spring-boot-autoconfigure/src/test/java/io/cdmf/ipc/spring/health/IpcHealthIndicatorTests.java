package io.cdmf.ipc.spring.health;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.spring.autoconfigure.IpcAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.health.IpcHealthContributorAutoConfiguration;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
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
	void shouldRejectMissingServer() {
		assertThatIllegalArgumentException().isThrownBy(() -> new IpcHealthIndicator(null, null))
			.withMessageContaining("server");
	}

}
