package io.cdmf.ipc.spring.server;

import io.cdmf.ipc.binding.ServiceContract;
import io.cdmf.ipc.rpc.ServiceStub;

/**
 * A service as the server runs it: its definition, its checked contract and its stub.
 *
 * @param definition the service as annotated
 * @param config the configuration it is served with
 * @param contract the contract as exported
 * @param stub the stub that serves it
 * @since 0.1.0
 */
public record ExportedService(IpcServiceDefinition definition, IpcServiceConfig config, ServiceContract contract,
		ServiceStub stub) {

	/**
	 * Returns the service's name.
	 * @return the name
	 */
	public String name() {
		return this.definition.name();
	}

	/**
	 * Returns whether the service is serving.
	 * @return whether its stub runs
	 */
	public boolean isRunning() {
		return this.stub.isRunning();
	}

}
