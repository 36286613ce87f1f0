package io.cdmf.ipc.spring.autoconfigure.metrics;

import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.metrics.IpcClientMeterBinder;
import io.cdmf.ipc.spring.metrics.IpcServerMeterBinder;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the CDMF IPC meters, when Micrometer and a {@link MeterRegistry} are present: call timers
 * and active-call gauges on both sides.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, IpcServerLifecycle.class })
@ConditionalOnBean(MeterRegistry.class)
public final class IpcMetricsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(IpcServerLifecycle.class)
	static class ServerMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IpcServerMeterBinder ipcServerMeterBinder(IpcServerLifecycle server) {
			return new IpcServerMeterBinder(server);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(IpcClientRegistry.class)
	static class ClientMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IpcClientMeterBinder ipcClientMeterBinder(IpcClientRegistry clients) {
			return new IpcClientMeterBinder(clients);
		}

	}

}
