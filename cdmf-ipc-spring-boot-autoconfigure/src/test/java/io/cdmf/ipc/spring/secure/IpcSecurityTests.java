package io.cdmf.ipc.spring.secure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS from Spring Boot SSL bundles (PEM files under {@code ssl/} in the test resources) and Spring Security on a
 * served {@code @IpcService}, over real {@code grpcs://}, {@code tcp://} TLS and {@code unix://} connections between
 * a server application and client applications: the caller (bearer token subject, certificate subject, Unix user,
 * or nobody) is the {@code Authentication} while the handler runs, {@code @PreAuthorize} refusals reach the client
 * as {@code PERMISSION_DENIED} or {@code UNAUTHENTICATED}, and no caller's context stays behind on the handler
 * pool's threads.
 */
class IpcSecurityTests {

	private final TestEndpoints endpoints = new TestEndpoints();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		for (int i = this.contexts.size() - 1; i >= 0; i--) {
			this.contexts.get(i).close();
		}
		this.endpoints.close();
	}

	private static String[] bundle(String name, String key) {
		List<String> properties = new ArrayList<>();
		if (key != null) {
			properties.add("spring.ssl.bundle.pem." + name + ".keystore.certificate=classpath:ssl/" + key + ".pem");
			properties.add("spring.ssl.bundle.pem." + name + ".keystore.private-key=classpath:ssl/" + key + "-key.pem");
		}
		properties.add("spring.ssl.bundle.pem." + name + ".truststore.certificate=classpath:ssl/ca.pem");
		return properties.toArray(String[]::new);
	}

	private ConfigurableApplicationContext run(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SecureApplication.class)
			.web(WebApplicationType.NONE)
			.properties("cdmf.ipc.discovery.type=none", "cdmf.ipc.client.retry.enabled=false")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private List<String> startServer(String unix) {
		List<String> properties = new ArrayList<>(List.of(bundle("server", "server")));
		properties.add("cdmf.ipc.server.ssl.bundle=server");
		properties.add("cdmf.ipc.server.services.WhoAmI.endpoints=grpcs://127.0.0.1:0?client-auth=require,"
				+ "tcp://127.0.0.1:0?client-auth=optional," + unix);
		// The server application's own client is not called; it points at the Unix endpoint only to have one.
		properties.add("cdmf.ipc.client.services.WhoAmI.endpoint=" + unix);
		ConfigurableApplicationContext server = run(properties.toArray(String[]::new));
		return server.getBean(IpcServerLifecycle.class).getService("WhoAmI").orElseThrow().stub().getBoundEndpoints();
	}

	private WhoAmI client(String endpoint, String bundle, String key) {
		List<String> properties = new ArrayList<>(List.of("cdmf.ipc.server.enabled=false",
				"cdmf.ipc.client.services.WhoAmI.endpoint=" + endpoint));
		if (bundle != null) {
			properties.addAll(List.of(bundle(bundle, key)));
			properties.add("cdmf.ipc.client.services.WhoAmI.ssl.bundle=" + bundle);
		}
		return run(properties.toArray(String[]::new)).getBean(WhoAmIClient.class);
	}

	private static String endpoint(List<String> bound, TransportType type) {
		String uri = bound.stream().filter(e -> EndpointUri.parse(e).type() == type).findFirst().orElseThrow();
		EndpointUri parsed = EndpointUri.parse(uri);
		return (parsed.port() > 0) ? type.scheme() + "://127.0.0.1:" + parsed.port() : uri;
	}

	private static void assertRefused(Runnable call, ErrorCode code) {
		assertThatExceptionOfType(RemoteIpcException.class).isThrownBy(call::run)
			.satisfies(ex -> assertThat(ex.getErrorCode()).as(ex.getMessage()).isEqualTo(code));
	}

	@Test
	void callersFromSslBundlesAreTheAuthenticationAndPreAuthorizeDecides() {
		String unix = this.endpoints.endpoint("unix", "whoami");
		List<String> bound = startServer(unix);
		String grpcs = endpoint(bound, TransportType.GRPC_TLS);
		String tcp = endpoint(bound, TransportType.TCP);
		WhoAmI alice = client(grpcs, "alice", "alice");
		WhoAmI bob = client(grpcs, "bob", "bob");
		WhoAmI anonymous = client(tcp, "trust", null);
		WhoAmI local = client(unix, null, null);

		assertThat(alice.whoami()).isEqualTo("CN=alice,O=CDMF");
		assertThat(alice.secret()).isEqualTo("for alice");
		assertThat(alice.secretLater().join()).isEqualTo("later for alice");
		assertThat(alice.authenticated()).isEqualTo("hello CN=alice,O=CDMF");

		assertThat(bob.whoami()).isEqualTo("CN=bob,O=CDMF");
		assertThat(bob.authenticated()).isEqualTo("hello CN=bob,O=CDMF");
		assertRefused(bob::secret, ErrorCode.PERMISSION_DENIED);
		assertThatThrownBy(() -> bob.secretLater().join()).satisfies(ex -> {
			Throwable cause = (ex instanceof CompletionException) ? ex.getCause() : ex;
			assertThat(cause).isInstanceOf(IpcException.class);
			assertThat(((IpcException) cause).getErrorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED);
		});

		assertThat(anonymous.whoami()).isEqualTo("anonymousUser");
		assertRefused(anonymous::authenticated, ErrorCode.UNAUTHENTICATED);
		assertRefused(anonymous::secret, ErrorCode.UNAUTHENTICATED);

		assertThat(local.whoami()).isEqualTo(System.getProperty("user.name"));
		assertRefused(local::secret, ErrorCode.PERMISSION_DENIED);

		for (int i = 0; i < 50; i++) {
			// The handler pool's threads serve each caller in turn: a context left behind would show here.
			assertThat(alice.whoami()).isEqualTo("CN=alice,O=CDMF");
			assertThat(anonymous.whoami()).as("call %d after alice's", i).isEqualTo("anonymousUser");
			assertThat(bob.whoami()).isEqualTo("CN=bob,O=CDMF");
		}
	}

	@Test
	void aBearerTokenIsTheCallerWhenTheApplicationCanReadIt() {
		String unix = this.endpoints.endpoint("unix", "tokens");
		run("cdmf.ipc.server.services.WhoAmI.endpoints=" + unix, "cdmf.ipc.client.services.WhoAmI.endpoint=" + unix,
				"test.token-server=true");
		WhoAmI withToken = run("cdmf.ipc.server.enabled=false", "cdmf.ipc.client.services.WhoAmI.endpoint=" + unix,
				"test.token=alice-token").getBean(WhoAmIClient.class);
		WhoAmI unknownToken = run("cdmf.ipc.server.enabled=false",
				"cdmf.ipc.client.services.WhoAmI.endpoint=" + unix, "test.token=someone-else")
			.getBean(WhoAmIClient.class);
		WhoAmI forged = run("cdmf.ipc.server.enabled=false", "cdmf.ipc.client.services.WhoAmI.endpoint=" + unix,
				"test.token=forged").getBean(WhoAmIClient.class);
		assertThat(withToken.whoami()).as("the token's subject wins over the Unix user").isEqualTo("CN=alice,O=CDMF");
		assertThat(withToken.secret()).isEqualTo("for alice");
		assertThat(unknownToken.whoami()).as("a token the application does not know: the Unix user")
			.isEqualTo(System.getProperty("user.name"));
		assertRefused(forged::whoami, ErrorCode.UNAUTHENTICATED);
	}

	@Test
	void aClientWithoutTheBundleCannotReachAnMutualTlsEndpoint() {
		String unix = this.endpoints.endpoint("unix", "whoami");
		String grpcs = endpoint(startServer(unix), TransportType.GRPC_TLS);
		WhoAmI untrusted = client(grpcs, "trust", null);
		assertThatExceptionOfType(IpcException.class).isThrownBy(untrusted::whoami)
			.satisfies(ex -> assertThat(ex.getErrorCode()).isIn(ErrorCode.UNAVAILABLE, ErrorCode.UNAUTHENTICATED));
	}

	@Test
	void aClientFoundThroughDiscoveryUsesItsBundle(@TempDir Path registry) {
		List<String> server = new ArrayList<>(List.of(bundle("server", "server")));
		server.addAll(List.of("cdmf.ipc.discovery.type=embedded", "cdmf.ipc.discovery.embedded.directory=" + registry,
				"cdmf.ipc.server.ssl.bundle=server",
				"cdmf.ipc.server.services.WhoAmI.endpoints=tcp://127.0.0.1:0?client-auth=require",
				"cdmf.ipc.client.services.WhoAmI.endpoint=" + this.endpoints.endpoint("unix", "unused")));
		run(server.toArray(String[]::new));
		List<String> client = new ArrayList<>(List.of(bundle("alice", "alice")));
		client.addAll(List.of("cdmf.ipc.server.enabled=false", "cdmf.ipc.discovery.type=embedded",
				"cdmf.ipc.discovery.embedded.directory=" + registry, "cdmf.ipc.client.timeout=2s",
				"cdmf.ipc.client.services.WhoAmI.ssl.bundle=alice"));
		WhoAmI alice = run(client.toArray(String[]::new)).getBean(WhoAmIClient.class);
		Await.until("a call through discovery over mutual TLS", Duration.ofSeconds(20), () -> {
			try {
				return "CN=alice,O=CDMF".equals(alice.whoami());
			}
			catch (IpcException ex) {
				return false;
			}
		});
		assertThat(alice.secret()).isEqualTo("for alice");
	}

	@Test
	void anUnknownServerBundleFailsAtStartNamingTheProperty() {
		assertThatThrownBy(() -> run("cdmf.ipc.server.ssl.bundle=missing",
				"cdmf.ipc.server.services.WhoAmI.endpoints=grpcs://127.0.0.1:0",
				"cdmf.ipc.client.services.WhoAmI.endpoint=" + this.endpoints.endpoint("unix", "whoami")))
			.hasRootCauseInstanceOf(org.springframework.boot.ssl.NoSuchSslBundleException.class)
			.satisfies(ex -> assertThat(configurationFailure(ex).getProperty()).isEqualTo("cdmf.ipc.server.ssl.bundle"))
			.satisfies(ex -> assertThat(configurationFailure(ex).getMessage()).contains("'missing'"));
	}

	@Test
	void anUnknownClientBundleFailsAtStartNamingTheProperty() {
		assertThatThrownBy(() -> run("cdmf.ipc.server.enabled=false",
				"cdmf.ipc.client.services.WhoAmI.endpoint=grpcs://127.0.0.1:1",
				"cdmf.ipc.client.services.WhoAmI.ssl.bundle=missing", bundle("other", null)[0]))
			.satisfies(ex -> assertThat(configurationFailure(ex).getProperty())
				.isEqualTo("cdmf.ipc.client.services.WhoAmI.ssl.bundle"))
			.satisfies(ex -> assertThat(configurationFailure(ex).getAction()).contains("spring.ssl.bundle.pem.missing"));
	}

	private static IpcConfigurationException configurationFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IpcConfigurationException configuration) {
				return configuration;
			}
		}
		throw new AssertionError("no IpcConfigurationException in " + failure, failure);
	}

}
