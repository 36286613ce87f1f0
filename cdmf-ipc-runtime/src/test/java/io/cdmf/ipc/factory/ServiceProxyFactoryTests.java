package io.cdmf.ipc.factory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.binding.IpcMethod;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.embedded.EmbeddedDiscovery;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProxyFactoryTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	private final TestEndpoints endpoints = new TestEndpoints();

	private final List<ServiceStub> stubs = new CopyOnWriteArrayList<>();

	private EmbeddedDiscovery discovery;

	private ServiceProxyFactory factory;

	@AfterEach
	void close() {
		if (this.factory != null) {
			this.factory.close();
		}
		if (this.discovery != null) {
			this.discovery.close();
		}
		this.stubs.forEach(ServiceStub::stop);
		this.endpoints.close();
	}

	@Test
	void createsOneCachedProxyPerServiceAndVersion() {
		factory();
		register("Quotes", "1.2.0", this.endpoints.endpoint("unix", "q"));
		ServiceProxy proxy = this.factory.createProxy("Quotes", "1.2");
		assertThat(this.factory.createProxy("Quotes", "1.2")).isSameAs(proxy);
		assertThat(this.factory.createProxy("Quotes", " 1.2 ")).isSameAs(proxy);
		assertThat(this.factory.createProxy("Quotes", "1")).isNotSameAs(proxy);
		assertThat(this.factory.getCachedProxy("Quotes", "1.2")).containsSame(proxy);
		assertThat(this.factory.getCachedProxy("Quotes", "9")).isEmpty();
		assertThat(call(proxy)).isEqualTo("hello");
		FactoryStats stats = this.factory.getStats();
		assertThat(stats.cacheHits()).isEqualTo(2);
		assertThat(stats.cacheMisses()).isEqualTo(2);
		assertThat(stats.discoveries()).isEqualTo(2);
		assertThat(stats.endpointsPerService()).containsEntry("Quotes 1.2", 1);
		this.factory.clearCache();
		assertThat(this.factory.getCachedProxy("Quotes", "1.2")).isEmpty();
		assertThat(this.factory.createProxy("Quotes", "1.2")).isNotSameAs(proxy);
	}

	@Test
	void followsInstancesThatComeAndGo() {
		factory();
		ServiceProxy proxy = this.factory.createProxy("Quotes", "1.0");
		CallResult none = proxy.call("whoami", new byte[0]);
		assertThat(none.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
		ServiceDiscovery.Registration a = register("Quotes", "1.0.0", this.endpoints.endpoint("unix", "a"));
		ServiceDiscovery.Registration b = register("Quotes", "1.0.1", this.endpoints.endpoint("unix", "b"));
		Await.until("two endpoints", WAIT, () -> proxy.getChannel().getEndpoints().size() == 2);
		Set<String> answered = new HashSet<>();
		Await.until("both instances answer", WAIT, () -> {
			answered.add(whoami(proxy));
			return answered.size() == 2;
		});
		a.close();
		Await.until("one endpoint", WAIT, () -> proxy.getChannel().getEndpoints().size() == 1);
		for (int i = 0; i < 20; i++) {
			assertThat(whoami(proxy)).isEqualTo(b.getInstance().instanceId());
		}
		b.update(b.getInstance().withHealthy(false));
		Await.until("no endpoint", WAIT, () -> proxy.getChannel().getEndpoints().isEmpty());
		assertThat(this.factory.getTransportChoices("Quotes", "1.0")).singleElement()
			.satisfies(choice -> assertThat(choice.reason()).isEqualTo("instance reports itself unhealthy"));
	}

	@Test
	void neverCallsAVersionTheRequirementExcludes() {
		factory();
		register("Quotes", "2.0.0", this.endpoints.endpoint("unix", "v2"));
		ServiceProxy proxy = this.factory.createProxy("Quotes", "[1.0,2.0)");
		assertThat(proxy.getChannel().getEndpoints()).isEmpty();
		CallResult refused = proxy.call("echo", "x".getBytes(StandardCharsets.UTF_8));
		assertThat(refused.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
		assertThat(refused.errorMessage()).contains("has no endpoints (from registry embedded:")
			.contains("version [1.0,2.0)");
		assertThat(this.factory.discoverService("Quotes", "2")).hasSize(1);
		assertThat(this.factory.checkHealth("Quotes", "[1.0,2.0)").healthy()).isFalse();
		assertThat(this.factory.checkHealth("Quotes", "2").healthy()).isTrue();
	}

	@Test
	void takesTheNearestTransportAnInstanceAdvertises() {
		factory();
		String unix = this.endpoints.endpoint("unix", "near");
		register("Quotes", "1.0.0", "tcp://127.0.0.1:0", unix);
		ServiceProxy proxy = this.factory.createProxy("Quotes", "");
		assertThat(proxy.getChannel().getEndpoints()).singleElement()
			.satisfies(endpoint -> assertThat(endpoint.uri()).isEqualTo(unix));
		assertThat(this.factory.getTransportChoices("Quotes", "")).singleElement()
			.satisfies(choice -> assertThat(choice.reason()).startsWith("unix://: instance is on this host"));
		assertThat(call(proxy)).isEqualTo("hello");
	}

	@Test
	void fallsBackToTheNextTransportWhenTheChosenOneCannotBeConnected() throws IOException {
		factory();
		ServiceStub stub = start("Quotes", "1.0.0", "tcp://127.0.0.1:0");
		// A socket file that exists and is writable but where nothing listens: it passes the check, then fails.
		Path fake = Files.createFile(this.endpoints.path("fake"));
		this.discovery.register(ServiceEndpoint.forStub(stub).endpoint("unix://" + fake).build());
		ServiceProxy proxy = this.factory.createProxy("Quotes", "");
		assertThat(proxy.getChannel().getEndpoints().get(0).uri()).isEqualTo("unix://" + fake);
		Await.until("the call through the fallback", Duration.ofSeconds(20), () -> proxy
			.call("echo", "x".getBytes(StandardCharsets.UTF_8))
			.isSuccess());
		assertThat(proxy.getChannel().getEndpoints().get(0).uri()).startsWith("tcp://127.0.0.1:");
		assertThat(this.factory.getTransportChoices("Quotes", "").get(0).skipped())
			.containsExactly("unix://" + fake + ": could not be connected to");
	}

	@Test
	void typedClientUsesTheAdvertisedFormat() {
		factory();
		ServiceStub stub = start("Greeter", "1.0.0", this.endpoints.endpoint("unix", "greeter"));
		IpcBinding.export((Greeter) name -> "hi " + name, Greeter.class, stub, SerializationFormat.JSON);
		this.discovery.register(ServiceEndpoint.forStub(stub)
			.metadata(ServiceEndpoint.METADATA_SERIALIZATION, "json")
			.build());
		Greeter greeter = this.factory.create(Greeter.class, "Greeter", "1");
		assertThat(greeter.greet("Ada")).isEqualTo("hi Ada");
		assertThat(this.factory.create(Greeter.class, "Greeter", "1")).isSameAs(greeter);
	}

	@Test
	void channelConfigurationIsTheCallersExceptForTheEndpoints() {
		this.discovery = EmbeddedDiscovery.builder().directory(this.directory).build();
		this.factory = ServiceProxyFactory.builder(this.discovery)
			.channelConfig(name -> ChannelConfig.custom(name)
				.defaultTimeout(Duration.ofMillis(1234))
				.retryPolicy(RetryPolicy.DISABLED))
			.build();
		ServiceProxy proxy = this.factory.createProxy("Quotes", "");
		assertThat(proxy.getChannel().getConfig().getDefaultTimeout()).isEqualTo(Duration.ofMillis(1234));
		assertThat(proxy.getChannel().getRetry()).isNull();
	}

	@Test
	void endpointConfigurationIsAppliedToDiscoveredEndpoints() {
		this.discovery = EmbeddedDiscovery.builder().directory(this.directory).build();
		this.factory = ServiceProxyFactory.builder(this.discovery)
			.endpointConfig((endpoint, transport) -> transport.connectTimeout(Duration.ofMillis(777))
				.option("origin", endpoint.type().scheme()))
			.build();
		register("Quotes", "1.0.0", this.endpoints.endpoint("unix", "cfg"));
		ServiceProxy proxy = this.factory.createProxy("Quotes", "");
		assertThat(proxy.getChannel().getEndpoints()).singleElement().satisfies(endpoint -> {
			assertThat(endpoint.transport().connectTimeout()).isEqualTo(Duration.ofMillis(777));
			assertThat(endpoint.transport().option("origin")).isEqualTo("unix");
		});
		assertThat(call(proxy)).isEqualTo("hello");
	}

	/** A typed contract for the typed-client test. */
	public interface Greeter {

		@IpcMethod("greet")
		String greet(String name);

	}

	private void factory() {
		this.discovery = EmbeddedDiscovery.builder().directory(this.directory).build();
		this.factory = ServiceProxyFactory.builder(this.discovery).build();
	}

	private ServiceDiscovery.Registration register(String service, String version, String... endpoints) {
		ServiceStub stub = start(service, version, endpoints);
		ServiceEndpoint instance = ServiceEndpoint.forStub(stub).build();
		stub.registerMethod("whoami", request -> instance.instanceId().getBytes(StandardCharsets.UTF_8));
		return this.discovery.register(instance);
	}

	private ServiceStub start(String service, String version, String... endpoints) {
		StubConfig.Builder config = StubConfig.custom(service).version(version);
		for (String endpoint : endpoints) {
			config.endpoint(endpoint);
		}
		ServiceStub stub = new ServiceStub(config.build());
		stub.registerMethod("echo", request -> request);
		stub.start();
		this.stubs.add(stub);
		return stub;
	}

	private static String call(ServiceProxy proxy) {
		CallResult result = proxy.call("echo", "hello".getBytes(StandardCharsets.UTF_8));
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		return new String(result.data(), StandardCharsets.UTF_8);
	}

	private static String whoami(ServiceProxy proxy) {
		CallResult result = proxy.call("whoami", new byte[0]);
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		return new String(result.data(), StandardCharsets.UTF_8);
	}

}
