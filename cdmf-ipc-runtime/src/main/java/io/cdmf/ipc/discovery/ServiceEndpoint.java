package io.cdmf.ipc.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.transport.EndpointUri;
import org.jspecify.annotations.Nullable;

/**
 * One registered instance of a service: who it is, which version it serves, every endpoint it listens on, the host
 * it runs on, free-form metadata and whether it takes calls. A service listening on several transports at once
 * ({@code shm://}, {@code unix://} and {@code grpc://}) advertises them all in one instance, and each client takes
 * the nearest one it can reach.
 *
 * <pre>{@code
 * ServiceEndpoint instance = ServiceEndpoint.forStub(stub)      // name, version, bound endpoints
 *         .metadata(ServiceEndpoint.METADATA_SERIALIZATION, "PROTOBUF")
 *         .build();
 * Registration registration = discovery.register(instance);
 * }</pre>
 *
 * @param instanceId identifies the instance among all instances of all services of a registry
 * @param serviceName the service name
 * @param version the version it serves, such as {@code 1.2.0}, or {@code ""}
 * @param endpoints the endpoint URIs it listens on, at least one
 * @param host the host it runs on
 * @param metadata free-form metadata (see the {@code METADATA_*} keys)
 * @param healthy whether it takes calls; an unhealthy instance is registered but never picked
 * @since 0.1.0
 */
