package io.cdmf.ipc.spring.autoconfigure.metrics;

import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.metrics.IpcClientMeterBinder;
import io.cdmf.ipc.spring.metrics.IpcServerMeterBinder;
import io.cdmf.ipc.spring.observation.IpcObservations;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetricsPublisher;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the CDMF IPC meters, when Micrometer and a {@link MeterRegistry} are present: call timers
 * and active-call gauges on both sides, and, with {@code io.github.resilience4j:resilience4j-micrometer}, the
 * {@code resilience4j.circuitbreaker.*} and {@code resilience4j.retry.*} meters of the registries the clients' breakers
 * and retries live in, unless the application binds those itself (as {@code resilience4j-spring-boot4} does, whose
 * metrics auto-configuration runs first).
 * <p>
 * When calls are observed ({@link IpcObservations}) in a registry with a meter handler, the call timers are the
 * observations' (same names, the same tags plus {@code error}), and so are the active-call meters (long-task timers
 * of the same names, tagged by service, method and transport, unless
 * {@code management.metrics.observations.ignored-meters} leaves them out): the binders then make neither, so that no
 * call is counted twice.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class },
		afterName = {
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration",
				"io.github.resilience4j.springboot.retry.autoconfigure.RetryMetricsAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, IpcServerLifecycle.class })
@ConditionalOnBean(MeterRegistry.class)
public final class IpcMetricsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(IpcServerLifecycle.class)
	static class ServerMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IpcServerMeterBinder ipcServerMeterBinder(IpcServerLifecycle server,
				ObjectProvider<IpcObservations> observations) {
			IpcObservations observed = observations.getIfUnique();
			return (observed != null)
					? new IpcServerMeterBinder(server, !observed.isMetered(), !observed.hasLongTaskTimers())
					: new IpcServerMeterBinder(server);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(IpcClientRegistry.class)
	static class ClientMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IpcClientMeterBinder ipcClientMeterBinder(IpcClientRegistry clients,
				ObjectProvider<IpcObservations> observations) {
			IpcObservations observed = observations.getIfUnique();
			return (observed != null)
					? new IpcClientMeterBinder(clients, !observed.isMetered(), !observed.hasLongTaskTimers())
					: new IpcClientMeterBinder(clients);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TaggedCircuitBreakerMetrics.class, CircuitBreakerRegistry.class })
	@ConditionalOnBean(IpcClientRegistry.class)
	static class CircuitBreakerMetricsConfiguration {

		@Bean
		@ConditionalOnSingleCandidate(CircuitBreakerRegistry.class)
		@ConditionalOnMissingBean({ TaggedCircuitBreakerMetrics.class, TaggedCircuitBreakerMetricsPublisher.class })
		TaggedCircuitBreakerMetrics ipcCircuitBreakerMetrics(CircuitBreakerRegistry registry) {
			return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TaggedRetryMetrics.class, RetryRegistry.class })
	@ConditionalOnBean(IpcClientRegistry.class)
	static class RetryMetricsConfiguration {

		@Bean
		@ConditionalOnSingleCandidate(RetryRegistry.class)
		@ConditionalOnMissingBean({ TaggedRetryMetrics.class, TaggedRetryMetricsPublisher.class })
		TaggedRetryMetrics ipcRetryMetrics(RetryRegistry registry) {
			return TaggedRetryMetrics.ofRetryRegistry(registry);
		}

	}

}
