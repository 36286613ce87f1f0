package io.cdmf.ipc.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * TLS of the network endpoints ({@code tcp://}, {@code grpc://}, {@code grpcs://}) from a Spring Boot SSL bundle
 * ({@code spring.ssl.bundle.*}): its key store gives this side's certificate and key, its trust store the
 * certificates trusted to sign the peer's. Endpoints of other transports ignore it.
 *
 * @since 0.1.0
 */
public class IpcSslSettings {

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.pem.<name> or spring.ssl.bundle.jks.<name>) whose key and trust
	 * material the tcp:// and grpc(s):// endpoints use; tcp:// and grpc:// endpoints then use TLS too.
	 */
	private @Nullable String bundle;

	/**
	 * Returns the bundle's name.
	 * @return the name, or {@code null} if unset
	 */
	public @Nullable String getBundle() {
		return this.bundle;
	}

	/**
	 * Sets the bundle's name.
	 * @param bundle the name
	 */
	public void setBundle(@Nullable String bundle) {
		this.bundle = bundle;
	}

}
