package io.cdmf.ipc.spring.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.CallListener;
import io.cdmf.ipc.transport.TransportType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records each finished call in a timer tagged with service, method, transport and outcome. Timers are looked up
 * once per tag combination and cached, since there are few.
 *
 * @since 0.1.0
 */
public final class IpcCallTimers implements CallListener {

	private final MeterRegistry registry;

	private final String name;

	private final String description;

	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	/**
	 * Creates a recorder.
	 * @param registry the registry to register timers in
	 * @param name the timer's name, {@link IpcMetricNames#CLIENT_CALLS} or {@link IpcMetricNames#SERVER_CALLS}
	 * @param description the timer's description
	 */
	public IpcCallTimers(MeterRegistry registry, String name, String description) {
		this.registry = registry;
		this.name = name;
		this.description = description;
	}

	@Override
	public void onCall(String service, String method, TransportType transport, ErrorCode outcome,
			long durationNanos) {
		Timer timer = this.timers.computeIfAbsent(new Key(service, method, transport, outcome), this::register);
		timer.record(durationNanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(Key key) {
		return Timer.builder(this.name)
			.description(this.description)
			.tag(IpcMetricNames.TAG_SERVICE, key.service())
			.tag(IpcMetricNames.TAG_METHOD, key.method())
			.tag(IpcMetricNames.TAG_TRANSPORT, key.transport().scheme())
			.tag(IpcMetricNames.TAG_OUTCOME, key.outcome().name())
			.register(this.registry);
	}

	private record Key(String service, String method, TransportType transport, ErrorCode outcome) {

	}

}
