package io.cdmf.ipc.spring.autoconfigure;

import java.util.List;

/**
 * Decides the endpoints a service listens on and a client connects to, from what annotation and properties say.
 * The default keeps them as configured; the test slice maps them to {@code inproc://}. A client left with no
 * endpoint is found through service discovery.
 *
 * @since 0.1.0
 */
public interface IpcEndpointResolver {

	/**
	 * Returns the endpoints a service listens on.
	 * @param service the service's name
	 * @param configured the endpoints from properties or annotation, possibly empty
	 * @return the endpoints
	 */
	List<String> serviceEndpoints(String service, List<String> configured);

	/**
	 * Returns the endpoints a client of a service calls.
	 * @param service the service's name
	 * @param configured the endpoints from properties or annotation, in order, possibly empty
	 * @return the endpoints, empty if there are none (the client then finds its service through discovery)
	 */
	List<String> clientEndpoints(String service, List<String> configured);

	/**
	 * Returns the resolver that keeps what is configured.
	 * @return the resolver
	 */
	static IpcEndpointResolver configured() {
		return new IpcEndpointResolver() {

			@Override
			public List<String> serviceEndpoints(String service, List<String> configured) {
				return configured;
			}

			@Override
			public List<String> clientEndpoints(String service, List<String> configured) {
				return configured;
			}

		};
	}

}
