package io.cdmf.ipc.spring.server;

import java.util.List;

import org.springframework.context.ApplicationEvent;

/**
 * Published once every service listens on all its endpoints.
 *
 * @since 0.1.0
 */
public class IpcServerStartedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient List<ExportedService> services;

	/**
	 * Creates an event.
	 * @param source the lifecycle that started
	 * @param services the services now running
	 */
	public IpcServerStartedEvent(IpcServerLifecycle source, List<ExportedService> services) {
		super(source);
		this.services = List.copyOf(services);
	}

	/**
	 * Returns the services now running.
	 * @return the services
	 */
	public List<ExportedService> getServices() {
		return this.services;
	}

}
