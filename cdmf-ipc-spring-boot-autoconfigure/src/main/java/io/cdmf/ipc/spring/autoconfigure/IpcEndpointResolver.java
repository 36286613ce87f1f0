package io.cdmf.ipc.spring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Decides the endpoints a service listens on and a client connects to, from what annotation and properties say.
 * The default keeps them as configured; the test slice maps them to {@code inproc://}. Discovery plugs in here.
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
	 * Returns the endpoint a client of a service connects to.
	 * @param service the service's name
	 * @param configured the endpoint from properties or annotation, or {@code null}
	 * @return the endpoint, or {@code null} if there is none
	 */
	@Nullable String clientEndpoint(String service, @Nullable String configured);

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
			public @Nullable String clientEndpoint(String service, @Nullable String configured) {
				return configured;
			}

		};
	}

}
