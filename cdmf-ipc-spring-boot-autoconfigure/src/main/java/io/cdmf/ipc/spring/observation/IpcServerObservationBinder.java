package io.cdmf.ipc.spring.observation;

import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.springframework.beans.factory.InitializingBean;

/**
 * Sets the observation interceptor on the stub of every service, when it is exported and before it starts, so that
 * every request is observed from its first; nothing when the registry is a no-op.
 *
 * @since 0.1.0
 */
public class IpcServerObservationBinder implements InitializingBean {

	private final IpcServerLifecycle server;

	private final IpcObservations observations;

	/**
	 * Creates a binder.
	 * @param server the server
	 * @param observations how calls are observed
	 */
	public IpcServerObservationBinder(IpcServerLifecycle server, IpcObservations observations) {
		this.server = server;
		this.observations = observations;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.observations.isActive()) {
			this.server.forEachService(
					service -> service.stub().setObservationInterceptor(this.observations.getServerInterceptor()));
		}
	}

}
