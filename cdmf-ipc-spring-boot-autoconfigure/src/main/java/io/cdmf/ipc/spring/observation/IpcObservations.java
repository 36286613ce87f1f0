package io.cdmf.ipc.spring.observation;

import io.cdmf.ipc.observation.IpcClientObservationConvention;
import io.cdmf.ipc.observation.IpcServerObservationConvention;
import io.cdmf.ipc.observation.ObservationClientInterceptor;
import io.cdmf.ipc.observation.ObservationServerInterceptor;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * How the application's calls are observed: the {@link ObservationRegistry} every client channel and every stub
 * observes its calls in, and whether that registry's meter handler makes the call timers (then the meter binders
 * make none of their own, so that nothing is counted twice).
 *
 * @since 0.1.0
 */
public final class IpcObservations {

	private final ObservationRegistry registry;

	private final ObservationClientInterceptor clientInterceptor;

	private final ObservationServerInterceptor serverInterceptor;

	private final boolean meters;

	private final boolean longTaskTimers;

	/**
	 * Creates the observation settings.
	 * @param registry the registry
	 * @param clientConvention the client convention, or {@code null} for the default
	 * @param serverConvention the server convention, or {@code null} for the default
	 * @param meters whether a meter handler of the registry makes the {@code cdmf.ipc.*.calls} timers
	 * @param longTaskTimers whether it also makes the {@code cdmf.ipc.*.calls.active} long-task timers
	 */
	public IpcObservations(ObservationRegistry registry, @Nullable IpcClientObservationConvention clientConvention,
			@Nullable IpcServerObservationConvention serverConvention, boolean meters, boolean longTaskTimers) {
		this.registry = registry;
		this.clientInterceptor = new ObservationClientInterceptor(registry, clientConvention);
		this.serverInterceptor = new ObservationServerInterceptor(registry, serverConvention);
		this.meters = meters;
		this.longTaskTimers = meters && longTaskTimers;
	}

	/**
	 * Returns whether calls are observed: the registry is not a no-op (it has a handler). A no-op registry gets no
	 * interceptor at all, so that calls pay nothing for it.
	 * @return whether the interceptors are installed
	 */
	public boolean isActive() {
		return !this.registry.isNoop();
	}

	/**
	 * Returns the interceptor every client channel observes its calls with.
	 * @return the client interceptor
	 */
	public ObservationClientInterceptor getClientInterceptor() {
		return this.clientInterceptor;
	}

	/**
	 * Returns the interceptor every stub observes its requests with.
	 * @return the server interceptor
	 */
	public ObservationServerInterceptor getServerInterceptor() {
		return this.serverInterceptor;
	}

	/**
	 * Returns whether the observations make the {@code cdmf.ipc.client.calls} and {@code cdmf.ipc.server.calls}
	 * timers (the registry has a meter handler).
	 * @return whether the call timers come from the observations
	 */
	public boolean isMetered() {
		return this.meters && isActive();
	}

	/**
	 * Returns whether the observations make the {@code cdmf.ipc.client.calls.active} and
	 * {@code cdmf.ipc.server.calls.active} long-task timers, in place of the active-call gauges of the same names.
	 * @return whether the active-call meters come from the observations
	 */
	public boolean hasLongTaskTimers() {
		return this.longTaskTimers && isActive();
	}

}
