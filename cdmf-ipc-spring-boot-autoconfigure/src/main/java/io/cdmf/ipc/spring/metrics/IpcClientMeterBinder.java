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

	/**
	 * Creates a binder.
	 * @param clients the clients
	 */
	public IpcClientMeterBinder(IpcClientRegistry clients) {
		this.clients = clients;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.clients.addCallListener(new IpcCallTimers(registry, IpcMetricNames.CLIENT_CALLS, "IPC calls made"));
		this.clients.forEachClient(client -> Gauge
			.builder(IpcMetricNames.CLIENT_CALLS_ACTIVE, this.clients, c -> c.getInFlightCalls(client.service()))
			.description("IPC calls waiting for their response")
			.tag(IpcMetricNames.TAG_SERVICE, client.service())
			.register(registry));
	}

}
