package io.cdmf.ipc.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration;

/**
 * {@link IpcSpringGrpcServerAutoConfiguration} on Spring Boot 4.0 with Spring gRPC 1.0's server, whose factory has an
 * auto-configuration of its own ({@code GrpcServerFactoryAutoConfiguration}, gone in Boot 4.1). Compiled only in the
 * default build (profile {@code boot-4.0} of this module).
 */
class SpringGrpcServerBootFourZeroTests {

	@Test
	void shouldServeOnTheSpringGrpcServerBoundToPortZeroAndReportItsPort() {
		IpcSpringGrpcServerAutoConfigurationTests.contextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class,
					GrpcServerFactoryAutoConfiguration.class, GrpcServerAutoConfiguration.class))
			.withPropertyValues("cdmf.ipc.server.grpc.use-spring-grpc-server=true", "spring.grpc.server.port=0")
			.run(IpcSpringGrpcServerAutoConfigurationTests::assertServedOnTheApplicationsServer);
	}

}
