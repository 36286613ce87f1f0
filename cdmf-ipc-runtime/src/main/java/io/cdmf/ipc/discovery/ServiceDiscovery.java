package io.cdmf.ipc.discovery;

import java.util.List;

/**
 * A registry of service instances: services {@link #register register} the endpoints they listen on, clients
 * {@link #find find} or {@link #watch watch} the instances of a service by name and version.
 * <p>
 * Implementations: {@link io.cdmf.ipc.discovery.embedded.EmbeddedDiscovery} (the default: no server, processes of
 * one user on one host), {@link io.cdmf.ipc.discovery.simple.StaticDiscovery} (a fixed list from configuration) and
 * {@code ZooKeeperDiscovery} (module {@code cdmf-ipc-discovery-zookeeper}, for services on many hosts).
 * <p>
 * Contract for implementations: lists hold only instances whose version the range accepts; a watcher is told the
 * whole current list, once at once and again after every change, and never an empty list that only stands for "the
 * registry cannot be reached" (the last good list stays in use then). Thread-safe.
 *
 * @since 0.1.0
 */
public interface ServiceDiscovery extends AutoCloseable {

	/**
	 * Returns a short description of this registry for logs and the actuator, such as
	 * {@code embedded:/run/user/1000/cdmf-ipc/registry}.
	 * @return the description
	 */
	String getName();

	/**
	 * Registers an instance; it stays registered until its registration is closed, this registry is closed, or its
	 * process dies.
	 * @param instance the instance
	 * @return the registration, to update or close
	 * @throws io.cdmf.ipc.IpcException with {@code UNAVAILABLE} if the registry cannot be written to
	 * @throws IllegalArgumentException if an instance with the same id is registered by this registry already
	 */
	Registration register(ServiceEndpoint instance);

	/**
	 * Returns the instances of a service now, healthy or not.
	 * @param serviceName the service name
	 * @param version the versions accepted
	 * @return the instances, in a stable order (by instance id)
	 */
	List<ServiceEndpoint> find(String serviceName, VersionRange version);

	/**
	 * Returns the instances of a service now.
	 * @param serviceName the service name
	 * @param version a version requirement (see {@link VersionRange#parse})
	 * @return the instances
	 */
	default List<ServiceEndpoint> find(String serviceName, String version) {
		return find(serviceName, VersionRange.parse(version));
	}

	/**
	 * Watches the instances of a service: the listener is told the current list before this method returns, then
	 * again after each change, on a thread of the registry.
	 * @param serviceName the service name
	 * @param version the versions accepted
	 * @param listener the listener
	 * @return the watch, to close when no longer needed
	 */
	Watch watch(String serviceName, VersionRange version, DiscoveryListener listener);

	/**
	 * Returns whether the registry can be used now, for health checks.
	 * @return the health
	 */
	DiscoveryHealth health();

	/**
	 * Closes the registry: its registrations are removed and its watches end.
	 */
	@Override
	void close();

	/**
	 * A registered instance.
	 */
	interface Registration extends AutoCloseable {

		/**
		 * Returns the instance as registered now.
		 * @return the instance
		 */
		ServiceEndpoint getInstance();

		/**
		 * Replaces the registered instance (the same instance id), for example to mark it unhealthy while it
		 * drains.
		 * @param instance the new entry
		 * @throws IllegalArgumentException if its instance id differs
		 */
		void update(ServiceEndpoint instance);

		/**
		 * Removes the instance from the registry. Idempotent.
		 */
		@Override
		void close();

	}

	/**
	 * A watch on the instances of a service.
	 */
	interface Watch extends AutoCloseable {

		/**
		 * Stops telling the listener. Idempotent.
		 */
		@Override
		void close();

	}

}
