package io.cdmf.ipc.spring.client;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.rpc.CallListener;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.IpcPropertyNames;
import io.cdmf.ipc.spring.internal.CallListeners;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Creates the clients of {@link io.cdmf.ipc.spring.annotation.IpcClient @IpcClient} interfaces, each over a
 * {@link ServiceProxy} on a channel configured by the {@link IpcChannelConfigFactory}, and keeps them, so that the
 * endpoint, health and metrics can see them; closes their channels when the context closes.
 * <p>
 * A client whose configuration has no endpoint is found through service discovery: it is created by the
 * {@link ServiceProxyFactory} by service name and version, and its channel follows the instances the registry lists.
 * <p>
 * A client does not connect when it is created: its first call does, so a server that is not up (or not registered)
 * yet never fails the application's startup.
 *
 * @since 0.1.0
 */
public class IpcClientRegistry implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(IpcClientRegistry.class);

	private final IpcChannelConfigFactory configFactory;

	private final SerializerRegistry serializers;

	private final @Nullable ServiceProxyFactory proxyFactory;

	private final @Nullable IpcDiscoveryChannelConfigs discoveryConfigs;

	private final Set<ServiceProxy> discoveredProxies = ConcurrentHashMap.newKeySet();

	private final List<IpcClientRegistration> clients = new CopyOnWriteArrayList<>();

	private final List<Consumer<IpcClientRegistration>> callbacks = new CopyOnWriteArrayList<>();

	private final CallListeners callListeners = new CallListeners();

	/**
	 * Creates a registry.
	 * @param configFactory configures each client's channel
	 * @param serializers the serializers of payloads
	 */
	public IpcClientRegistry(IpcChannelConfigFactory configFactory, SerializerRegistry serializers) {
		this(configFactory, serializers, null, null);
	}

	/**
	 * Creates a registry that finds clients without endpoints through discovery.
	 * @param configFactory configures each client's channel
	 * @param serializers the serializers of payloads
	 * @param proxyFactory creates the clients without endpoints, or {@code null} when discovery is off
	 * @param discoveryConfigs the channel configurations the factory uses, told each discovered client's, or
	 * {@code null} when the factory configures its channels itself
	 */
	public IpcClientRegistry(IpcChannelConfigFactory configFactory, SerializerRegistry serializers,
			@Nullable ServiceProxyFactory proxyFactory, @Nullable IpcDiscoveryChannelConfigs discoveryConfigs) {
		this.configFactory = configFactory;
		this.serializers = serializers;
		this.proxyFactory = proxyFactory;
		this.discoveryConfigs = discoveryConfigs;
	}

	/**
	 * Creates a client.
	 * @param <T> the client type
	 * @param definition the client as annotated
	 * @return the client
	 * @throws IpcConfigurationException if its settings are not usable
	 * @throws IllegalArgumentException if the interface breaks a contract rule (the message names the method)
	 */
	public <T> T createClient(IpcClientDefinition definition) {
		ChannelConfig config = this.configFactory.create(definition);
		if (config.getEndpoints().isEmpty()) {
			return createDiscovered(definition, config);
		}
		ServiceProxy proxy;
		try {
			proxy = new ServiceProxy(config);
		}
		catch (IpcException ex) {
			String property = IpcPropertyNames.client(definition.service(), "endpoints");
			throw new IpcConfigurationException(property,
					String.join(",", config.getEndpoints().stream().map(ChannelEndpoint::uri).toList()),
					"Cannot create the client " + definition.type().getName() + ": " + ex.getMessage(),
					"Set " + property + " to an endpoint whose transport is on the classpath.", ex);
		}
		try {
			@SuppressWarnings("unchecked")
			T client = (T) IpcBinding.createClient(definition.type(), proxy, config.getFormat(), this.serializers);
			proxy.setCallListener(this.callListeners.current());
			IpcClientRegistration registration = new IpcClientRegistration(definition, config, proxy, client);
			this.clients.add(registration);
			this.callbacks.forEach(callback -> callback.accept(registration));
			return client;
		}
		catch (RuntimeException ex) {
			proxy.close();
			throw ex;
		}
	}

	private <T> T createDiscovered(IpcClientDefinition definition, ChannelConfig config) {
		String service = definition.service();
		String endpointsProperty = IpcPropertyNames.client(service, "endpoints");
		String example = "unix:///tmp/" + service + ".sock";
		ServiceProxyFactory factory = this.proxyFactory;
		if (factory == null) {
			throw new IpcConfigurationException(endpointsProperty, null,
					"@IpcClient " + definition.type().getName() + " calls service '" + service
							+ "' but no endpoint is configured for it, and service discovery is off ("
							+ IpcPropertyNames.DISCOVERY_PREFIX + ".type=none)",
					"Set the property " + endpointsProperty + "=" + example + ", or @IpcClient(endpoint = \"" + example
							+ "\") on " + definition.type().getSimpleName() + ", or set "
							+ IpcPropertyNames.DISCOVERY_PREFIX
							+ ".type to embedded (or another registry) so that the client finds the service by name "
							+ "and version.",
					null);
		}
		try {
			VersionRange.parse(definition.version());
		}
		catch (IllegalArgumentException ex) {
			throw new IpcConfigurationException("@IpcClient on " + definition.type().getName() + " (version)",
					definition.version(), ex.getMessage(),
					"Set version to a version such as 1.0 (any 1.0.x) or a range such as [1.0,2.0).", ex);
		}
		if (this.discoveryConfigs != null) {
			ChannelConfig inForce = this.discoveryConfigs.offer(definition, config);
			if (inForce != config && !Objects.equals(inForce.getDefaultTimeout(), config.getDefaultTimeout())) {
				logger.warn("@IpcClient {} calls {} through the channel another client of that service configured "
						+ "(timeout {}, not its own {}); give both the same timeout, or set {}",
						definition.type().getName(), service, inForce.getDefaultTimeout(), config.getDefaultTimeout(),
						IpcPropertyNames.client(service, "timeout"));
			}
		}
		@SuppressWarnings("unchecked")
		T client = (T) factory.create(definition.type(), service, definition.version(), config.getFormat());
		ServiceProxy proxy = factory.getCachedProxy(service, definition.version())
			.orElseThrow(() -> new IllegalStateException("ServiceProxyFactory created a client of " + service
					+ " without keeping its proxy"));
		this.discoveredProxies.add(proxy);
		proxy.setCallListener(this.callListeners.current());
		// The client's own configuration: its format is the one its requests use; the shared channel's settings are
		// those of the first client of the service (see the warning above).
		IpcClientRegistration registration = new IpcClientRegistration(definition, config, proxy, client);
		this.clients.add(registration);
		this.callbacks.forEach(callback -> callback.accept(registration));
		logger.debug("@IpcClient {} finds {} {} through {}", definition.type().getName(), service,
				definition.version(), factory.getDiscovery().getName());
		return client;
	}

	/**
	 * Returns whether a client was created through discovery (it has no endpoint of its own).
	 * @param client the client
	 * @return whether its proxy belongs to the {@link ServiceProxyFactory}
	 */
	public boolean isDiscovered(IpcClientRegistration client) {
		return this.discoveredProxies.contains(client.proxy());
	}

	/**
	 * Returns the factory that creates the clients found through discovery.
	 * @return the factory, or {@code null} when discovery is off
	 */
	public @Nullable ServiceProxyFactory getProxyFactory() {
		return this.proxyFactory;
	}

	/**
	 * Returns the clients created so far.
	 * @return the clients
	 */
	public List<IpcClientRegistration> getClients() {
		return List.copyOf(this.clients);
	}

	/**
	 * Returns the clients of a service.
	 * @param service the service's name
	 * @return the clients, empty if none
	 */
	public List<IpcClientRegistration> getClients(String service) {
		return this.clients.stream().filter(client -> client.service().equals(service)).toList();
	}

	/**
	 * Returns how many calls the clients of a service wait on now.
	 * @param service the service's name
	 * @return the calls in flight
	 */
	public int getInFlightCalls(String service) {
		// Clients found through discovery share the factory's proxy of their service and version: count it once.
		return getClients(service).stream()
			.map(IpcClientRegistration::proxy)
			.distinct()
			.mapToInt(ServiceProxy::getInFlightCalls)
			.sum();
	}

	/**
	 * Adds a listener told of every call of every client, created now or later.
	 * @param listener the listener
	 */
	public void addCallListener(CallListener listener) {
		this.callListeners.add(listener, composite -> this.clients.forEach(c -> c.proxy().setCallListener(composite)));
	}

	/**
	 * Runs an action for each client created so far and, from now on, for each new one.
	 * @param action the action
	 */
	public void forEachClient(Consumer<IpcClientRegistration> action) {
		this.callbacks.add(action);
		this.clients.forEach(action);
	}

	/**
	 * Closes every client's channel; calls waiting on them fail with {@code UNAVAILABLE}. The channels of clients
	 * found through discovery belong to the {@link ServiceProxyFactory}, which closes them.
	 */
	@Override
	public void destroy() {
		this.clients.stream()
			.filter(client -> !this.discoveredProxies.contains(client.proxy()))
			.forEach(client -> client.proxy().close());
	}

}
