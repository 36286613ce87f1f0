package io.cdmf.ipc.spring.actuate.endpoint;

import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.channel.SubchannelState;
import io.cdmf.ipc.spring.actuate.endpoint.IpcEndpoint.CircuitBreakerDescriptor;
import io.cdmf.ipc.spring.actuate.endpoint.IpcEndpoint.ClientDescriptor;
import io.cdmf.ipc.spring.actuate.endpoint.IpcEndpoint.EndpointDescriptor;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
			assertThat(client.connected()).isTrue();
			assertThat(client.loadBalancer()).isEqualTo("p2c");
			assertThat(client.stats().successes()).isEqualTo(1);
			assertThat(client.endpoints()).singleElement().satisfies(endpoint -> {
				assertThat(endpoint.endpoint()).isEqualTo(this.endpoint);
				assertThat(endpoint.transport()).isEqualTo("inproc");
				assertThat(endpoint.locality()).isEqualTo(Locality.SAME_PROCESS);
				assertThat(endpoint.state()).isEqualTo(SubchannelState.READY);
				assertThat(endpoint.connections()).isPositive();
				assertThat(endpoint.picks()).isEqualTo(1);
				assertThat(endpoint.outstandingCalls()).isZero();
				assertThat(endpoint.consecutiveFailures()).isZero();
				assertThat(endpoint.ejectedUntil()).isNull();
				assertThat(endpoint.lastError()).isNull();
			});
			assertThat(client.circuitBreaker()).isNotNull().satisfies(breaker -> {
				assertThat(breaker.name()).isEqualTo("Greeter");
				assertThat(breaker.state()).isEqualTo("CLOSED");
				assertThat(breaker.bufferedCalls()).isEqualTo(1);
				assertThat(breaker.failedCalls()).isZero();
			});
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

	@Test
	void shouldListEveryEndpointOfAClientWithItsState() {
		String second = this.endpoint + "-b";
		String nobody = this.endpoint + "-nobody";
		this.contextRunner
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint + "," + second,
					"cdmf.ipc.client.services.Greeter.endpoint=",
					"cdmf.ipc.client.services.Greeter.endpoints=" + this.endpoint + "," + second + "," + nobody,
					"cdmf.ipc.client.services.Greeter.load-balancer=round-robin")
			.run(context -> {
				GreeterClient greeter = context.getBean(GreeterClient.class);
				for (int i = 0; i < 4; i++) {
					greeter.greet("Ada");
				}
				ClientDescriptor client = context.getBean(IpcEndpoint.class).service("Greeter").clients().get(0);
				assertThat(client.loadBalancer()).isEqualTo("round-robin");
				assertThat(client.connected()).isTrue();
				assertThat(client.endpoints()).extracting(EndpointDescriptor::endpoint)
					.containsExactly(this.endpoint, second, nobody);
				assertThat(client.endpoints().subList(0, 2)).allSatisfy(up -> {
					assertThat(up.state()).isEqualTo(SubchannelState.READY);
					assertThat(up.transport()).isEqualTo("inproc");
				});
				assertThat(client.endpoints().get(0).picks() + client.endpoints().get(1).picks()).isEqualTo(4);
				EndpointDescriptor down = client.endpoints().get(2);
				assertThat(down.state()).isIn(SubchannelState.TRANSIENT_FAILURE, SubchannelState.CONNECTING);
				assertThat(down.picks()).isZero();
				assertThat(down.lastError()).isNotBlank();
			});
	}

	@Test
	void shouldShowAnOpenCircuitBreaker() {
		this.contextRunner
			.withPropertyValues("cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint + "-nobody",
					"cdmf.ipc.client.services.Greeter.timeout=200ms",
					"cdmf.ipc.client.services.Greeter.retry.enabled=false",
					"cdmf.ipc.client.services.Greeter.circuit-breaker.sliding-window-size=2",
					"cdmf.ipc.client.services.Greeter.circuit-breaker.minimum-number-of-calls=2")
			.run(context -> {
				GreeterClient greeter = context.getBean(GreeterClient.class);
				for (int i = 0; i < 3; i++) {
					assertThatExceptionOfType(IpcException.class).isThrownBy(() -> greeter.greet("nobody"));
				}
				CircuitBreakerDescriptor breaker = context.getBean(IpcEndpoint.class)
					.service("Greeter")
					.clients()
					.get(0)
					.circuitBreaker();
				assertThat(breaker).isNotNull();
				assertThat(breaker.state()).isEqualTo("OPEN");
				assertThat(breaker.failedCalls()).isEqualTo(2);
				assertThat(breaker.failureRate()).isEqualTo(100f);
				assertThat(breaker.notPermittedCalls()).isEqualTo(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class Clients {

	}

}
