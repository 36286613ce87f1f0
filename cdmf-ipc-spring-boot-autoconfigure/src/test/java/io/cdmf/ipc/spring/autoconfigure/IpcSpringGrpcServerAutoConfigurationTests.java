package io.cdmf.ipc.spring.autoconfigure;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.cdmf.ipc.spring.fixture.GreeterService;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.cdmf.ipc.transport.grpc.GrpcServiceHost;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeGrpc;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.cdmf.ipc.transport.grpc.v1.Format;
import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.ServerBuilderCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcSpringGrpcServerAutoConfiguration} that hold on every Boot line; serving on the real server of
 * each line is tested under {@code src/test-boot-4.0} and {@code src/test-boot-4.1}.
 */
class IpcSpringGrpcServerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcServerAutoConfiguration.class,
				IpcSpringGrpcServerAutoConfiguration.class))
		.withBean(GreeterService.class)
		.withPropertyValues("cdmf.ipc.server.services.Greeter.endpoints=grpc://127.0.0.1:0");

	@Test
	void whenThePropertyIsUnsetThenServicesKeepTheirOwnPort() {
		this.contextRunner.run(context -> {
			assertThat(context).doesNotHaveBean(GrpcServiceHost.class);
			assertThat(boundEndpoint(context.getBean(IpcServerLifecycle.class))).doesNotContain("server=")
				.doesNotEndWith(":0");
		});
	}

	@Test
	void whenSpringGrpcIsMissingThenNothingIsHosted() {
		this.contextRunner.withPropertyValues("cdmf.ipc.server.grpc.use-spring-grpc-server=true")
			.withClassLoader(new FilteredClassLoader(GrpcServerFactory.class))
			.run(context -> assertThat(context).doesNotHaveBean(GrpcServiceHost.class));
	}

	@Test
	void shouldHostGrpcEndpointsAndGiveSpringGrpcTheServiceAndTheFallback() {
		this.contextRunner.withPropertyValues("cdmf.ipc.server.grpc.use-spring-grpc-server=true").run(context -> {
			GrpcServiceHost host = context.getBean(GrpcServiceHost.class);
			assertThat(host.servedServices()).containsExactly(Set.of("Greeter"));
			assertThat(boundEndpoint(context.getBean(IpcServerLifecycle.class)))
				.isEqualTo("grpc://127.0.0.1:0?server=" + host.name() + "&service=Greeter");
			assertThat(context).hasBean("ipcGrpcEnvelopeService").hasSingleBean(ServerBuilderCustomizer.class);
			assertThat(context.getBean("ipcGrpcEnvelopeService", BindableService.class).bindService()
				.getServiceDescriptor()
				.getName()).isEqualTo(EnvelopeGrpc.SERVICE_NAME);
		});
	}

	@Test
	void shouldUseTheApplicationsHost() {
		GrpcServiceHost own = GrpcServiceHost.register("own-" + System.nanoTime());
		this.contextRunner.withPropertyValues("cdmf.ipc.server.grpc.use-spring-grpc-server=true")
			.withBean(GrpcServiceHost.class, () -> own)
			.run(context -> assertThat(context.getBean(GrpcServiceHost.class)).isSameAs(own));
	}

	/**
	 * Checks a context whose gRPC server (Spring gRPC 1.0's on Boot 4.0, Boot's own on Boot 4.1: the tests under
	 * {@code src/test-boot-4.x}) was bound to port 0: the stub reports the server's port, and a standard gRPC client of
	 * the envelope service gets the {@code Greeter}'s answer on it.
	 * @param context the running context
	 * @throws InterruptedException if interrupted while the channel shuts down
	 */
	static void assertServedOnTheApplicationsServer(ApplicationContext context) throws InterruptedException {
		GrpcServiceHost host = context.getBean(GrpcServiceHost.class);
		int port = host.port().orElseThrow();
		assertThat(port).isPositive();
		assertThat(boundEndpoint(context.getBean(IpcServerLifecycle.class))).startsWith("grpc://127.0.0.1:" + port + "?");
		ManagedChannel channel = Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create())
			.build();
		try {
			EnvelopeMessage reply = EnvelopeGrpc.newBlockingStub(channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.call(EnvelopeMessage.newBuilder()
					.setSubject("greet")
					.setFormat(Format.JSON)
					.setPayload(ByteString.copyFromUtf8("\"Ada\""))
					.build());
			assertThat(reply.getPayload().toStringUtf8()).isEqualTo("\"Hello, Ada\"");
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	/**
	 * The runner of these tests, for the tests of each Boot line.
	 * @return the context runner with the IPC auto-configuration and a {@code Greeter} on {@code grpc://127.0.0.1:0}
	 */
	static ApplicationContextRunner contextRunner() {
		return new IpcSpringGrpcServerAutoConfigurationTests().contextRunner;
	}

	private static String boundEndpoint(IpcServerLifecycle server) {
		return server.getService("Greeter").orElseThrow().stub().getBoundEndpoints().get(0);
	}

}
