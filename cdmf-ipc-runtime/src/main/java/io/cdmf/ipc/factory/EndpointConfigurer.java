package io.cdmf.ipc.factory;

import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportConfig;

/**
 * Configures the connections to one endpoint that discovery found for a service: timeouts, frame limits, and the
 * client's own TLS (its trust, its certificate for mutual TLS), which a registry never publishes. Knowing the service
 * lets each service's clients bring their own material, as a Spring Boot client's
 * {@code cdmf.ipc.client.services.<name>.ssl.bundle} does.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EndpointConfigurer {

	/**
	 * Configures one endpoint.
	 * @param service the service's name
	 * @param endpoint the endpoint as registered (without the server's TLS options)
	 * @param transport the builder of its configuration
	 */
	void configure(String service, EndpointUri endpoint, TransportConfig.Builder transport);

}
