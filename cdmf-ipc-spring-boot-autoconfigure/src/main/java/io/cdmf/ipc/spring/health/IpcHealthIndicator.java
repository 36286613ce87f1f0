package io.cdmf.ipc.spring.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cdmf.ipc.spring.client.IpcClientRegistration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.server.ExportedService;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Health of CDMF IPC: {@code DOWN} when a service that should be served is not (the server is not running, or one
 * stub stopped), else {@code UP}. Details list each service's endpoints and state, and each client's endpoint and
 * connection. Clients never make the application unhealthy: they connect on demand, and a server being down is the
 * server's health, not ours.
 *
 * @since 0.1.0
 */
public class IpcHealthIndicator extends AbstractHealthIndicator {

	private final IpcServerLifecycle server;

	private final @Nullable IpcClientRegistry clients;

	/**
	 * Creates an indicator.
	 * @param server the server
	 * @param clients the clients, or {@code null}
	 */
	public IpcHealthIndicator(IpcServerLifecycle server, @Nullable IpcClientRegistry clients) {
		super("IPC health check failed");
		Assert.notNull(server, "'server' must not be null");
		this.server = server;
		this.clients = clients;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = this.server.isRunning();
		Map<String, Object> services = new LinkedHashMap<>();
		for (ExportedService service : this.server.getServices()) {
			up &= service.isRunning();
			services.put(service.name(), Map.of("running", service.isRunning(), "endpoints",
					service.stub().getBoundEndpoints(), "inFlight", service.stub().getInFlightRequests()));
		}
		builder.status(up ? "UP" : "DOWN").withDetail("running", this.server.isRunning()).withDetail("services", services);
		if (this.clients != null) {
			Map<String, Object> clientDetails = new LinkedHashMap<>();
			for (IpcClientRegistration client : this.clients.getClients()) {
				clientDetails.put(client.definition().type().getSimpleName(),
						Map.of("service", client.service(), "endpoint", client.config().getTransport().endpoint().uri(),
								"connected", client.proxy().isConnected()));
			}
			builder.withDetail("clients", clientDetails);
		}
	}

}
