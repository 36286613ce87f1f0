package io.cdmf.ipc.spring.metrics;

import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the services' meters: the {@value IpcMetricNames#SERVER_CALLS} timer and, per service, the
 * {@value IpcMetricNames#SERVER_CALLS_ACTIVE} gauge, for services started before and after binding.
 *
 * @since 0.1.0
 */
public class IpcServerMeterBinder implements MeterBinder {

	private final IpcServerLifecycle server;

	/**
	 * Creates a binder.
	 * @param server the server
	 */
	public IpcServerMeterBinder(IpcServerLifecycle server) {
		this.server = server;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.server.addCallListener(new IpcCallTimers(registry, IpcMetricNames.SERVER_CALLS, "IPC requests served"));
		this.server.forEachService(service -> Gauge
			.builder(IpcMetricNames.SERVER_CALLS_ACTIVE, this.server, s -> s.getInFlightRequests(service.name()))
			.description("IPC requests running")
			.tag(IpcMetricNames.TAG_SERVICE, service.name())
			.register(registry));
	}

}
