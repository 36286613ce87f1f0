package io.cdmf.ipc.spring.autoconfigure;

import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An invalid value of a {@code cdmf.ipc.*} property fails startup, and the failure analysis the application prints
 * (by whichever registered {@link FailureAnalyzer} takes it: Spring Boot's binding one or ours) names the property.
 */
class IpcInvalidPropertyTests {

	private final String endpoint = "inproc://invalid-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcDiscoveryAutoConfiguration.class,
				IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class))
		.withUserConfiguration(FixturePackage.class)
		.withBean(GreeterService.class)
		.withPropertyValues("cdmf.ipc.discovery.type=static", "cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
				"cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint,
				"cdmf.ipc.client.services.Other.endpoint=" + this.endpoint);

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			# an enum
			cdmf.ipc.client.serialization                     | XML
			cdmf.ipc.server.services.Greeter.serialization    | yaml
			# a duration
			cdmf.ipc.client.timeout                           | soon
			cdmf.ipc.client.services.Greeter.timeout          | 5 seconds
			cdmf.ipc.server.shutdown.grace-period             | later
			cdmf.ipc.discovery.embedded.poll-interval         | often
			# a boolean
			cdmf.ipc.client.retry.enabled                     | maybe
			# a number out of range
			cdmf.ipc.client.services.Greeter.max-connections-per-endpoint | 100
			cdmf.ipc.client.retry.max-attempts                | 0
			cdmf.ipc.client.retry.jitter                      | 1.5
			cdmf.ipc.client.circuit-breaker.failure-rate-threshold | 150
			cdmf.ipc.client.health.max-ejection-percent       | 101
			cdmf.ipc.server.services.Greeter.max-concurrent-requests | 0
			# a number that is no number
			cdmf.ipc.client.circuit-breaker.sliding-window-size | twenty
			# an endpoint URI
			cdmf.ipc.client.services.Greeter.endpoint         | unix:tmp
			cdmf.ipc.server.services.Greeter.endpoints        | nope://x
			# a name from a fixed set
			cdmf.ipc.client.load-balancer                     | fastest
			cdmf.ipc.discovery.type                           | etcd
			# a duration out of range
			cdmf.ipc.client.timeout                           | -1s
			cdmf.ipc.client.services.Greeter.timeout          | 0s
			cdmf.ipc.server.services.Greeter.request-timeout  | -5s
			cdmf.ipc.server.shutdown.grace-period             | -1s
			cdmf.ipc.discovery.deregistration-delay           | -1s
			cdmf.ipc.client.health.heartbeat-interval         | -1s
			cdmf.ipc.client.retry.initial-backoff             | -1s
			cdmf.ipc.client.circuit-breaker.wait-duration-in-open-state | -1s
			# more numbers out of range
			cdmf.ipc.client.health.heartbeat-misses           | 0
			cdmf.ipc.client.retry.multiplier                  | 0.5
			cdmf.ipc.client.circuit-breaker.permitted-calls-in-half-open-state | 0
			# a name that must resolve
			cdmf.ipc.client.services.Greeter.ssl.bundle       | missing
			cdmf.ipc.server.ssl.bundle                        | missing
			cdmf.ipc.discovery.prefer-transport               | pigeon
			""")
	void invalidValueFailsStartupNamingTheProperty(String property, String value) {
		this.contextRunner.withPropertyValues(property + "=" + value).run(context -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).as("analysis of %s=%s", property, value).contains(property);
		});
	}

	/**
	 * Analyzes a failure as {@code SpringApplication} does: the first registered analyzer with an analysis wins.
	 */
	private static FailureAnalysis analyze(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new StandardEnvironment());
		for (FailureAnalyzer analyzer : SpringFactoriesLoader
			.forDefaultResourceLocation(IpcInvalidPropertyTests.class.getClassLoader())
			.load(FailureAnalyzer.class, arguments, FailureHandler.logging(LogFactory.getLog(IpcInvalidPropertyTests.class)))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return fail("No failure analyzer explains %s", failure);
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class FixturePackage {

	}

}
