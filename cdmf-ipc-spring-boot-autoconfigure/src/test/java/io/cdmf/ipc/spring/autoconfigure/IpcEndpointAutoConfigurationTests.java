package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.spring.actuate.endpoint.IpcEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcEndpointAutoConfiguration}.
 */
class IpcEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class,
				IpcClientAutoConfiguration.class, IpcEndpointAutoConfiguration.class));

	@Test
	void whenExposedThenEndpointExists() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=ipc")
			.run(context -> assertThat(context).hasSingleBean(IpcEndpoint.class));
	}

	@Test
	void whenNotExposedThenNoEndpoint() {
		this.contextRunner.run(context -> assertThat(context).doesNotHaveBean(IpcEndpoint.class));
	}

	@Test
	void whenAccessIsNoneThenNoEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=ipc", "management.endpoint.ipc.access=NONE")
			.run(context -> assertThat(context).doesNotHaveBean(IpcEndpoint.class));
	}

	@Test
	void whenActuatorIsMissingThenNoEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=ipc")
			.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.run(context -> assertThat(context).doesNotHaveBean(IpcEndpoint.class));
	}

	@Test
	void userEndpointWins() {
		IpcEndpoint own = new IpcEndpoint(null, null);
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=ipc")
			.withBean(IpcEndpoint.class, () -> own)
			.run(context -> assertThat(context.getBean(IpcEndpoint.class)).isSameAs(own));
	}

}
