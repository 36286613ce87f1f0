package io.cdmf.ipc.spring.server;

import java.util.List;

import org.springframework.context.ApplicationEvent;

/**
 * Published once every service has drained and closed its endpoints.
 *
 * @since 0.1.0
 */
public class IpcServerStoppedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient List<ExportedService> services;

	/**
	 * Creates an event.
	 * @param source the lifecycle that stopped
	 * @param services the services that stopped
	 */
	public IpcServerStoppedEvent(IpcServerLifecycle source, List<ExportedService> services) {
		super(source);
		this.services = List.copyOf(services);
	}

	/**
	 * Returns the services that stopped.
	 * @return the services
	 */
	public List<ExportedService> getServices() {
		return this.services;
	}

}
