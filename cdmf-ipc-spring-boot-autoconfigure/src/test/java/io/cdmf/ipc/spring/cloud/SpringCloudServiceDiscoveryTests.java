package io.cdmf.ipc.spring.cloud;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.factory.TransportChoice;
import io.cdmf.ipc.spring.autoconfigure.IpcAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcDiscoveryAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpringCloudServiceDiscovery} with {@code cdmf.ipc.discovery.type=spring-cloud}, over Spring
 * Cloud's {@code SimpleDiscoveryClient} ({@code spring.cloud.discovery.client.simple.instances.*}), which stands in
 * for Consul, Eureka or Kubernetes: instances carry their IPC endpoints as metadata.
 */
class SpringCloudServiceDiscoveryTests {

	private final String endpoint = "inproc://cloud-greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner server = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class))
		.withBean(GreeterService.class)
		.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint);

	private final ApplicationContextRunner client = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
				SimpleDiscoveryClientAutoConfiguration.class, IpcAutoConfiguration.class,
				IpcDiscoveryAutoConfiguration.class, IpcServerAutoConfiguration.class,
				IpcClientAutoConfiguration.class))
		.withUserConfiguration(Clients.class)
		.withPropertyValues("cdmf.ipc.discovery.type=spring-cloud", "cdmf.ipc.discovery.spring-cloud.poll-interval=50ms",
				"cdmf.ipc.server.enabled=false");

	@Test
	void clientFindsTheServiceInTheDiscoveryClientsInstanceMetadataAndCallsIt() {
		this.server.run(server -> this.client
			.withPropertyValues("spring.cloud.discovery.client.simple.instances.Greeter[0].uri=http://localhost:8080",
					"spring.cloud.discovery.client.simple.instances.Greeter[0].metadata[cdmf-ipc.endpoints]="
							+ this.endpoint,
					"spring.cloud.discovery.client.simple.instances.Greeter[0].metadata[cdmf-ipc.version]=1.0.3",
					"spring.cloud.discovery.client.simple.instances.Greeter[1].uri=http://localhost:8081")
			.run(context -> {
				ServiceDiscovery discovery = context.getBean(ServiceDiscovery.class);
				assertThat(discovery).isInstanceOf(SpringCloudServiceDiscovery.class);
				assertThat(discovery.getName()).startsWith("spring-cloud:");
				assertThat(discovery.health().up()).isTrue();
				// The second instance has no IPC metadata: it is not an IPC server.
				assertThat(discovery.find("Greeter", "1.0")).singleElement().satisfies(instance -> {
					assertThat(instance.version()).isEqualTo("1.0.3");
					assertThat(instance.endpoints()).containsExactly(this.endpoint);
				});
				assertThat(discovery.find("Greeter", "2")).isEmpty();
				GreeterClient greeter = context.getBean(GreeterClient.class);
				assertThat(greeter.greet("cloud")).isEqualTo("Hello, cloud");
				TransportChoice choice = context.getBean(ServiceProxyFactory.class)
					.getTransportChoices("Greeter", "1.0")
					.get(0);
				assertThat(choice.endpoint()).isEqualTo(this.endpoint);
			}));
	}

	@Test
	void serviceIdsMapAnIpcServiceToASpringCloudServiceId() {
		this.client
			.withPropertyValues("cdmf.ipc.discovery.spring-cloud.service-ids.Greeter=greeter-app",
					"spring.cloud.discovery.client.simple.instances.greeter-app[0].uri=http://localhost:8080",
					"spring.cloud.discovery.client.simple.instances.greeter-app[0].metadata[cdmf-ipc.Greeter.endpoints]="
							+ this.endpoint)
			.run(context -> assertThat(context.getBean(ServiceDiscovery.class).find("Greeter", ""))
				.extracting(ServiceEndpoint::endpoints)
				.singleElement()
				.satisfies(endpoints -> assertThat(endpoints).containsExactly(this.endpoint)));
	}

	@Test
	void registeringKeepsTheInstanceInThisApplicationAndWatchersSeeIt() {
		this.client.withBean(GreeterService.class)
			.withPropertyValues("cdmf.ipc.server.enabled=true",
					"cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint)
			.run(context -> {
				ServiceDiscovery discovery = context.getBean(ServiceDiscovery.class);
				assertThat(discovery.find("Greeter", "1.0")).singleElement()
					.satisfies(instance -> assertThat(instance.endpoints()).containsExactly(this.endpoint));
				Await.until("the client's channel has the local instance", Duration.ofSeconds(5),
						() -> !context.getBean(ServiceProxyFactory.class)
							.getTransportChoices("Greeter", "1.0")
							.isEmpty());
				assertThat(context.getBean(GreeterClient.class).greet("local")).isEqualTo("Hello, local");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class Clients {

	}

}
