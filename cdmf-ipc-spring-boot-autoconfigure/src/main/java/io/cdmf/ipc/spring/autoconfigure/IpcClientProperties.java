package io.cdmf.ipc.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the clients an application creates ({@code cdmf.ipc.client.*}): the {@link IpcClientSettings}
 * as defaults for every client, and settings per called service under {@code services.<name>} that override both
 * the defaults and the {@code @IpcClient} annotation.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("cdmf.ipc.client")
public class IpcClientProperties extends IpcClientSettings {

	/**
	 * Settings per called service, keyed by service name (@IpcClient(service), else the contract's simple name);
	 * they override the @IpcClient annotation and the cdmf.ipc.client defaults. Keys of each: endpoint and
	 * endpoints (URIs of the service; without them the service is found through discovery), and every default of
	 * cdmf.ipc.client under the same name: timeout, serialization, load-balancer, max-connections-per-endpoint,
	 * idempotent-methods, retry.*, circuit-breaker.*, health.* and ssl.bundle.
	 */
	private final Map<String, Service> services = new LinkedHashMap<>();

	/**
	 * Returns the per-service settings.
	 * @return the settings by service name
	 */
	public Map<String, Service> getServices() {
		return this.services;
	}

	/**
	 * Settings of the clients of one service: where the service is, and the {@link IpcClientSettings} that
	 * override the annotation and the defaults.
	 */
	public static class Service extends IpcClientSettings {

		/**
		 * Endpoint URI of the service, such as unix:///tmp/calc.sock; it comes first, before the endpoints.
		 */
		private @Nullable String endpoint;

		/**
		 * Endpoint URIs of the service (a list, or comma-separated); with the endpoint, they replace the
		 * annotation's endpoints.
		 */
		private @Nullable List<String> endpoints;

		/**
		 * Returns the endpoint.
		 * @return the endpoint, or {@code null} if unset
		 */
		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		/**
		 * Sets the endpoint.
		 * @param endpoint the endpoint
		 */
		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

		/**
		 * Returns the endpoints.
		 * @return the endpoints, or {@code null} if unset
		 */
		public @Nullable List<String> getEndpoints() {
			return this.endpoints;
		}

		/**
		 * Sets the endpoints.
		 * @param endpoints the endpoints
		 */
		public void setEndpoints(@Nullable List<String> endpoints) {
			this.endpoints = endpoints;
		}

	}

}
