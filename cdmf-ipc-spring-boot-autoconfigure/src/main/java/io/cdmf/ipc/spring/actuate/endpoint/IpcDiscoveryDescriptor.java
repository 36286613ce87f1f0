package io.cdmf.ipc.spring.actuate.endpoint;

import java.util.List;
import java.util.Map;

import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.discovery.DiscoveryHealth;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.factory.TransportChoice;
import io.cdmf.ipc.transport.EndpointUri;
import org.jspecify.annotations.Nullable;

/**
 * The service registry as the {@code ipc} endpoint reports it: its name, its health, and the instances this
 * application registered in it.
 *
 * @param registry the registry's description, such as {@code embedded:/run/user/1000/cdmf-ipc/registry}
 * @param up whether it can be used now
 * @param detail what it is and, when down, why
 * @param registered the instances this application's services are registered as
 * @since 0.1.0
 */
public record IpcDiscoveryDescriptor(String registry, boolean up, String detail,
		List<InstanceDescriptor> registered) {

	static IpcDiscoveryDescriptor of(ServiceDiscovery discovery, List<ServiceEndpoint> registered) {
		DiscoveryHealth health = discovery.health();
		return new IpcDiscoveryDescriptor(discovery.getName(), health.up(), health.detail(),
				registered.stream().map(InstanceDescriptor::of).toList());
	}

	/**
	 * How a client found through discovery sees its service: the instances the registry lists and, for each, the
	 * endpoint taken and why.
	 *
	 * @param registry the registry's description
	 * @param version the version requirement, {@code *} for any
	 * @param instances the instances found, with the transport chosen for each
	 */
	public record ClientDiscoveryDescriptor(String registry, String version, List<InstanceDescriptor> instances) {

		static ClientDiscoveryDescriptor of(ServiceDiscovery discovery, String version,
				List<TransportChoice> choices) {
			return new ClientDiscoveryDescriptor(discovery.getName(), version.isBlank() ? "*" : version,
					choices.stream().map(InstanceDescriptor::of).toList());
		}

	}

	/**
	 * One registered instance and, for a client's view, the endpoint of it the client takes.
	 *
	 * @param instanceId the instance's id
	 * @param service the service's name
	 * @param version the version it serves
	 * @param endpoints every endpoint it advertises
	 * @param host the name of the host it runs on
	 * @param healthy whether it takes calls
	 * @param metadata its metadata, such as {@code serialization}
	 * @param chosen for a client, how it reaches the instance; {@code null} in the registry's own list
	 */
	public record InstanceDescriptor(String instanceId, String service, String version, List<String> endpoints,
			String host, boolean healthy, Map<String, String> metadata, @Nullable ChoiceDescriptor chosen) {

		static InstanceDescriptor of(ServiceEndpoint instance) {
			return new InstanceDescriptor(instance.instanceId(), instance.serviceName(), instance.version(),
					instance.endpoints(), instance.host().hostName(), instance.healthy(), instance.metadata(), null);
		}

		static InstanceDescriptor of(TransportChoice choice) {
			ServiceEndpoint instance = choice.instance();
			return new InstanceDescriptor(instance.instanceId(), instance.serviceName(), instance.version(),
					instance.endpoints(), instance.host().hostName(), instance.healthy(), instance.metadata(),
					ChoiceDescriptor.of(choice));
		}

	}

	/**
	 * The endpoint a client takes of an instance, and why.
	 *
	 * @param endpoint the endpoint URI taken, or {@code null} when none can be used
	 * @param transport its scheme, or {@code null}
	 * @param locality how near the instance is
	 * @param reason why this endpoint (or why none)
	 * @param skipped endpoints passed over first, each with the reason
	 */
	public record ChoiceDescriptor(@Nullable String endpoint, @Nullable String transport, Locality locality,
			String reason, List<String> skipped) {

		static ChoiceDescriptor of(TransportChoice choice) {
			String endpoint = choice.endpoint();
			return new ChoiceDescriptor(endpoint,
					(endpoint != null) ? EndpointUri.parse(endpoint).type().scheme() : null, choice.locality(),
					choice.reason(), choice.skipped());
		}

	}

}
