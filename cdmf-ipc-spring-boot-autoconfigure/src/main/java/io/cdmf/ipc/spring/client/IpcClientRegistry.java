package io.cdmf.ipc.spring.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.rpc.CallListener;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.IpcPropertyNames;
import io.cdmf.ipc.spring.internal.CallListeners;
import org.springframework.beans.factory.DisposableBean;

/**
 * Creates the clients of {@link io.cdmf.ipc.spring.annotation.IpcClient @IpcClient} interfaces, each over a
 * {@link ServiceProxy} on a channel configured by the {@link IpcChannelConfigFactory}, and keeps them, so that the
 * endpoint, health and metrics can see them; closes their channels when the context closes.
 * <p>
 * A client does not connect when it is created: its first call does, so a server that is not up yet never fails the
 * application's startup.
 *
 * @since 0.1.0
 */
public class IpcClientRegistry implements DisposableBean {

	private final IpcChannelConfigFactory configFactory;

	private final SerializerRegistry serializers;

	private final List<IpcClientRegistration> clients = new CopyOnWriteArrayList<>();

	private final List<Consumer<IpcClientRegistration>> callbacks = new CopyOnWriteArrayList<>();

	private final CallListeners callListeners = new CallListeners();

	/**
	 * Creates a registry.
	 * @param configFactory configures each client's channel
	 * @param serializers the serializers of payloads
	 */
	public IpcClientRegistry(IpcChannelConfigFactory configFactory, SerializerRegistry serializers) {
		this.configFactory = configFactory;
		this.serializers = serializers;
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
		return getClients(service).stream().mapToInt(client -> client.proxy().getInFlightCalls()).sum();
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
	 * Closes every client's channel; calls waiting on them fail with {@code UNAVAILABLE}.
	 */
	@Override
	public void destroy() {
		this.clients.forEach(client -> client.proxy().close());
	}

}
