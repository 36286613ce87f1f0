package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ProxyConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the clients an application creates ({@code cdmf.ipc.client.*}): defaults for every client, and
 * settings per called service under {@code services.<name>} that override both the defaults and the
 * {@code @IpcClient} annotation.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("cdmf.ipc.client")
public class IpcClientProperties {

	/**
	 * Default time one attempt of a call waits for its response.
	 */
	private Duration timeout = ProxyConfig.DEFAULT_TIMEOUT;

	/**
	 * Default format of requests.
	 */
	private SerializationFormat serialization = SerializationFormat.JSON;

	/**
	 * Default retry policy. Retried requests keep their message id, so a handler never runs twice.
	 */
	private final Retry retry = new Retry();

	/**
	 * Settings per called service, keyed by service name; they override the defaults and the annotation.
	 */
	private final Map<String, Service> services = new LinkedHashMap<>();

	/**
	 * Returns the default timeout.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Sets the default timeout.
	 * @param timeout the timeout
	 */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Returns the default format.
	 * @return the format
	 */
	public SerializationFormat getSerialization() {
		return this.serialization;
	}

	/**
	 * Sets the default format.
	 * @param serialization the format
	 */
	public void setSerialization(SerializationFormat serialization) {
		this.serialization = serialization;
	}

	/**
	 * Returns the default retry policy.
	 * @return the retry settings
	 */
	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Returns the per-service settings.
	 * @return the settings by service name
	 */
	public Map<String, Service> getServices() {
		return this.services;
	}

	/**
	 * Settings of the clients of one service; each one unset falls back to the annotation, then the defaults.
	 */
	public static class Service {

		/**
		 * Endpoint URI of the service, such as unix:///tmp/calc.sock.
		 */
		private @Nullable String endpoint;

		/**
		 * Time one attempt of a call waits for its response.
		 */
		private @Nullable Duration timeout;

		/**
		 * Format of requests.
		 */
		private @Nullable SerializationFormat serialization;

		/**
		 * Retry policy; each setting unset falls back to cdmf.ipc.client.retry.
		 */
		private final Retry retry = new Retry();

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
		 * Returns the timeout.
		 * @return the timeout, or {@code null} if unset
		 */
		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Sets the timeout.
		 * @param timeout the timeout
		 */
		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * Returns the format.
		 * @return the format, or {@code null} if unset
		 */
		public @Nullable SerializationFormat getSerialization() {
			return this.serialization;
		}

		/**
		 * Sets the format.
		 * @param serialization the format
		 */
		public void setSerialization(@Nullable SerializationFormat serialization) {
			this.serialization = serialization;
		}

		/**
		 * Returns the retry settings.
		 * @return the retry settings
		 */
		public Retry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retry settings. Unset values fall back: per service to {@code cdmf.ipc.client.retry}, and there to the
	 * runtime's defaults (on, 3 attempts, 50 ms initial backoff doubling up to 2 s, jitter 0.5).
	 */
	public static class Retry {

		/**
		 * Whether failed calls are retried (only UNAVAILABLE, TIMEOUT and RESOURCE_EXHAUSTED).
		 */
		private @Nullable Boolean enabled;

		/**
		 * Attempts per call, the first included.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Wait before the second attempt.
		 */
		private @Nullable Duration initialBackoff;

		/**
		 * Factor by which the wait grows per attempt.
		 */
		private @Nullable Double multiplier;

		/**
		 * Longest wait between attempts.
		 */
		private @Nullable Duration maxBackoff;

		/**
		 * Random spread of each wait, at least 0 (none) and below 1.
		 */
		private @Nullable Double jitter;

		/**
		 * Returns whether calls are retried.
		 * @return whether enabled, or {@code null} if unset
		 */
		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		/**
		 * Sets whether calls are retried.
		 * @param enabled whether enabled
		 */
		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Returns the attempts per call.
		 * @return the attempts, or {@code null} if unset
		 */
		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		/**
		 * Sets the attempts per call.
		 * @param maxAttempts the attempts
		 */
		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		/**
		 * Returns the initial backoff.
		 * @return the backoff, or {@code null} if unset
		 */
		public @Nullable Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		/**
		 * Sets the initial backoff.
		 * @param initialBackoff the backoff
		 */
		public void setInitialBackoff(@Nullable Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		/**
		 * Returns the backoff multiplier.
		 * @return the multiplier, or {@code null} if unset
		 */
		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		/**
		 * Sets the backoff multiplier.
		 * @param multiplier the multiplier
		 */
		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		/**
		 * Returns the longest backoff.
		 * @return the backoff, or {@code null} if unset
		 */
		public @Nullable Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		/**
		 * Sets the longest backoff.
		 * @param maxBackoff the backoff
		 */
		public void setMaxBackoff(@Nullable Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		/**
		 * Returns the jitter.
		 * @return the jitter, or {@code null} if unset
		 */
		public @Nullable Double getJitter() {
			return this.jitter;
		}

		/**
		 * Sets the jitter.
		 * @param jitter the jitter
		 */
		public void setJitter(@Nullable Double jitter) {
			this.jitter = jitter;
		}

	}

}
