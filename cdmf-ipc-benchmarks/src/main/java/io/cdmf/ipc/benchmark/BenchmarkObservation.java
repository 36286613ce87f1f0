package io.cdmf.ipc.benchmark;

import java.util.Locale;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.channel.HealthConfig;
import io.cdmf.ipc.observation.ObservationClientInterceptor;
import io.cdmf.ipc.observation.ObservationServerInterceptor;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * What observing calls costs: with {@code -Dcdmf.benchmark.observation=noop} the framework clients and servers get
 * an observation interceptor over {@link ObservationRegistry#NOOP}, with {@code meter} over a registry whose
 * Micrometer meter handler times every call (what a Boot app with Actuator has, without tracing); {@code none} (the
 * default) is the plain call path. A Spring Boot app with a no-op registry gets no interceptor at all, so its cost is
 * {@code none}'s.
 *
 * @since 0.1.0
 */
final class BenchmarkObservation {

	/** The system property that picks the mode; servers inherit it with the JVM flags. */
	static final String PROPERTY = "cdmf.benchmark.observation";

	private static final String MODE = System.getProperty(PROPERTY, "none").toLowerCase(Locale.ROOT);

	private static final ObservationRegistry REGISTRY = registry();

	private BenchmarkObservation() {
	}

	private static ObservationRegistry registry() {
		if (!MODE.equals("meter")) {
			return ObservationRegistry.NOOP;
		}
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		return registry;
	}

	static boolean isOn() {
		return !MODE.equals("none");
	}

	/**
	 * Returns a proxy as configured, observed when the mode says so (then over the channel configuration the proxy
	 * makes of a {@link ProxyConfig} itself, plus the interceptor).
	 */
	static ServiceProxy proxy(ProxyConfig config) {
		if (!isOn()) {
			return new ServiceProxy(config);
		}
		return new ServiceProxy(ChannelConfig.custom(config.getServiceName())
			.endpoint(ChannelEndpoint.of(config.getTransport()))
			.defaultTimeout(config.getDefaultTimeout())
			.format(config.getFormat())
			.retryPolicy(config.getRetryPolicy())
			.circuitBreaker(false)
			.syncSpin(config.getSyncSpin())
			.health(HealthConfig.custom().heartbeatInterval(config.getHeartbeatInterval()).build())
			.interceptor(new ObservationClientInterceptor(REGISTRY))
			.build());
	}

	/** Adds the client interceptor to a channel configuration when the mode says so. */
	static ChannelConfig.Builder observe(ChannelConfig.Builder channel) {
		return isOn() ? channel.interceptor(new ObservationClientInterceptor(REGISTRY)) : channel;
	}

	/** Sets the server interceptor on a stub when the mode says so. */
	static void observe(ServiceStub stub) {
		if (isOn()) {
			stub.setObservationInterceptor(new ObservationServerInterceptor(REGISTRY));
		}
	}

}
