package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.spring.security.DefaultIpcAuthenticationConverter;
import io.cdmf.ipc.spring.security.IpcAuthenticationConverter;
import io.cdmf.ipc.spring.security.IpcSecurityExceptionTranslator;
import io.cdmf.ipc.spring.server.IpcHandlerExceptionTranslator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcSecurityAutoConfiguration}.
 */
class IpcSecurityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcSecurityAutoConfiguration.class));

	@Test
	void contributesTheSecurityContextAndTheTranslatorOfRefusals() {
		this.contextRunner.run(context -> {
			assertThat(context).hasSingleBean(DefaultIpcAuthenticationConverter.class)
				.hasSingleBean(IpcServiceCustomizer.class)
				.hasSingleBean(IpcHandlerExceptionTranslator.class)
				.hasSingleBean(IpcSecurityExceptionTranslator.class);
		});
	}

	@Test
	void backsOffWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.run(context -> assertThat(context).doesNotHaveBean(IpcServiceCustomizer.class)
				.doesNotHaveBean(IpcHandlerExceptionTranslator.class));
	}

	@Test
	void backsOffWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("cdmf.ipc.server.security.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(IpcServiceCustomizer.class)
				.doesNotHaveBean(IpcAuthenticationConverter.class));
	}

	@Test
	void aConverterOfTheApplicationWins() {
		IpcAuthenticationConverter own = call -> null;
		this.contextRunner.withBean(IpcAuthenticationConverter.class, () -> own)
			.run(context -> assertThat(context.getBean(IpcAuthenticationConverter.class)).isSameAs(own));
	}

}
