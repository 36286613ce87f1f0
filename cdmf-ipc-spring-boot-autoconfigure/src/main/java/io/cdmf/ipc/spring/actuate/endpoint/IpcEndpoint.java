package io.cdmf.ipc.spring.actuate.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.binding.ContractMethod;
import io.cdmf.ipc.channel.ChannelStats;
import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.channel.SubchannelState;
import io.cdmf.ipc.channel.SubchannelStats;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.rpc.ProxyStats;
import io.cdmf.ipc.rpc.StubStats;
import io.cdmf.ipc.spring.client.IpcClientRegistration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.server.ExportedService;
import io.cdmf.ipc.spring.actuate.endpoint.IpcDiscoveryDescriptor.ClientDiscoveryDescriptor;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.cdmf.ipc.transport.EndpointUri;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code ipc}: the services this application serves and the clients it calls through, with
 * their endpoints, methods, state and statistics; for each client, every endpoint of its channel with its state,
 * load and failures, the load balancer and the circuit breaker; for each client found through discovery, the
 * instances the registry lists and the transport chosen for each with the reason; and the registry itself, its health
 * and the instances this application registered. {@code GET /actuator/ipc} lists everything,
 * {@code GET /actuator/ipc/{name}} one service name (served, called or both), and {@code POST /actuator/ipc} (or
 * {@code /actuator/ipc/{name}}) sets the statistics back to zero.
 *
 * @since 0.1.0
 */
@Endpoint(id = "ipc")
public class IpcEndpoint {

	private final @Nullable IpcServerLifecycle server;

	private final @Nullable IpcClientRegistry clients;

	private final @Nullable ServiceDiscovery discovery;

	/**
	 * Creates an endpoint.
	 * @param server the server, or {@code null} if this application serves nothing
	 * @param clients the clients, or {@code null} if this application calls nothing
	 */
	public IpcEndpoint(@Nullable IpcServerLifecycle server, @Nullable IpcClientRegistry clients) {
		this(server, clients, null);
	}

	/**
	 * Creates an endpoint that also reports the service registry.
	 * @param server the server, or {@code null} if this application serves nothing
	 * @param clients the clients, or {@code null} if this application calls nothing
	 * @param discovery the registry, or {@code null} if discovery is off
	 */
	public IpcEndpoint(@Nullable IpcServerLifecycle server, @Nullable IpcClientRegistry clients,
			@Nullable ServiceDiscovery discovery) {
		this.server = server;
		this.clients = clients;
		this.discovery = discovery;
	}

	/**
	 * Describes every service and client.
	 * @return the description
	 */
	@ReadOperation
	public IpcDescriptor ipc() {
		return new IpcDescriptor(services(null), clients(null), discovery());
	}

	/**
	 * Describes the service and the clients of one name.
	 * @param name the service's name
	 * @return the description, or {@code null} (404) if the application neither serves nor calls it
	 */
	@ReadOperation
	public @Nullable IpcDescriptor service(@Selector String name) {
		IpcDescriptor descriptor = new IpcDescriptor(services(name), clients(name), discovery());
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
		IpcClientRegistry registry = this.clients;
		if (registry == null) {
			return List.of();
		}
		return registry.getClients()
			.stream()
			.filter(client -> name == null || client.service().equals(name))
			.map(client -> ClientDescriptor.of(client, discovered(registry, client)))
			.toList();
	}

	private static @Nullable ClientDiscoveryDescriptor discovered(IpcClientRegistry registry,
			IpcClientRegistration client) {
		ServiceProxyFactory factory = registry.getProxyFactory();
		if (factory == null || !registry.isDiscovered(client)) {
			return null;
		}
		String version = client.definition().version();
		return ClientDiscoveryDescriptor.of(factory.getDiscovery(), version,
				factory.getTransportChoices(client.service(), version));
	}

	private @Nullable IpcDiscoveryDescriptor discovery() {
		ServiceDiscovery registry = this.discovery;
		if (registry == null) {
			return null;
		}
		List<ServiceEndpoint> registered = new ArrayList<>();
		if (this.server != null) {
			for (ExportedService service : this.server.getServices()) {
				this.server.getRegisteredInstance(service.name()).ifPresent(registered::add);
			}
		}
		return IpcDiscoveryDescriptor.of(registry, registered);
	}

