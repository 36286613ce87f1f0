package io.cdmf.ipc.spring.metrics;

import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the clients' meters: the {@value IpcMetricNames#CLIENT_CALLS} timer and, per called service, the
 * {@value IpcMetricNames#CLIENT_CALLS_ACTIVE} gauge, for clients created before and after binding.
 *
 * @since 0.1.0
 */
public class IpcClientMeterBinder implements MeterBinder {

	private final IpcClientRegistry clients;

	private final boolean callTimers;

	private final boolean activeGauges;

	/**
	 * Creates a binder.
	 * @param clients the clients
	 */
	public IpcClientMeterBinder(IpcClientRegistry clients) {
		this(clients, true, true);
	}

	/**
	 * Creates a binder that leaves out the meters an observation makes instead
	 * ({@link io.cdmf.ipc.spring.observation.IpcObservations}).
	 * @param clients the clients
	 * @param callTimers whether to make the call timer (not when the observations' meter handler makes it)
	 * @param activeGauges whether to make the active-call gauges (not when the meter handler makes long-task timers
	 * of that name)
	 */
	public IpcClientMeterBinder(IpcClientRegistry clients, boolean callTimers, boolean activeGauges) {
		this.clients = clients;
		this.callTimers = callTimers;
		this.activeGauges = activeGauges;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.callTimers) {
			this.clients.addCallListener(new IpcCallTimers(registry, IpcMetricNames.CLIENT_CALLS, "IPC calls made"));
		}
		if (!this.activeGauges) {
			return;
		}
		this.clients.forEachClient(client -> Gauge
			.builder(IpcMetricNames.CLIENT_CALLS_ACTIVE, this.clients, c -> c.getInFlightCalls(client.service()))
			.description("IPC calls waiting for their response")
			.tag(IpcMetricNames.TAG_SERVICE, client.service())
			.register(registry));
	}

}
