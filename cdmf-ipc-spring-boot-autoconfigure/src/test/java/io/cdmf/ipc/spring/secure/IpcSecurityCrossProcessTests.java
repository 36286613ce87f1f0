package io.cdmf.ipc.spring.secure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The server application in a second JVM ({@link SecureServerMain}), client applications here: SSL bundles on both
 * sides, the caller's certificate subject as the {@code Authentication} over there, and {@code @PreAuthorize}'s
 * refusal as {@code PERMISSION_DENIED} (or {@code UNAUTHENTICATED} for an anonymous caller) over here.
 */
class IpcSecurityCrossProcessTests {

	private final TestEndpoints endpoints = new TestEndpoints();

	private final List<ConfigurableApplicationContext> clients = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		this.clients.forEach(ConfigurableApplicationContext::close);
		this.endpoints.close();
	}

	private WhoAmI client(String endpoint, String bundle, String key) {
		List<String> properties = new ArrayList<>(List.of("cdmf.ipc.server.enabled=false",
				"cdmf.ipc.discovery.type=none", "cdmf.ipc.client.retry.enabled=false",
				"cdmf.ipc.client.services.WhoAmI.endpoint=" + endpoint,
				"cdmf.ipc.client.services.WhoAmI.ssl.bundle=" + bundle,
				"spring.ssl.bundle.pem." + bundle + ".truststore.certificate=classpath:ssl/ca.pem"));
		if (key != null) {
			properties.add("spring.ssl.bundle.pem." + bundle + ".keystore.certificate=classpath:ssl/" + key + ".pem");
			properties.add("spring.ssl.bundle.pem." + bundle + ".keystore.private-key=classpath:ssl/" + key + "-key.pem");
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SecureApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.clients.add(context);
		return context.getBean(WhoAmIClient.class);
	}

	private static String endpoint(List<String> bound, TransportType type) {
		int port = bound.stream()
			.map(EndpointUri::parse)
			.filter(uri -> uri.type() == type)
			.findFirst()
			.orElseThrow()
			.port();
		return type.scheme() + "://127.0.0.1:" + port;
	}

	@Test
	void callersOfAServerInAnotherJvmAreJudgedByTheirCertificates() {
		try (ForkedJvm server = ForkedJvm.start(SecureServerMain.class, this.endpoints.endpoint("unix", "whoami"))) {
			String ready = server.awaitLine("READY", Duration.ofSeconds(60));
			List<String> bound = Arrays.asList(ready.substring("READY ".length()).trim().split(" "));
			WhoAmI alice = client(endpoint(bound, TransportType.GRPC_TLS), "alice", "alice");
			WhoAmI bob = client(endpoint(bound, TransportType.GRPC_TLS), "bob", "bob");
			WhoAmI anonymous = client(endpoint(bound, TransportType.TCP), "trust", null);
			assertThat(alice.whoami()).isEqualTo("CN=alice,O=CDMF");
			assertThat(alice.secret()).isEqualTo("for alice");
			assertThat(bob.whoami()).isEqualTo("CN=bob,O=CDMF");
			assertThatExceptionOfType(RemoteIpcException.class).isThrownBy(bob::secret)
				.satisfies(ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED))
				.satisfies(ex -> assertThat(ex.getErrorInfo().context()).isEqualTo("WhoAmI.secret"));
			assertThat(anonymous.whoami()).isEqualTo("anonymousUser");
			assertThatExceptionOfType(RemoteIpcException.class).isThrownBy(anonymous::secret)
				.satisfies(ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED));
		}
	}

}
