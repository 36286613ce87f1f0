package io.cdmf.ipc.spring.actuate.endpoint;

import java.util.List;

import io.cdmf.ipc.binding.ContractMethod;
import io.cdmf.ipc.rpc.ProxyStats;
import io.cdmf.ipc.rpc.StubStats;
import io.cdmf.ipc.spring.client.IpcClientRegistration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.server.ExportedService;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code ipc}: the services this application serves and the clients it calls through, with
 * their endpoints, methods, state and statistics. {@code GET /actuator/ipc} lists everything,
 * {@code GET /actuator/ipc/{name}} one service name (served, called or both), and {@code POST /actuator/ipc} (or
 * {@code /actuator/ipc/{name}}) sets the statistics back to zero.
 *
 * @since 0.1.0
 */
@Endpoint(id = "ipc")
public class IpcEndpoint {

	private final @Nullable IpcServerLifecycle server;

	private final @Nullable IpcClientRegistry clients;

	/**
	 * Creates an endpoint.
	 * @param server the server, or {@code null} if this application serves nothing
	 * @param clients the clients, or {@code null} if this application calls nothing
	 */
	public IpcEndpoint(@Nullable IpcServerLifecycle server, @Nullable IpcClientRegistry clients) {
		this.server = server;
		this.clients = clients;
	}

	/**
	 * Describes every service and client.
	 * @return the description
	 */
	@ReadOperation
	public IpcDescriptor ipc() {
		return new IpcDescriptor(services(null), clients(null));
	}

	/**
	 * Describes the service and the clients of one name.
	 * @param name the service's name
	 * @return the description, or {@code null} (404) if the application neither serves nor calls it
	 */
	@ReadOperation
	public @Nullable IpcDescriptor service(@Selector String name) {
		IpcDescriptor descriptor = new IpcDescriptor(services(name), clients(name));
		return (descriptor.services().isEmpty() && descriptor.clients().isEmpty()) ? null : descriptor;
	}

	/**
	 * Sets the statistics of every service and client to zero.
	 */
	@WriteOperation
	public void resetStats() {
		resetMatching(null);
	}

	/**
	 * Sets the statistics of one name's service and clients to zero.
	 * @param name the service's name
	 */
	@WriteOperation
	public void resetStats(@Selector String name) {
		resetMatching(name);
	}

	private void resetMatching(@Nullable String name) {
		if (this.server != null) {
			this.server.getServices()
				.stream()
				.filter(service -> name == null || service.name().equals(name))
				.forEach(service -> service.stub().resetStats());
		}
		if (this.clients != null) {
			this.clients.getClients()
				.stream()
				.filter(client -> name == null || client.service().equals(name))
				.forEach(client -> client.proxy().resetStats());
		}
	}

	private List<ServiceDescriptor> services(@Nullable String name) {
		if (this.server == null) {
			return List.of();
		}
		return this.server.getServices()
			.stream()
			.filter(service -> name == null || service.name().equals(name))
			.map(ServiceDescriptor::of)
			.toList();
	}

	private List<ClientDescriptor> clients(@Nullable String name) {
		if (this.clients == null) {
			return List.of();
		}
		return this.clients.getClients()
			.stream()
			.filter(client -> name == null || client.service().equals(name))
			.map(ClientDescriptor::of)
			.toList();
	}

	/**
	 * Everything the endpoint reports.
	 *
	 * @param services the served services
	 * @param clients the clients
	 */
	public record IpcDescriptor(List<ServiceDescriptor> services, List<ClientDescriptor> clients) {

	}

	/**
	 * A served service.
	 *
	 * @param name the service's name
	 * @param version its version
	 * @param contract the contract interface
	 * @param serialization the format the contract was checked against
	 * @param endpoints the endpoints it listens on
	 * @param methods the remote method names
	 * @param running whether it serves now
	 * @param stats its counters
	 */
	public record ServiceDescriptor(String name, String version, String contract, String serialization,
			List<String> endpoints, List<String> methods, boolean running, StubStats stats) {

		static ServiceDescriptor of(ExportedService service) {
			List<String> bound = service.stub().getBoundEndpoints();
			List<String> endpoints = bound.isEmpty() ? service.config()
				.stub()
				.getEndpoints()
				.stream()
				.map(endpoint -> endpoint.endpoint().uri())
				.toList() : bound;
			return new ServiceDescriptor(service.name(), service.definition().version(),
					service.contract().type().getName(), service.config().format().name(), endpoints,
					service.contract().methods().stream().map(ContractMethod::remoteName).toList(),
					service.isRunning(), service.stub().getStats());
		}

	}

	/**
	 * A client.
	 *
	 * @param service the called service's name
	 * @param version the expected version
	 * @param contract the client interface
	 * @param endpoint the endpoint it calls
	 * @param transport the transport's scheme
	 * @param serialization the format of its requests
	 * @param connected whether its connection is open (it connects on the first call)
	 * @param stats its counters
	 */
	public record ClientDescriptor(String service, String version, String contract, String endpoint,
			String transport, String serialization, boolean connected, ProxyStats stats) {

		static ClientDescriptor of(IpcClientRegistration client) {
			return new ClientDescriptor(client.service(), client.definition().version(),
					client.definition().type().getName(), client.config().getTransport().endpoint().uri(),
					client.config().getTransport().type().scheme(), client.config().getFormat().name(),
					client.proxy().isConnected(), client.proxy().getStats());
		}

	}

}