	/**
	 * Everything the endpoint reports.
	 *
	 * @param services the served services
	 * @param clients the clients
	 * @param discovery the service registry, or {@code null} if discovery is off
	 */
	public record IpcDescriptor(List<ServiceDescriptor> services, List<ClientDescriptor> clients,
			@Nullable IpcDiscoveryDescriptor discovery) {

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
	 * A client and the channel it calls through.
	 *
	 * @param service the called service's name
	 * @param version the expected version
	 * @param contract the client interface
	 * @param serialization the format of its requests
	 * @param loadBalancer the name of its load-balancing policy
	 * @param connected whether at least one endpoint is ready (it connects on the first call)
	 * @param endpoints each endpoint, in the channel's order
	 * @param circuitBreaker its circuit breaker, or {@code null} when it has none
	 * @param stats its call counters
	 * @param discovery for a client found through discovery (it has no endpoints of its own), the instances found
	 * and the transport chosen for each; {@code null} for a client with configured endpoints
	 */
	public record ClientDescriptor(String service, String version, String contract, String serialization,
			String loadBalancer, boolean connected, List<EndpointDescriptor> endpoints,
			@Nullable CircuitBreakerDescriptor circuitBreaker, ProxyStats stats,
			@Nullable ClientDiscoveryDescriptor discovery) {

		static ClientDescriptor of(IpcClientRegistration client, @Nullable ClientDiscoveryDescriptor discovery) {
			ChannelStats stats = client.proxy().getChannelStats();
			return new ClientDescriptor(client.service(), client.definition().version(),
					client.definition().type().getName(), client.config().getFormat().name(), stats.loadBalancer(),
					stats.readyEndpoints() > 0, stats.endpoints().stream().map(EndpointDescriptor::of).toList(),
					CircuitBreakerDescriptor.of(stats.circuitBreaker()), stats.calls(), discovery);
		}

	}

	/**
	 * One endpoint of a client's channel.
	 *
	 * @param endpoint the endpoint URI
	 * @param transport the transport's scheme
	 * @param locality how near it is
	 * @param weight its share of the calls
	 * @param state its state: {@code READY} takes calls; {@code IDLE}, {@code CONNECTING},
	 * {@code TRANSIENT_FAILURE} (waiting to reconnect), {@code EJECTED} (out of rotation after failures) and
	 * {@code SHUTDOWN} do not
	 * @param connections connections open to it
	 * @param outstandingCalls calls sent to it without a result yet
	 * @param picks calls the balancer sent to it
	 * @param failures calls to it that failed in a way that counts against it
	 * @param consecutiveFailures such failures since its last success
	 * @param ejections times it was ejected
	 * @param ejectedUntil when its ejection ends, or {@code null}
	 * @param lastError the last failure of a connection or call to it, or {@code null}
	 */
	public record EndpointDescriptor(String endpoint, String transport, Locality locality, int weight,
			SubchannelState state, int connections, int outstandingCalls, long picks, long failures,
			int consecutiveFailures, long ejections, @Nullable Instant ejectedUntil, @Nullable String lastError) {

		static EndpointDescriptor of(SubchannelStats stats) {
			return new EndpointDescriptor(stats.endpoint(), scheme(stats.endpoint()), stats.locality(), stats.weight(),
					stats.state(), stats.connections(), stats.outstandingCalls(), stats.picks(), stats.failures(),
					stats.consecutiveFailures(), stats.ejections(), stats.ejectedUntil(), stats.lastError());
		}

		private static String scheme(String endpoint) {
			try {
				return EndpointUri.parse(endpoint).type().scheme();
			}
			catch (RuntimeException ex) {
				// A channel only holds parsed endpoints; this is a fallback, not a path that runs.
				int end = endpoint.indexOf("://");
				return (end > 0) ? endpoint.substring(0, end) : endpoint;
			}
		}

	}

	/**
	 * A client's circuit breaker, as Resilience4j reports it.
	 *
	 * @param name its name in its registry (the service's name)
	 * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} or another Resilience4j state
	 * @param failureRate failure rate in percent over the sliding window, -1 until the window has its minimum of
	 * calls
	 * @param bufferedCalls calls in the sliding window
	 * @param failedCalls failed calls in the sliding window
	 * @param notPermittedCalls calls refused with {@code CIRCUIT_OPEN}
	 */
	public record CircuitBreakerDescriptor(String name, String state, float failureRate, int bufferedCalls,
			int failedCalls, long notPermittedCalls) {

		static @Nullable CircuitBreakerDescriptor of(ChannelStats.@Nullable CircuitBreakerStats stats) {
			return (stats != null) ? new CircuitBreakerDescriptor(stats.name(), stats.state(), stats.failureRate(),
					stats.bufferedCalls(), stats.failedCalls(), stats.notPermittedCalls()) : null;
		}

	}

}
