package io.cdmf.ipc.spring.server;

import java.time.Duration;
import java.util.Objects;

import io.cdmf.ipc.discovery.AdvertisedAddress;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.IpcPropertyNames;
import io.cdmf.ipc.transport.EndpointUri;
import org.jspecify.annotations.Nullable;

/**
 * Registers each served {@link io.cdmf.ipc.spring.annotation.IpcService @IpcService} in a {@link ServiceDiscovery}
 * once it listens: one {@link ServiceEndpoint} per service with every endpoint it is bound to (a wildcard address
 * advertised with {@code cdmf.ipc.discovery.advertised-host}, else as {@link AdvertisedAddress} finds it) and the
 * metadata {@value ServiceEndpoint#METADATA_SERIALIZATION}. {@link IpcServerLifecycle} deregisters the services at
 * shutdown before they drain, waiting the {@link #getDeregistrationDelay() deregistration delay} in between.
 *
 * @since 0.1.0
 */
public class IpcServiceRegistrar {

	private final ServiceDiscovery discovery;

	private final @Nullable String advertisedHost;

	private final Duration deregistrationDelay;

	/**
	 * Creates a registrar.
	 * @param discovery the registry to register in
	 * @param advertisedHost the host wildcard endpoints are advertised with, or {@code null} for
	 * {@link AdvertisedAddress#host()}
	 * @param deregistrationDelay time between deregistering and draining at shutdown, zero or more
	 */
	public IpcServiceRegistrar(ServiceDiscovery discovery, @Nullable String advertisedHost,
			Duration deregistrationDelay) {
		this.discovery = Objects.requireNonNull(discovery, "discovery must not be null");
		this.advertisedHost = (advertisedHost != null && !advertisedHost.isBlank()) ? advertisedHost.trim() : null;
		Objects.requireNonNull(deregistrationDelay, "deregistrationDelay must not be null");
		if (deregistrationDelay.isNegative()) {
			throw new IllegalArgumentException("deregistrationDelay must not be negative: " + deregistrationDelay);
		}
		this.deregistrationDelay = deregistrationDelay;
	}

	/**
	 * Returns the registry.
	 * @return the registry
	 */
	public ServiceDiscovery getDiscovery() {
		return this.discovery;
	}

	/**
	 * Returns the time between deregistering and draining at shutdown.
	 * @return the delay
	 */
	public Duration getDeregistrationDelay() {
		return this.deregistrationDelay;
	}

	/**
	 * Returns the instance a started service registers as.
	 * @param service the service, listening
	 * @return the instance
	 */
	public ServiceEndpoint instance(ExportedService service) {
		ServiceStub stub = service.stub();
		ServiceEndpoint.Builder builder;
		if (this.advertisedHost == null) {
			builder = ServiceEndpoint.forStub(stub);
		}
		else {
			builder = ServiceEndpoint.builder(service.name()).version(stub.getConfig().getVersion());
			for (String bound : stub.getBoundEndpoints()) {
				builder.endpoint(AdvertisedAddress.advertise(EndpointUri.parse(bound), this.advertisedHost));
			}
		}
		return builder.metadata(ServiceEndpoint.METADATA_SERIALIZATION, service.config().format().name()).build();
	}

	/**
	 * Registers a started service.
	 * @param service the service, listening
	 * @return its registration
	 * @throws IpcConfigurationException if the registry refuses it or cannot be reached
	 */
	public ServiceDiscovery.Registration register(ExportedService service) {
		ServiceEndpoint instance = instance(service);
		try {
			return this.discovery.register(instance);
		}
		catch (RuntimeException ex) {
			String property = IpcPropertyNames.DISCOVERY_PREFIX + ".type";
			throw new IpcConfigurationException(property, this.discovery.getName(),
					"IPC service '" + service.name() + "' listens on " + instance.endpoints()
							+ " but cannot be registered in " + this.discovery.getName() + ": " + ex.getMessage(),
					"Make the registry usable (for the embedded one, a directory this user can write: "
							+ IpcPropertyNames.DISCOVERY_PREFIX + ".embedded.directory), or set "
							+ IpcPropertyNames.DISCOVERY_PREFIX + ".register=false to serve without registering, or "
							+ property + "=none.",
					ex);
		}
	}

}