public record ServiceEndpoint(String instanceId, String serviceName, String version, List<String> endpoints,
		HostIdentity host, Map<String, String> metadata, boolean healthy) {

	/** Metadata key: the serialization format its typed interface uses, such as {@code PROTOBUF}. */
	public static final String METADATA_SERIALIZATION = "serialization";

	/** Metadata key: its relative share of the calls, a whole number from 1 to 1000. */
	public static final String METADATA_WEIGHT = "weight";

	/** Metadata key: the process id of the instance, for people to read. */
	public static final String METADATA_PID = "pid";

	/**
	 * Checks the arguments and copies the collections.
	 * @param instanceId the instance id
	 * @param serviceName the service name
	 * @param version the version
	 * @param endpoints the endpoint URIs
	 * @param host the host
	 * @param metadata the metadata
	 * @param healthy whether it takes calls
	 */
	public ServiceEndpoint {
		requireText(instanceId, "instanceId");
		requireText(serviceName, "serviceName");
		Objects.requireNonNull(version, "version must not be null");
		Objects.requireNonNull(host, "host must not be null");
		Objects.requireNonNull(endpoints, "endpoints must not be null");
		if (endpoints.isEmpty()) {
			throw new IllegalArgumentException("instance " + instanceId + " of " + serviceName
					+ " must advertise at least one endpoint");
		}
		for (String endpoint : endpoints) {
			EndpointUri.parse(endpoint);
		}
		endpoints = List.copyOf(endpoints);
		metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata must not be null"));
	}

	/**
	 * Starts an instance of a service.
	 * @param serviceName the service name
	 * @return a builder
	 */
	public static Builder builder(String serviceName) {
		return new Builder(serviceName);
	}

	/**
	 * Starts an instance from a started stub: its service name, version and bound endpoints (an ephemeral port
	 * resolved, a wildcard address replaced by this host's address).
	 * @param stub a started stub
	 * @return a builder
	 * @throws IllegalStateException if the stub is not running
	 */
	public static Builder forStub(ServiceStub stub) {
		if (!stub.isRunning()) {
			throw new IllegalStateException("service " + stub.getConfig().getServiceName()
					+ " must be started before it is registered, so that its bound endpoints are known");
		}
		Builder builder = builder(stub.getConfig().getServiceName()).version(stub.getConfig().getVersion());
		stub.getBoundEndpoints().forEach(builder::endpoint);
		return builder;
	}

	/**
	 * Returns whether this instance runs on the caller's host.
	 * @return whether its host identity is this JVM's
	 */
	public boolean isLocal() {
		return this.host.isSameHost(HostIdentity.local());
	}

	/**
	 * Returns a metadata value.
	 * @param key the key
	 * @return the value, or {@code null}
	 */
	public @Nullable String metadata(String key) {
		return this.metadata.get(key);
	}

	/**
	 * Returns this instance with another health.
	 * @param newHealthy whether it takes calls
	 * @return the instance
	 */
	public ServiceEndpoint withHealthy(boolean newHealthy) {
		return new ServiceEndpoint(this.instanceId, this.serviceName, this.version, this.endpoints, this.host,
				this.metadata, newHealthy);
	}

	@Override
	public String toString() {
		return this.serviceName + (this.version.isEmpty() ? "" : " " + this.version) + " [" + this.instanceId + "] "
				+ this.endpoints + " on " + this.host.hostName() + (this.healthy ? "" : " (unhealthy)");
	}

	private static void requireText(@Nullable String value, String name) {
		Objects.requireNonNull(value, name + " must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	/**
	 * Builds a {@link ServiceEndpoint}.
	 */
	public static final class Builder {

		private final String serviceName;

		private @Nullable String instanceId;

		private String version = "";

		private final List<String> endpoints = new ArrayList<>();

		private HostIdentity host = HostIdentity.local();

		private final Map<String, String> metadata = new LinkedHashMap<>();

		private boolean healthy = true;

		private Builder(String serviceName) {
			requireText(serviceName, "serviceName");
			this.serviceName = serviceName;
			this.metadata.put(METADATA_PID, Long.toString(ProcessHandle.current().pid()));
		}

		/**
		 * Sets the instance id; by default one is made of the service name, the host name and a random part.
		 * @param instanceId the id, unique in the registry
		 * @return this builder
		 */
		public Builder instanceId(String instanceId) {
			requireText(instanceId, "instanceId");
			this.instanceId = instanceId;
			return this;
		}

		/**
		 * Sets the version served.
		 * @param version such as {@code 1.2.0}
		 * @return this builder
		 */
		public Builder version(String version) {
			this.version = Objects.requireNonNull(version, "version must not be null").trim();
			return this;
		}

		/**
		 * Adds an endpoint the instance listens on. A wildcard host ({@code 0.0.0.0}, {@code ::}) is replaced by an
		 * address of this host that other hosts can reach (see {@link AdvertisedAddress}).
		 * @param uri the endpoint URI
		 * @return this builder
		 * @throws io.cdmf.ipc.InvalidEndpointException if the URI is not a valid endpoint
		 */
		public Builder endpoint(String uri) {
			this.endpoints.add(AdvertisedAddress.advertise(EndpointUri.parse(uri)));
			return this;
		}

		/**
		 * Sets the host; by default {@link HostIdentity#local()}.
		 * @param host the host
		 * @return this builder
		 */
		public Builder host(HostIdentity host) {
			this.host = Objects.requireNonNull(host, "host must not be null");
			return this;
		}

		/**
		 * Adds a metadata entry.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, String value) {
			this.metadata.put(Objects.requireNonNull(key, "key must not be null"),
					Objects.requireNonNull(value, "value must not be null"));
			return this;
		}

		/**
		 * Sets whether the instance takes calls (by default it does).
		 * @param healthy whether it is healthy
		 * @return this builder
		 */
		public Builder healthy(boolean healthy) {
			this.healthy = healthy;
			return this;
		}

		/**
		 * Builds the instance.
		 * @return the instance
		 * @throws IllegalArgumentException if no endpoint was added
		 */
		public ServiceEndpoint build() {
			String id = this.instanceId;
			if (id == null) {
				id = this.serviceName + "-" + this.host.hostName() + "-"
						+ UUID.randomUUID().toString().substring(0, 8);
			}
			return new ServiceEndpoint(id, this.serviceName, this.version, this.endpoints, this.host, this.metadata,
					this.healthy);
		}

	}

}
