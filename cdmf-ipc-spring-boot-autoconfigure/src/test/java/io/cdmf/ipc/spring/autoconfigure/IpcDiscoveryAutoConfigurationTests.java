package io.cdmf.ipc.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.cdmf.ipc.discovery.HostIdentity;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.embedded.EmbeddedDiscovery;
import io.cdmf.ipc.discovery.simple.StaticDiscovery;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.factory.TransportChoice;
import io.cdmf.ipc.factory.TransportSelector;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.client.IpcDiscoveryChannelConfigs;
import io.cdmf.ipc.spring.server.IpcServiceRegistrar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcDiscoveryAutoConfiguration} and {@link IpcDiscoveryProperties}.
 */
class IpcDiscoveryAutoConfigurationTests {

	@TempDir
	Path registry;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcDiscoveryAutoConfiguration.class,
				IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class));

	private ApplicationContextRunner embedded() {
		return this.contextRunner.withPropertyValues("cdmf.ipc.discovery.embedded.directory=" + this.registry);
	}

	@Test
	void byDefaultTheEmbeddedRegistryInTheConfiguredDirectoryWithAFactoryAndARegistrar() {
		embedded().withPropertyValues("cdmf.ipc.discovery.embedded.poll-interval=20ms").run(context -> {
			assertThat(context).hasSingleBean(ServiceDiscovery.class)
				.hasSingleBean(TransportSelector.class)
				.hasSingleBean(ServiceProxyFactory.class)
				.hasSingleBean(IpcDiscoveryChannelConfigs.class)
				.hasSingleBean(IpcServiceRegistrar.class);
			ServiceDiscovery discovery = context.getBean(ServiceDiscovery.class);
			assertThat(discovery).isInstanceOf(EmbeddedDiscovery.class);
			assertThat(((EmbeddedDiscovery) discovery).getDirectory()).isEqualTo(this.registry);
			assertThat(context.getBean(ServiceProxyFactory.class).getDiscovery()).isSameAs(discovery);
		});
	}

	@Test
	void propertiesBindEveryKey() {
		this.contextRunner
			.withBean(IpcServiceDiscoveryFactory.class,
					() -> IpcServiceDiscoveryFactory.of("zookeeper", properties -> StaticDiscovery.builder().build()))
			.withPropertyValues("cdmf.ipc.discovery.type=ZooKeeper",
				"cdmf.ipc.discovery.register=false", "cdmf.ipc.discovery.prefer-transport=unix,grpc",
				"cdmf.ipc.discovery.advertised-host=10.1.2.3", "cdmf.ipc.discovery.deregistration-delay=300ms",
				"cdmf.ipc.discovery.embedded.directory=/run/registry", "cdmf.ipc.discovery.embedded.poll-interval=1s",
				"cdmf.ipc.discovery.zookeeper.connect-string=zk1:2181,zk2:2181/ipc",
				"cdmf.ipc.discovery.zookeeper.session-timeout=10s",
				"cdmf.ipc.discovery.zookeeper.connection-timeout=3s",
				"cdmf.ipc.discovery.zookeeper.base-path=/cdmf",
				"cdmf.ipc.discovery.static.services.Quotes[0].version=1.2.0",
				"cdmf.ipc.discovery.static.services.Quotes[0].endpoints=unix:///run/quotes.sock,tcp://10.0.0.7:7070",
				"cdmf.ipc.discovery.spring-cloud.poll-interval=2s",
				"cdmf.ipc.discovery.spring-cloud.service-ids.Quotes=quotes-app")
			.run(context -> {
				IpcDiscoveryProperties properties = context.getBean(IpcDiscoveryProperties.class);
				assertThat(properties.getType()).isEqualTo("ZooKeeper");
				assertThat(properties.isRegister()).isFalse();
				assertThat(properties.getPreferTransport()).containsExactly("unix", "grpc");
				assertThat(properties.getAdvertisedHost()).isEqualTo("10.1.2.3");
				assertThat(properties.getDeregistrationDelay()).isEqualTo(Duration.ofMillis(300));
				assertThat(properties.getEmbedded().getDirectory()).isEqualTo(Path.of("/run/registry"));
				assertThat(properties.getEmbedded().getPollInterval()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getZookeeper().getConnectString()).isEqualTo("zk1:2181,zk2:2181/ipc");
				assertThat(properties.getZookeeper().getSessionTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(properties.getZookeeper().getConnectionTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getZookeeper().getBasePath()).isEqualTo("/cdmf");
				IpcDiscoveryProperties.Instance quotes = properties.getStatic().getServices().get("Quotes").get(0);
				assertThat(quotes.getVersion()).isEqualTo("1.2.0");
				assertThat(quotes.getEndpoints()).containsExactly("unix:///run/quotes.sock", "tcp://10.0.0.7:7070");
				assertThat(properties.getSpringCloud().getPollInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getSpringCloud().getServiceIds()).containsEntry("Quotes", "quotes-app");
			});
	}

	@Test
	void defaultsAreTheDocumentedOnes() {
		IpcDiscoveryProperties properties = new IpcDiscoveryProperties();
		assertThat(properties.getType()).isEqualTo("embedded");
		assertThat(properties.isRegister()).isTrue();
		assertThat(properties.getPreferTransport()).isEmpty();
		assertThat(properties.getDeregistrationDelay()).isZero();
		assertThat(properties.getEmbedded().getPollInterval()).isEqualTo(Duration.ofMillis(50));
		assertThat(properties.getZookeeper().getConnectString()).isEqualTo("localhost:2181");
		assertThat(properties.getSpringCloud().getPollInterval()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void whenTypeIsNoneThenNoRegistryFactoryOrRegistrar() {
		this.contextRunner.withPropertyValues("cdmf.ipc.discovery.type=none")
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ServiceDiscovery.class)
				.doesNotHaveBean(ServiceProxyFactory.class)
				.doesNotHaveBean(IpcServiceRegistrar.class));
	}

	@Test
	void whenRegisterIsOffThenNoRegistrarButStillAFactory() {
		embedded().withPropertyValues("cdmf.ipc.discovery.register=false")
			.run(context -> assertThat(context).doesNotHaveBean(IpcServiceRegistrar.class)
				.hasSingleBean(ServiceProxyFactory.class));
	}

	@Test
	void whenIpcIsDisabledThenNoRegistry() {
		embedded().withPropertyValues("cdmf.ipc.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(ServiceDiscovery.class));
	}

	@Test
	void userRegistryWins() {
		StaticDiscovery own = StaticDiscovery.builder().build();
		this.contextRunner.withBean(ServiceDiscovery.class, () -> own).withPropertyValues("cdmf.ipc.discovery.type=none")
			.run(context -> {
				assertThat(context.getBean(ServiceDiscovery.class)).isSameAs(own);
				assertThat(context.getBean(ServiceProxyFactory.class).getDiscovery()).isSameAs(own);
			});
	}

	@Test
	void userFactoryAndSelectorWin() {
		TransportSelector selector = TransportSelector.custom().checkReachable(false).build();
		embedded().withBean(TransportSelector.class, () -> selector)
			.run(context -> assertThat(context.getBean(TransportSelector.class)).isSameAs(selector));
	}

	@Test
	void aServerWithoutClientsBuildsNoClientSideUntilAskedButTheFactoryIsInjectable() {
		embedded().run(context -> {
			// Lazy: a pure server does not pay for the client side at start-up (docs/benchmarks-startup.md).
			for (String name : new String[] { "ipcChannelConfigFactory", "ipcClientRegistry",
					"ipcDiscoveryChannelConfigs", "ipcServiceProxyFactory", "ipcCircuitBreakerRegistry",
					"ipcRetryRegistry" }) {
				assertThat(context.getBeanFactory().containsSingleton(name)).as(name).isFalse();
			}
			ServiceProxyFactory factory = context.getBean(ServiceProxyFactory.class);
			assertThat(factory.getDiscovery()).isSameAs(context.getBean(ServiceDiscovery.class));
			assertThat(context.getBeanFactory().containsSingleton("ipcServiceProxyFactory")).isTrue();
		});
	}

	@Test
	void registryIsClosedWithTheContext() {
		ServiceDiscovery[] seen = new ServiceDiscovery[1];
		embedded().run(context -> seen[0] = context.getBean(ServiceDiscovery.class));
		assertThat(seen[0].health().up()).isFalse();
		assertThat(seen[0].health().detail()).contains("closed");
	}

	@Test
	void staticRegistryListsTheConfiguredInstancesAndNeverAnotherVersion() {
		this.contextRunner.withPropertyValues("cdmf.ipc.discovery.type=static",
				"cdmf.ipc.discovery.static.services.Quotes[0].version=1.2.0",
				"cdmf.ipc.discovery.static.services.Quotes[0].endpoints=tcp://10.0.0.7:7070",
				"cdmf.ipc.discovery.static.services.Quotes[1].version=2.0.0",
				"cdmf.ipc.discovery.static.services.Quotes[1].endpoints=tcp://10.0.0.8:7070")
			.run(context -> {
				ServiceDiscovery discovery = context.getBean(ServiceDiscovery.class);
				assertThat(discovery).isInstanceOf(StaticDiscovery.class);
				assertThat(discovery.find("Quotes", "1.2")).extracting(ServiceEndpoint::endpoints)
					.containsExactly(List.of("tcp://10.0.0.7:7070"));
				assertThat(discovery.find("Quotes", "[1.0,3.0)")).hasSize(2);
				assertThat(discovery.find("Quotes", "3")).isEmpty();
			});
	}

	@Test
	void whenAStaticInstanceListsNoEndpointThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("cdmf.ipc.discovery.type=static",
				"cdmf.ipc.discovery.static.services.Quotes[0].version=1.2.0")
			.run(context -> assertThat(IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure())
				.getProperty()).isEqualTo("cdmf.ipc.discovery.static.services.Quotes[0].endpoints"));
	}

	@Test
	void whenTypeIsZooKeeperWithoutItsModuleThenTheAnalysisSaysWhatToAdd() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.cdmf.ipc.discovery.zookeeper"))
			.withPropertyValues("cdmf.ipc.discovery.type=zookeeper")
			.run(context -> {
			IpcConfigurationException failure = IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.discovery.type");
			FailureAnalysis analysis = new IpcConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Property: cdmf.ipc.discovery.type")
				.contains("Value: zookeeper")
				.contains("io.cdmf.ipc.discovery.zookeeper.ZooKeeperDiscovery");
			assertThat(analysis.getAction()).contains("Add io.cdmf:cdmf-ipc-discovery-zookeeper")
				.contains("cdmf.ipc.discovery.type");
		});
	}

	@Test
	void anIpcServiceDiscoveryFactoryMakesATypeSelectable() {
		StaticDiscovery own = StaticDiscovery.builder().build();
		this.contextRunner.withPropertyValues("cdmf.ipc.discovery.type=zookeeper")
			.withBean(IpcServiceDiscoveryFactory.class, () -> IpcServiceDiscoveryFactory.of("zookeeper", p -> own))
			.run(context -> assertThat(context.getBean(ServiceDiscovery.class)).isSameAs(own));
	}

	@Test
	void whenTypeIsUnknownThenStartupFailsListingTheTypes() {
		this.contextRunner.withPropertyValues("cdmf.ipc.discovery.type=etcd").run(context -> {
			IpcConfigurationException failure = IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.discovery.type");
			assertThat(failure.getAction()).contains("embedded, none, spring-cloud, static, zookeeper");
		});
	}

	@Test
	void whenTypeIsSpringCloudWithoutSpringCloudThenTheAnalysisSaysWhatToAdd() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DiscoveryClient.class))
			.withPropertyValues("cdmf.ipc.discovery.type=spring-cloud")
			.run(context -> assertThat(IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure())
				.getAction()).contains("org.springframework.cloud:spring-cloud-commons"));
	}

	@Test
	void whenTypeIsSpringCloudWithoutADiscoveryClientThenStartupFailsSayingSo() {
		this.contextRunner.withPropertyValues("cdmf.ipc.discovery.type=spring-cloud")
			.run(context -> assertThat(IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure())
				.getMessage()).contains("no Spring Cloud DiscoveryClient bean"));
	}

	@Test
	void preferTransportMovesATransportToTheFront() {
		ServiceEndpoint instance = ServiceEndpoint.builder("Quotes")
			.endpoint("tcp://127.0.0.1:7070")
			.endpoint("grpc://127.0.0.1:9090")
			.host(HostIdentity.local())
			.build();
		embedded().run(context -> assertThat(context.getBean(TransportSelector.class).select(instance).endpoint())
			.isEqualTo("tcp://127.0.0.1:7070"));
		embedded().withPropertyValues("cdmf.ipc.discovery.prefer-transport=grpc").run(context -> {
			TransportChoice choice = context.getBean(TransportSelector.class).select(instance);
			assertThat(choice.endpoint()).isEqualTo("grpc://127.0.0.1:9090");
			assertThat(choice.reason()).contains("preferred by configuration");
		});
	}

	@Test
	void whenPreferTransportNamesNoTransportThenStartupFailsNamingTheProperty() {
		embedded().withPropertyValues("cdmf.ipc.discovery.prefer-transport=carrier-pigeon")
			.run(context -> assertThat(IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure())
				.getProperty()).isEqualTo("cdmf.ipc.discovery.prefer-transport"));
		embedded().withPropertyValues("cdmf.ipc.discovery.prefer-transport=udp")
			.run(context -> assertThat(IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure())
				.getMessage()).contains("carries no calls with replies"));
	}

	@Test
	void whenThePollIntervalIsOutOfRangeThenStartupFailsNamingTheProperty() {
		embedded().withPropertyValues("cdmf.ipc.discovery.embedded.poll-interval=1ms")
			.run(context -> assertThat(IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure())
				.getProperty()).isEqualTo("cdmf.ipc.discovery.embedded.poll-interval"));
	}

	@Test
	void factoryChannelsTakeTheClientPropertiesOfTheirService() {
		embedded().withPropertyValues("cdmf.ipc.client.services.Quotes.timeout=7s",
				"cdmf.ipc.client.services.Quotes.load-balancer=round-robin")
			.run(context -> {
				ServiceProxyFactory factory = context.getBean(ServiceProxyFactory.class);
				var config = factory.createProxy("Quotes", "1.0").getChannel().getConfig();
				assertThat(config.getDefaultTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(factory.createProxy("Quotes", "1.0").getChannelStats().loadBalancer())
					.isEqualTo("round-robin");
			});
	}

}
