package io.cdmf.ipc.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * An observation handler that counts how often each observation was stopped: a second stop would otherwise only be
 * logged by the interceptor that made it.
 */
final class StopCounter implements ObservationHandler<Observation.Context> {

	private final List<Observation.Context> started = new CopyOnWriteArrayList<>();

	private final Map<Observation.Context, AtomicInteger> stops = new ConcurrentHashMap<>();

	@Override
	public void onStart(Observation.Context context) {
		this.started.add(context);
	}

	@Override
	public void onStop(Observation.Context context) {
		this.stops.computeIfAbsent(context, key -> new AtomicInteger()).incrementAndGet();
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	List<Observation.Context> started() {
		return this.started;
	}

	/**
	 * Returns whether every started observation was stopped exactly once.
	 */
	boolean eachStoppedOnce() {
		return this.started.stream().allMatch(context -> {
			AtomicInteger count = this.stops.get(context);
			return count != null && count.get() == 1;
		}) && this.stops.size() == this.started.size();
	}

}
