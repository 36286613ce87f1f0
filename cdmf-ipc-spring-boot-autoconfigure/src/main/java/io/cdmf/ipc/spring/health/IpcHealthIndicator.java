package io.cdmf.ipc.spring.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdmf.ipc.discovery.DiscoveryHealth;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.factory.TransportChoice;
import io.cdmf.ipc.spring.client.IpcClientRegistration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.server.ExportedService;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * Health of CDMF IPC: {@code DOWN} when a service that should be served is not (the server is not running, or one
 * stub stopped), or when a client cannot call its service (see {@link IpcClientHealth}: its circuit breaker is open,
 * or it was used and none of its endpoints is ready), or when the service registry cannot be used
 * ({@link ServiceDiscovery#health()}: services cannot register, clients found through it see no changes); else
 * {@code UP}. A client that has not connected yet (clients
 * connect on their first call) is reported {@code UNKNOWN} and leaves the status as it is. Details list each
 * service's endpoints and state, each client's status, endpoints and breaker, and the registry's name and health.
 * <p>
 * A remote service being down makes this application's {@code ipc} health {@code DOWN} because the application
 * cannot do what needs that service; this is not a reason to restart it, which is why Spring Boot's liveness group
 * does not include {@code ipc} (and should not).
 *
 * @since 0.1.0
 */
public class IpcHealthIndicator extends AbstractHealthIndicator {

	private final @Nullable IpcServerLifecycle server;

	private final @Nullable IpcClientRegistry clients;

	private final @Nullable ServiceDiscovery discovery;

	/**
	 * Creates an indicator.
	 * @param server the server, or {@code null} if the application serves nothing
	 * @param clients the clients, or {@code null} if the application calls nothing
	 */
	public IpcHealthIndicator(@Nullable IpcServerLifecycle server, @Nullable IpcClientRegistry clients) {
		this(server, clients, null);
	}

	/**
	 * Creates an indicator that also reports the service registry.
	 * @param server the server, or {@code null} if the application serves nothing
	 * @param clients the clients, or {@code null} if the application calls nothing
	 * @param discovery the registry, or {@code null} if discovery is off
	 */
	public IpcHealthIndicator(@Nullable IpcServerLifecycle server, @Nullable IpcClientRegistry clients,
			@Nullable ServiceDiscovery discovery) {
		super("IPC health check failed");
		Assert.isTrue(server != null || clients != null || discovery != null,
				"'server', 'clients' and 'discovery' must not all be null");
		this.server = server;
		this.clients = clients;
		this.discovery = discovery;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		if (this.server != null) {
			up = this.server.isRunning();
			Map<String, Object> services = new LinkedHashMap<>();
			for (ExportedService service : this.server.getServices()) {
				up &= service.isRunning();
				services.put(service.name(), Map.of("running", service.isRunning(), "endpoints",
						service.stub().getBoundEndpoints(), "inFlight", service.stub().getInFlightRequests()));
			}
			builder.withDetail("running", this.server.isRunning()).withDetail("services", services);
		}
		if (this.clients != null) {
			Map<String, IpcClientHealth> clientDetails = new LinkedHashMap<>();
			for (IpcClientRegistration client : this.clients.getClients()) {
				IpcClientHealth health = withDiscovery(IpcClientHealth.of(client), client);
				up &= !Status.DOWN.getCode().equals(health.status());
				clientDetails.put(client.definition().type().getSimpleName(), health);
			}
			builder.withDetail("clients", clientDetails);
		}
		if (this.discovery != null) {
			DiscoveryHealth health = this.discovery.health();
			up &= health.up();
			builder.withDetail("discovery", Map.of("registry", this.discovery.getName(), "status",
					(health.up() ? Status.UP : Status.DOWN).getCode(), "detail", health.detail()));
		}
		builder.status(up ? Status.UP : Status.DOWN);
	}

	/**
	 * For a client found through discovery that has no endpoint, says why: no instance of an accepted version is
	 * registered (or none can be reached from here).
	 */
	private IpcClientHealth withDiscovery(IpcClientHealth health, IpcClientRegistration client) {
		IpcClientRegistry registry = this.clients;
		ServiceProxyFactory factory = (registry != null) ? registry.getProxyFactory() : null;
		if (factory == null || !registry.isDiscovered(client) || !health.endpoints().isEmpty()
				|| health.reason() == null) {
			return health;
		}
		String version = client.definition().version();
		List<TransportChoice> choices = factory.getTransportChoices(client.service(), version);
		String why = choices.isEmpty()
				? "no instance of " + client.service() + (version.isEmpty() ? "" : " " + version) + " is registered in "
						+ factory.getDiscovery().getName()
				: choices.size() + " instance(s) registered, none reachable from here: " + choices;
		return new IpcClientHealth(health.service(), health.status(), health.endpoints(), health.readyEndpoints(),
				health.circuitBreaker(), health.reason() + "; " + why);
	}

}
