package io.cdmf.ipc.transport;

import java.util.Objects;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * TLS key and trust material given in code rather than as endpoint options: JDK {@link KeyManager}s holding this
 * side's certificate and private key, and {@link TrustManager}s deciding which peers to trust. Set with
 * {@link TransportConfig.Builder#tls(TlsMaterial)}; {@code tcp://} and {@code grpc://} then use TLS (unless the
 * endpoint says {@code tls=false}) and {@code grpcs://} uses it, for servers and clients alike. The endpoint's
 * {@code client-auth} and {@code server-name} options still apply.
 * <p>
 * This is how a private key from a key store, a vault or a Spring Boot SSL bundle reaches a transport without ever
 * being written into an endpoint URI. Either part may be absent: a client without key managers presents no
 * certificate; absent trust managers mean the endpoint's {@code trust-certs}, else the JVM's default trust store.
 *
 * <pre>{@code
 * KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
 * keys.init(keyStore, password);
 * TransportConfig config = TransportConfig.custom("grpcs://0.0.0.0:9443?client-auth=require")
 *         .tls(TlsMaterial.of(keys, trust))
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TlsMaterial {

	private final KeyManager @Nullable [] keyManagers;

	private final TrustManager @Nullable [] trustManagers;

	private final String description;

	private TlsMaterial(KeyManager @Nullable [] keyManagers, TrustManager @Nullable [] trustManagers,
			String description) {
		if (keyManagers == null && trustManagers == null) {
			throw new IllegalArgumentException("TLS material needs key managers, trust managers or both");
		}
		this.keyManagers = (keyManagers != null) ? keyManagers.clone() : null;
		this.trustManagers = (trustManagers != null) ? trustManagers.clone() : null;
		this.description = Objects.requireNonNull(description, "description must not be null");
	}

	/**
	 * Returns material from initialised JDK factories.
	 * @param keys the key managers' factory, or {@code null} for no certificate of this side
	 * @param trust the trust managers' factory, or {@code null} for the endpoint's or the JVM's trust
	 * @return the material
	 * @throws IllegalArgumentException if both are {@code null}
	 * @throws IllegalStateException if a factory was not initialised
	 */
	public static TlsMaterial of(@Nullable KeyManagerFactory keys, @Nullable TrustManagerFactory trust) {
		return new TlsMaterial((keys != null) ? keys.getKeyManagers() : null,
				(trust != null) ? trust.getTrustManagers() : null, "key and trust managers");
	}

	/**
	 * Returns material from key and trust managers.
	 * @param keyManagers this side's key managers, or {@code null}
	 * @param trustManagers the trust managers, or {@code null}
	 * @param description what the material is, for logs (a bundle's name, a key store's path); never the key
	 * @return the material
	 * @throws IllegalArgumentException if both are {@code null}
	 */
	public static TlsMaterial of(KeyManager @Nullable [] keyManagers, TrustManager @Nullable [] trustManagers,
			String description) {
		return new TlsMaterial(keyManagers, trustManagers, description);
	}

	/**
	 * Returns this side's key managers.
	 * @return a copy of the key managers, or {@code null} if this side presents no certificate
	 */
	public KeyManager @Nullable [] keyManagers() {
		KeyManager[] managers = this.keyManagers;
		return (managers != null) ? managers.clone() : null;
	}

	/**
	 * Returns the trust managers.
	 * @return a copy of the trust managers, or {@code null} to trust as the endpoint's options say
	 */
	public TrustManager @Nullable [] trustManagers() {
		TrustManager[] managers = this.trustManagers;
		return (managers != null) ? managers.clone() : null;
	}

	@Override
	public String toString() {
		return "TlsMaterial[" + this.description + ", keys " + ((this.keyManagers != null) ? "set" : "none")
				+ ", trust " + ((this.trustManagers != null) ? "set" : "default") + "]";
	}

}
