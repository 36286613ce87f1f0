package io.cdmf.ipc.spring.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.transport.grpc.GrpcServiceHost;
import io.grpc.BindableService;
import io.grpc.ServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Auto-configuration that serves the {@code grpc://} endpoints of {@link io.cdmf.ipc.spring.annotation.IpcService
 * &#64;IpcService} beans on the application's Spring gRPC server instead of a second port, when
 * {@code cdmf.ipc.server.grpc.use-spring-grpc-server} is {@code true}.
 * <p>
 * A {@link GrpcServiceHost} bean carries the services: its envelope service is a {@link BindableService} bean, which
 * Spring gRPC's service discovery adds to its server (with its global interceptors), and its fallback registry,
 * through which standard gRPC clients reach stub methods by name, is set by a {@link ServerBuilderCustomizer}. The
 * service endpoints are rewritten to name the host ({@link SpringGrpcEndpointResolver}), and once the Spring gRPC
 * server has started, its port is what the stubs report as bound.
 * <p>
 * The server is Spring gRPC 1.0's on Spring Boot 4.0 and Boot's own ({@code spring-boot-grpc-server}) on Boot 4.1:
 * both build on {@code spring-grpc-core}'s {@link GrpcServerFactory}, {@link ServerBuilderCustomizer} and
 * {@link GrpcServerStartedEvent}, and name their auto-configuration classes alike, so this class serves either.
 *
 * @since 0.1.0
 */
// Before Spring gRPC's server auto-configuration, which only sets a server up when a BindableService bean exists:
// the envelope service may be the first one.
@AutoConfiguration(before = IpcServerAutoConfiguration.class, after = IpcAutoConfiguration.class,
		beforeName = { "org.springframework.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration",
				"org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration" })
@ConditionalOnClass({ GrpcServerFactory.class, BindableService.class, GrpcServiceHost.class })
@ConditionalOnBooleanProperty(name = "cdmf.ipc.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cdmf.ipc.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("cdmf.ipc.server.grpc.use-spring-grpc-server")
public final class IpcSpringGrpcServerAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(IpcSpringGrpcServerAutoConfiguration.class);

	private static final AtomicInteger hosts = new AtomicInteger();

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	GrpcServiceHost ipcGrpcServiceHost() {
		// One name per application context: tests run several contexts in one JVM.
		return GrpcServiceHost.register("spring-grpc-" + hosts.incrementAndGet());
	}

	@Bean
	@ConditionalOnMissingBean(name = "ipcGrpcEnvelopeService")
	BindableService ipcGrpcEnvelopeService(GrpcServiceHost host) {
		return host.envelopeService();
	}

	@Bean
	@ConditionalOnMissingBean(name = "ipcGrpcFallbackRegistryCustomizer")
	@SuppressWarnings({ "rawtypes", "unchecked" })
	ServerBuilderCustomizer ipcGrpcFallbackRegistryCustomizer(GrpcServiceHost host) {
		return (ServerBuilderCustomizer) (builder) -> ((ServerBuilder<?>) builder)
			.fallbackHandlerRegistry(host.fallbackRegistry());
	}

	@Bean
	@ConditionalOnMissingBean(name = "ipcGrpcServerStartedListener")
	ApplicationListener<GrpcServerStartedEvent> ipcGrpcServerStartedListener(GrpcServiceHost host) {
		return (event) -> {
			host.serverStarted(event.getPort());
			logger.info("IPC services {} served on the Spring gRPC server {} (port {})", host.servedServices(),
					event.getAddress(), event.getPort());
		};
	}

	@Bean
	static BeanPostProcessor ipcSpringGrpcEndpointResolverPostProcessor(ObjectProvider<GrpcServiceHost> host) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof IpcEndpointResolver resolver && !(bean instanceof SpringGrpcEndpointResolver)) {
					return new SpringGrpcEndpointResolver(resolver, host.getObject().name());
				}
				return bean;
			}

		};
	}

}
