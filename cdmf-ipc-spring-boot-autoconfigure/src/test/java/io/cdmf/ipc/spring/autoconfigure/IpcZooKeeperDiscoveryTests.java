package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.zookeeper.ZooKeeperDiscovery;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.autoconfigure.health.IpcHealthContributorAutoConfiguration;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.testsupport.Await;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cdmf.ipc.discovery.type=zookeeper} against a real ZooKeeper (Curator's {@link TestingServer}): the
 * registry is built from the properties, an {@code @IpcService} registers in it, an {@code @IpcClient} with no
 * endpoint finds it, and an unreachable ZooKeeper fails start-up naming the property to fix.
 */
class IpcZooKeeperDiscoveryTests {

	private static TestingServer zooKeeper;

	private final String endpoint = "inproc://zk-greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcDiscoveryAutoConfiguration.class,
				IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class,
				IpcHealthContributorAutoConfiguration.class))
		.withPropertyValues("cdmf.ipc.discovery.type=zookeeper",
				"cdmf.ipc.discovery.zookeeper.session-timeout=5s",
				"cdmf.ipc.discovery.zookeeper.connection-timeout=3s");

	@BeforeAll
	static void startZooKeeper() throws Exception {
		zooKeeper = new TestingServer(true);
	}

	@AfterAll
	static void stopZooKeeper() throws Exception {
		zooKeeper.close();
	}

	@Test
	void serviceRegistersInZooKeeperAndAClientWithoutEndpointsFindsIt() {
		String basePath = "/spring-" + ThreadLocalRandom.current().nextInt(1 << 30);
		this.contextRunner.withBean(GreeterService.class)
			.withUserConfiguration(IpcDiscoveryRegistrationTests.Clients.class)
			.withPropertyValues("cdmf.ipc.discovery.zookeeper.connect-string=" + zooKeeper.getConnectString(),
					"cdmf.ipc.discovery.zookeeper.base-path=" + basePath,
					"cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint)
			.run(context -> {
				ServiceDiscovery discovery = context.getBean(ServiceDiscovery.class);
				assertThat(discovery).isInstanceOf(ZooKeeperDiscovery.class);
				assertThat(((ZooKeeperDiscovery) discovery).getBasePath()).isEqualTo(basePath);
				assertThat(discovery.getName()).startsWith("zookeeper:" + zooKeeper.getConnectString());
				assertThat(discovery.find("Greeter", "1.0")).singleElement()
					.satisfies(instance -> assertThat(instance.endpoints()).containsExactly(this.endpoint));
				Await.until("the client's channel has the instance", Duration.ofSeconds(10),
						() -> !context.getBean(ServiceProxyFactory.class).getTransportChoices("Greeter", "1.0").isEmpty());
				assertThat(context.getBean(GreeterClient.class).greet("zookeeper")).isEqualTo("Hello, zookeeper");
				assertThat(discovery.health().up()).isTrue();
			});
	}

	@Test
	void unreachableZooKeeperFailsStartUpNamingTheConnectString() {
		this.contextRunner
			.withPropertyValues("cdmf.ipc.discovery.zookeeper.connect-string=127.0.0.1:1",
					"cdmf.ipc.discovery.zookeeper.connection-timeout=300ms")
			.run(context -> {
				IpcConfigurationException failure = IpcServerAutoConfigurationTests
					.configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.discovery.zookeeper.connect-string");
				assertThat(failure.getAction()).contains("Start ZooKeeper at 127.0.0.1:1");
			});
	}

	@Test
	void outOfRangeTimeoutNamesItsProperty() {
		this.contextRunner
			.withPropertyValues("cdmf.ipc.discovery.zookeeper.connect-string=" + zooKeeper.getConnectString(),
					"cdmf.ipc.discovery.zookeeper.session-timeout=1ms")
			.run(context -> assertThat(IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure())
				.getProperty()).isEqualTo("cdmf.ipc.discovery.zookeeper.session-timeout"));
	}

}
