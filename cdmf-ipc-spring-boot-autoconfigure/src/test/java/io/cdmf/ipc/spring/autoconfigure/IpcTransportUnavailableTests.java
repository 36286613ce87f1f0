package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.transport.TransportDependency;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Boot application whose endpoint needs an optional technology that is not on its class path (hidden with a
 * {@link FilteredClassLoader}): start-up fails, and the message and the failure analysis name the exact artifacts:
 * the module of the transport ({@code io.cdmf:cdmf-ipc-grpc}, {@code io.cdmf:cdmf-ipc-journal}) when it is missing,
 * the libraries it brings when the module is there but they were left out.
 */
class IpcTransportUnavailableTests {

	private static final String GRPC = TransportDependency.buildVersion("grpc.version");

	private static final String PROTOBUF = TransportDependency.buildVersion("protobuf.version");

	private static final String CDMF = TransportDependency.buildVersion("cdmf-ipc.version");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class,
				IpcClientAutoConfiguration.class));

	@Test
	void whenTheGrpcModuleIsMissingThenAServiceOnGrpcFailsNamingItAsTheOneDependencyToAdd() {
		// What an application with the starter alone sees: no cdmf-ipc-grpc (its provider, listed in its jar's
		// META-INF/services, cannot load through this class loader).
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.cdmf.ipc.transport.grpc"))
			.withBean(GreeterService.class)
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=grpc://127.0.0.1:50052")
			.run((context) -> {
				IpcConfigurationException failure = IpcServerAutoConfigurationTests
					.configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.server.services.Greeter.endpoints");
				assertThat(failure.getMessage()).startsWith("The grpc:// transport cannot be used: ")
					.contains("io.cdmf:cdmf-ipc-grpc:" + CDMF);
				FailureAnalysis analysis = new IpcConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("io.cdmf:cdmf-ipc-grpc, which is not on the class path")
					.contains("Value: grpc://127.0.0.1:50052");
				assertThat(analysis.getAction()).contains("<groupId>io.cdmf</groupId>")
					.contains("<artifactId>cdmf-ipc-grpc</artifactId>", "<version>" + CDMF + "</version>")
					.doesNotContain("grpc-netty-shaded")
					.doesNotContain("protobuf-java")
					.contains("cdmf.ipc.server.services.Greeter.endpoints");
			});
	}

	@Test
	void whenTheGrpcModuleIsMissingThenAClientOnGrpcFailsNamingIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.cdmf.ipc.transport.grpc"))
			.withUserConfiguration(IpcClientAutoConfigurationTests.FixturePackage.class)
			.withPropertyValues("cdmf.ipc.client.services.Greeter.endpoints=grpcs://127.0.0.1:50052")
			.run((context) -> {
				FailureAnalysis analysis = new IpcConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("io.cdmf:cdmf-ipc-grpc:" + CDMF)
					.contains("Property: cdmf.ipc.client.services.Greeter.endpoints");
				assertThat(analysis.getAction()).contains("<artifactId>cdmf-ipc-grpc</artifactId>");
			});
	}

	@Test
	void whenGrpcIsLeftOutOfTheModuleThenAServiceOnGrpcFailsNamingEveryArtifactAndTheProtobufMinimum() {
		// cdmf-ipc-grpc is there, but an <exclusion> removed grpc-java.
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.grpc"))
			.withBean(GreeterService.class)
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=grpc://127.0.0.1:50052")
			.run((context) -> {
				IpcConfigurationException failure = IpcServerAutoConfigurationTests
					.configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("cdmf.ipc.server.services.Greeter.endpoints");
				assertThat(failure.getMessage()).startsWith("The grpc:// transport cannot be used: ")
					.contains("io.grpc:grpc-netty-shaded:" + GRPC, "io.grpc:grpc-protobuf:" + GRPC,
							"io.grpc:grpc-stub:" + GRPC, "io.grpc:grpc-services:" + GRPC)
					.contains("must be at least " + PROTOBUF);
				FailureAnalysis analysis = new IpcConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("io.grpc:grpc-netty-shaded:" + GRPC)
					.contains("Value: grpc://127.0.0.1:50052");
				assertThat(analysis.getAction()).contains("<artifactId>grpc-netty-shaded</artifactId>")
					.contains("<artifactId>grpc-services</artifactId>")
					.contains("<version>" + GRPC + "</version>")
					.contains("<artifactId>protobuf-java</artifactId>", "<version>" + PROTOBUF + "</version>")
					.contains("spring-boot-starter-parent")
					.contains("cdmf.ipc.server.services.Greeter.endpoints");
			});
	}

	@Test
	void whenGrpcIsLeftOutOfTheModuleThenAClientOnGrpcFailsNamingTheArtifacts() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.grpc"))
			.withUserConfiguration(IpcClientAutoConfigurationTests.FixturePackage.class)
			.withPropertyValues("cdmf.ipc.client.services.Greeter.endpoints=grpc://127.0.0.1:50052")
			.run((context) -> {
				FailureAnalysis analysis = new IpcConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("io.grpc:grpc-stub:" + GRPC)
					.contains("Property: cdmf.ipc.client.services.Greeter.endpoints");
				assertThat(analysis.getAction()).contains("<artifactId>grpc-stub</artifactId>");
			});
	}

	@Test
	void whenProtobufIsTooOldForGrpcThenStartupFailsSayingSoAndNamingTheVersionToPin() {
		// What an app under spring-boot-starter-parent gets when grpc-protobuf brings protobuf-java 3.x.
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.google.protobuf.RuntimeVersion"))
			.withBean(GreeterService.class)
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=grpc://127.0.0.1:50052")
			.run((context) -> {
				FailureAnalysis analysis = new IpcConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("is too old")
					.contains("com.google.protobuf.RuntimeVersion$RuntimeDomain")
					.contains("must be at least " + PROTOBUF);
				assertThat(analysis.getAction()).contains("<artifactId>protobuf-java</artifactId>")
					.contains("<version>" + PROTOBUF + "</version>")
					.contains("com.google.protobuf:protobuf-bom:" + PROTOBUF)
					.doesNotContain("grpc-netty-shaded");
				assertThat(analysis.getDescription()).doesNotContain("..");
			});
	}

	@Test
	void whenTheJournalModuleIsMissingThenAJournalEndpointFailsNamingItAndSayingFlagsAreNeeded() {
		// These tests run without cdmf-ipc-journal, as an application with the starter alone; the loader hides it
		// anyway, should a test dependency ever bring it.
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.cdmf.ipc.transport.shm.journal", "net.openhft"))
			.withBean(GreeterService.class)
			.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=shm+journal://greeter-events")
			.run((context) -> {
				FailureAnalysis analysis = new IpcConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).startsWith("The shm+journal:// transport cannot be used: ")
					.contains("io.cdmf:cdmf-ipc-journal:" + CDMF)
					.contains("JVM flags (--add-exports and --add-opens, listed in docs/shared-memory.md)");
				assertThat(analysis.getAction()).contains("<groupId>io.cdmf</groupId>")
					.contains("<artifactId>cdmf-ipc-journal</artifactId>")
					.contains("<version>" + CDMF + "</version>")
					.doesNotContain("protobuf")
					.doesNotContain("chronicle-queue");
			});
	}

}
