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

	private final boolean callTimers;

	private final boolean activeGauges;

	/**
	 * Creates a binder.
	 * @param server the server
	 */
	public IpcServerMeterBinder(IpcServerLifecycle server) {
		this(server, true, true);
	}

	/**
	 * Creates a binder that leaves out the meters an observation makes instead
	 * ({@link io.cdmf.ipc.spring.observation.IpcObservations}).
	 * @param server the server
	 * @param callTimers whether to make the call timer (not when the observations' meter handler makes it)
	 * @param activeGauges whether to make the active-call gauges (not when the meter handler makes long-task timers
	 * of that name)
	 */
	public IpcServerMeterBinder(IpcServerLifecycle server, boolean callTimers, boolean activeGauges) {
		this.server = server;
		this.callTimers = callTimers;
		this.activeGauges = activeGauges;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.callTimers) {
			this.server.addCallListener(new IpcCallTimers(registry, IpcMetricNames.SERVER_CALLS, "IPC requests served"));
		}
		if (!this.activeGauges) {
			return;
		}
		this.server.forEachService(service -> Gauge
			.builder(IpcMetricNames.SERVER_CALLS_ACTIVE, this.server, s -> s.getInFlightRequests(service.name()))
			.description("IPC requests running")
			.tag(IpcMetricNames.TAG_SERVICE, service.name())
			.register(registry));
	}

}
