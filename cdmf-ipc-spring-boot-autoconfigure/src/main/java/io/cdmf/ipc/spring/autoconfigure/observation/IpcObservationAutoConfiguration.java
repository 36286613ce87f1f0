package io.cdmf.ipc.spring.autoconfigure.observation;

import java.util.Locale;

import io.cdmf.ipc.observation.IpcClientObservationConvention;
import io.cdmf.ipc.observation.IpcServerObservationConvention;
import io.cdmf.ipc.observation.ObservationClientInterceptor;
import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcClientCustomizer;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.observation.IpcObservations;
import io.cdmf.ipc.spring.observation.IpcServerObservationBinder;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the observation of calls, when the application has an {@link ObservationRegistry} (Spring
 * Boot's {@code spring-boot-micrometer-observation}, which the Actuator starter brings): every client channel gets an
 * {@link ObservationClientInterceptor} as its first interceptor, and every stub an
 * {@link io.cdmf.ipc.observation.ObservationServerInterceptor}, so that Boot's tracing (Brave or OpenTelemetry)
 * makes client and server spans whose context travels in the message headers. An
 * {@link IpcClientObservationConvention} or {@link IpcServerObservationConvention} bean replaces the default names
 * and tags. A registry without any handler is left out: calls then pay nothing for it.
 * <p>
 * When the registry has a meter handler (Boot's {@code DefaultMeterObservationHandler}), the
 * {@code cdmf.ipc.client.calls} and {@code cdmf.ipc.server.calls} timers come from the observations (see
 * {@link io.cdmf.ipc.spring.autoconfigure.metrics.IpcMetricsAutoConfiguration}). Switched off with
 * {@code cdmf.ipc.observation.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration" })
@ConditionalOnClass({ ObservationRegistry.class, ObservationClientInterceptor.class, IpcServerLifecycle.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "cdmf.ipc.observation.enabled", matchIfMissing = true)
public final class IpcObservationAutoConfiguration {

	private static final String METER_HANDLER = "io.micrometer.core.instrument.observation.MeterObservationHandler";

	private static final String IGNORED_METERS = "management.metrics.observations.ignored-meters";

	@Bean
	@ConditionalOnMissingBean
	IpcObservations ipcObservations(ObservationRegistry registry,
			ObjectProvider<IpcClientObservationConvention> clientConvention,
			ObjectProvider<IpcServerObservationConvention> serverConvention, ListableBeanFactory beanFactory,
			Environment environment) {
		boolean meters = hasMeterHandler(beanFactory);
		String ignored = environment.getProperty(IGNORED_METERS, "").toLowerCase(Locale.ROOT).replace('_', '-');
		return new IpcObservations(registry, clientConvention.getIfUnique(), serverConvention.getIfUnique(), meters,
				!ignored.contains("long-task-timer"));
	}

	private static boolean hasMeterHandler(ListableBeanFactory beanFactory) {
		ClassLoader classLoader = IpcObservationAutoConfiguration.class.getClassLoader();
		if (!ClassUtils.isPresent(METER_HANDLER, classLoader)) {
			return false;
		}
		Class<?> type = ClassUtils.resolveClassName(METER_HANDLER, classLoader);
		return beanFactory.getBeanNamesForType(type, true, false).length > 0;
	}

	/**
	 * First of the customizers, so that the observation sees what every other client interceptor does, refusals
	 * included. A registry that is a no-op (no handler) gets no interceptor at all.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	IpcClientCustomizer ipcObservationClientCustomizer(IpcObservations observations) {
		return (definition, channel) -> {
			if (observations.isActive()) {
				channel.interceptor(observations.getClientInterceptor());
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(IpcServerLifecycle.class)
	static class ServerObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IpcServerObservationBinder ipcServerObservationBinder(IpcServerLifecycle server,
				IpcObservations observations) {
			return new IpcServerObservationBinder(server, observations);
		}

	}

}
