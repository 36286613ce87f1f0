package io.cdmf.ipc.spring.client;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ManagedChannel;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * A client the registry created: its definition, channel configuration, proxy and the typed client itself.
 *
 * @param definition the client as annotated
 * @param config the configuration of its channel
 * @param proxy the proxy the client calls through
 * @param client the object implementing the client interface
 * @since 0.1.0
 */
public record IpcClientRegistration(IpcClientDefinition definition, ChannelConfig config, ServiceProxy proxy,
		Object client) {

	/**
	 * Returns the called service's name.
	 * @return the name
	 */
	public String service() {
		return this.definition.service();
	}

	/**
	 * Returns the channel under the proxy: its endpoints, their states, the circuit breaker and retry.
	 * @return the channel
	 */
	public ManagedChannel channel() {
		return this.proxy.getChannel();
	}

}
