package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.transport.grpc.GrpcServiceHost;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerServicesAutoConfiguration;
import org.springframework.grpc.server.GrpcServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IpcSpringGrpcServerAutoConfiguration} on Spring Boot 4.1 with Boot's own gRPC server
 * ({@code spring-boot-grpc-server}): the {@code @IpcService}'s {@code grpc://} endpoint is served on Boot's server,
 * which is bound to port 0, and advertised with that server's port. Compiled only with {@code -P boot-4.1}.
 */
class BootGrpcServerBootFourOneTests {

	@Test
	void shouldServeOnBootsGrpcServerBoundToPortZeroAndReportItsPort() {
		IpcSpringGrpcServerAutoConfigurationTests.contextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, GrpcServerAutoConfiguration.class,
					GrpcServerServicesAutoConfiguration.class))
			.withPropertyValues("cdmf.ipc.server.grpc.use-spring-grpc-server=true", "spring.grpc.server.port=0")
			.run(context -> {
				// Boot's server, not a second one of ours: Boot's properties and factory, and our host on its port.
				assertThat(context).hasSingleBean(GrpcServerProperties.class).hasSingleBean(GrpcServerFactory.class);
				assertThat(context.getBean(GrpcServiceHost.class).servedServices()).isNotEmpty();
				IpcSpringGrpcServerAutoConfigurationTests.assertServedOnTheApplicationsServer(context);
			});
	}

}
