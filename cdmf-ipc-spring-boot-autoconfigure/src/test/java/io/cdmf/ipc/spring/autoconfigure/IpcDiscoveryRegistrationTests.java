package io.cdmf.ipc.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.discovery.DiscoveryHealth;
import io.cdmf.ipc.discovery.DiscoveryListener;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.discovery.simple.StaticDiscovery;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.autoconfigure.health.IpcHealthContributorAutoConfiguration;
import io.cdmf.ipc.spring.fixture.GreeterClient;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.spring.health.IpcHealthIndicator;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.cdmf.ipc.spring.server.IpcServiceRegistrar;
import io.cdmf.ipc.testsupport.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of what {@code @IpcService}s and {@code @IpcClient}s do with the registry: registration once listening,
 * deregistration before draining, failures, health, and clients with and without endpoints.
 */
class IpcDiscoveryRegistrationTests {

	@TempDir
	Path registry;

	private final String endpoint = "inproc://greeter-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void runner() {
		// Here, not in a field initializer: the per-test directory is injected after construction.
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcDiscoveryAutoConfiguration.class,
					IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class,
					IpcHealthContributorAutoConfiguration.class))
			.withBean(GreeterService.class)
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=" + this.endpoint,
					"cdmf.ipc.discovery.embedded.directory=" + this.registry);
	}

	@Test
	void servedServiceIsRegisteredAndItsOwnClientFindsItThrough() {
		this.contextRunner.withUserConfiguration(Clients.class).run(context -> {
			ServiceDiscovery discovery = context.getBean(ServiceDiscovery.class);
			assertThat(discovery.find("Greeter", "1.0")).singleElement().satisfies(instance -> {
				assertThat(instance.endpoints()).containsExactly(this.endpoint);
				assertThat(instance.metadata(ServiceEndpoint.METADATA_SERIALIZATION)).isEqualTo("JSON");
			});
			GreeterClient greeter = context.getBean(GreeterClient.class);
			Await.until("the client's channel has the instance", Duration.ofSeconds(5),
					() -> !context.getBean(io.cdmf.ipc.factory.ServiceProxyFactory.class)
						.getTransportChoices("Greeter", "1.0")
						.isEmpty());
			assertThat(greeter.greet("registry")).isEqualTo("Hello, registry");
		});
	}

	@Test
	void advertisedHostReplacesAWildcardAddressInTheRegistration() {
		this.contextRunner
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=tcp://0.0.0.0:0",
					"cdmf.ipc.discovery.advertised-host=ipc.example.test")
			.run(context -> assertThat(context.getBean(ServiceDiscovery.class).find("Greeter", "1.0"))
				.singleElement()
				.satisfies(instance -> assertThat(instance.endpoints()).singleElement()
					.asString()
					.startsWith("tcp://ipc.example.test:")
					.doesNotEndWith(":0")));
	}

	@Test
	void whenRegisterIsOffThenTheServiceServesUnregistered() {
		this.contextRunner.withPropertyValues("cdmf.ipc.discovery.register=false").run(context -> {
			assertThat(context.getBean(IpcServerLifecycle.class).isRunning()).isTrue();
			assertThat(context.getBean(ServiceDiscovery.class).find("Greeter", "")).isEmpty();
		});
	}

	@Test
	void registrationIsRemovedBeforeTheStubStops() {
		Recording recording = new Recording();
		this.contextRunner.withBean(ServiceDiscovery.class, () -> recording).run(context -> {
			recording.lifecycle = context.getBean(IpcServerLifecycle.class);
			assertThat(recording.find("Greeter", "1.0")).hasSize(1);
		});
		// Registered from a started stub (ServiceEndpoint.forStub refuses a stopped one), removed while it serves.
		assertThat(recording.events).containsExactly("registered", "deregistered while serving=true");
	}

	@Test
	void whenTheRegistryRefusesTheServiceThenStartupFailsAndNothingListens() {
		Recording refusing = new Recording();
		refusing.refuse = true;
		this.contextRunner.withBean(ServiceDiscovery.class, () -> refusing).run(context -> {
			IpcConfigurationException failure = IpcServerAutoConfigurationTests
				.configurationFailure(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.discovery.type");
			assertThat(failure.getMessage()).contains("cannot be registered in recording").contains("disk full");
			assertThat(failure.getAction()).contains("cdmf.ipc.discovery.register=false");
		});
		// The stub that had started is stopped again: its in-process name is free.
		this.contextRunner.withPropertyValues("cdmf.ipc.discovery.type=none")
			.run(context -> assertThat(context.getBean(IpcServerLifecycle.class).isRunning()).isTrue());
	}

	@Test
	void healthReportsTheRegistryAndIsDownWhenItIsDown() {
		this.contextRunner.run(context -> {
			Health health = context.getBean(IpcHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("discovery").toString()).contains("embedded:" + this.registry);
		});
		Recording down = new Recording();
		down.health = DiscoveryHealth.down("recording: cannot reach the registry");
		this.contextRunner.withBean(ServiceDiscovery.class, () -> down).run(context -> {
			Health health = context.getBean(IpcHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("discovery").toString()).contains("DOWN")
				.contains("cannot reach the registry");
		});
	}

	@Test
	void healthOfADiscoveredClientWithoutInstancesSaysNoneIsRegistered() {
		this.contextRunner.withUserConfiguration(Clients.class)
			.withPropertyValues("cdmf.ipc.server.enabled=false", "cdmf.ipc.client.retry.enabled=false",
					"cdmf.ipc.client.timeout=200ms")
			.run(context -> {
				assertThatExceptionOfType(IpcException.class)
					.isThrownBy(() -> context.getBean(GreeterClient.class).greet("nobody"));
				Health health = context.getBean(IpcHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("clients").toString())
					.contains("no instance of Greeter 1.0 is registered in embedded:" + this.registry);
			});
	}

	@Test
	void whenDiscoveryIsOffAClientWithoutEndpointFailsStartupNamingTheKeys() {
		this.contextRunner.withUserConfiguration(Clients.class)
			.withPropertyValues("cdmf.ipc.discovery.type=none")
			.run(context -> {
				IpcConfigurationException failure = IpcServerAutoConfigurationTests
					.configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.client.services.Greeter.endpoints");
				assertThat(failure.getMessage()).contains("cdmf.ipc.discovery.type=none");
				assertThat(failure.getAction()).contains("cdmf.ipc.client.services.Greeter.endpoints=")
					.contains("cdmf.ipc.discovery.type");
			});
	}

	@Test
	void aClientWithEndpointsKeepsThemAndIsNotDiscovered() {
		this.contextRunner.withUserConfiguration(Clients.class)
			.withPropertyValues("cdmf.ipc.client.services.Greeter.endpoint=" + this.endpoint)
			.run(context -> {
				var clients = context.getBean(io.cdmf.ipc.spring.client.IpcClientRegistry.class);
				var greeter = clients.getClients("Greeter").get(0);
				assertThat(clients.isDiscovered(greeter)).isFalse();
				assertThat(greeter.channel().getEndpoints()).extracting(e -> e.uri()).containsExactly(this.endpoint);
				assertThat(context.getBean(GreeterClient.class).greet("static")).isEqualTo("Hello, static");
			});
	}

	@Test
	void registrarIsReplaceable() {
		IpcServiceRegistrar own = new IpcServiceRegistrar(StaticDiscovery.builder().build(), null, Duration.ZERO);
		this.contextRunner.withBean(IpcServiceRegistrar.class, () -> own)
			.run(context -> assertThat(context.getBean(IpcServerLifecycle.class).getRegistrar()).isSameAs(own));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GreeterClient.class)
	static class Clients {

	}

	/**
	 * A registry that records, at each registration and deregistration, whether the service was serving.
	 */
	static final class Recording implements ServiceDiscovery {

		final StaticDiscovery delegate = StaticDiscovery.builder().build();

		final List<String> events = new CopyOnWriteArrayList<>();

		volatile IpcServerLifecycle lifecycle;

		volatile boolean refuse;

		volatile DiscoveryHealth health = DiscoveryHealth.up("recording");

		@Override
		public String getName() {
			return "recording";
		}

		@Override
		public Registration register(ServiceEndpoint instance) {
			if (this.refuse) {
				throw new IpcException(ErrorCode.UNAVAILABLE, "disk full");
			}
			this.events.add("registered");
			Registration registration = this.delegate.register(instance);
			return new Registration() {

				@Override
				public ServiceEndpoint getInstance() {
					return registration.getInstance();
				}

				@Override
				public void update(ServiceEndpoint updated) {
					registration.update(updated);
				}

				@Override
				public void close() {
					Recording.this.events.add("deregistered while serving=" + serving());
					registration.close();
				}

			};
		}

		private boolean serving() {
			IpcServerLifecycle current = this.lifecycle;
			return current != null && current.getService("Greeter").map(s -> s.isRunning()).orElse(false);
		}

		@Override
		public List<ServiceEndpoint> find(String serviceName, VersionRange version) {
			return this.delegate.find(serviceName, version);
		}

		@Override
		public Watch watch(String serviceName, VersionRange version, DiscoveryListener listener) {
			return this.delegate.watch(serviceName, version, listener);
		}

		@Override
		public DiscoveryHealth health() {
			return this.health;
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

}
