package io.cdmf.ipc.transport.net;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.TlsMaterial;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings of a network endpoint, read from its options and loaded once: key material from
 * {@value #OPTION_CERT_CHAIN} and {@value #OPTION_PRIVATE_KEY}, trusted certificates from
 * {@value #OPTION_TRUST_CERTS} (the JVM's default trust store when absent), and {@value #OPTION_CLIENT_AUTH}; or key
 * and trust managers given in code ({@link TransportConfig#tls()}), which also turn TLS on.
 * <p>
 * Certificates ({@value #OPTION_CERT_CHAIN}, {@value #OPTION_TRUST_CERTS}) are a file path or the PEM text itself
 * (see {@link PemReader}): they are public. The private key must be a file path: PEM text there is refused, since
 * endpoint URIs and options reach logs, error messages and registries. A server needs a certificate chain and key; a
 * client needs them only for mutual TLS, when the server sets {@code client-auth=require}.
 *
 * @since 0.1.0
 */
public final class TlsOptions {

	/** Option: {@code true} turns TLS on for {@code tcp://} ({@code grpcs://} always uses TLS). */
	public static final String OPTION_TLS = "tls";

	/** Option: this side's certificate chain, leaf first (PEM file or text). */
	public static final String OPTION_CERT_CHAIN = "cert-chain";

	/** Option: the path of the chain's leaf's private key (an unencrypted PKCS#8 PEM file; PEM text is refused). */
	public static final String OPTION_PRIVATE_KEY = "private-key";

	/** Option: certificates this side trusts to sign the peer's (PEM file or text); default: the JVM's. */
	public static final String OPTION_TRUST_CERTS = "trust-certs";

	/** Option, server side: {@code none} (default), {@code optional} or {@code require} a client certificate. */
	public static final String OPTION_CLIENT_AUTH = "client-auth";

	/** Option, client side: the host name the server's certificate must name; default: the endpoint's host. */
	public static final String OPTION_SERVER_NAME = "server-name";

	/** Protocols offered: TLS 1.3 and 1.2. */
	public static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	private final KeyManager @Nullable [] keyManagers;

	private final TrustManager @Nullable [] trustManagers;

	private final ClientAuth clientAuth;

	private final @Nullable String serverName;

	private TlsOptions(KeyManager @Nullable [] keyManagers, TrustManager @Nullable [] trustManagers,
			ClientAuth clientAuth, @Nullable String serverName) {
		this.keyManagers = keyManagers;
		this.trustManagers = trustManagers;
		this.clientAuth = clientAuth;
		this.serverName = serverName;
	}

	/**
	 * Whether and how a server asks for client certificates.
	 */
	public enum ClientAuth {

		/** No client certificate is asked for. */
		NONE,
		/** A client certificate is asked for; a client without one is still admitted. */
		OPTIONAL,
		/** Only clients presenting a certificate signed by a trusted authority are admitted (mutual TLS). */
		REQUIRE

	}

	/**
	 * Reads and loads the TLS settings of an endpoint.
	 * @param config the transport configuration
	 * @param tlsByScheme whether the scheme itself means TLS ({@code grpcs://}); otherwise option {@value #OPTION_TLS}
	 * decides
	 * @return the settings, or {@code null} when TLS is off
	 * @throws IpcException with {@code INVALID_ARGUMENT} if a file cannot be read or the options do not fit together
	 */
	public static @Nullable TlsOptions of(TransportConfig config, boolean tlsByScheme) {
		TlsMaterial material = config.tls();
		if (!tlsByScheme && !config.booleanOption(OPTION_TLS, material != null)) {
			return null;
		}
		String chain = config.option(OPTION_CERT_CHAIN);
		String key = config.option(OPTION_PRIVATE_KEY);
		if (key != null && looksLikePem(key)) {
			throw inlinePrivateKey(config);
		}
		KeyManager[] keyManagers = (material != null) ? material.keyManagers() : null;
		if (keyManagers != null && (chain != null || key != null)) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "TLS of " + where(config) + ": key material is given "
					+ "in code (" + material + ") and as options " + OPTION_CERT_CHAIN + "/" + OPTION_PRIVATE_KEY
					+ "; give it one way");
		}
		if ((chain == null) != (key == null)) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "TLS options of " + where(config) + ": "
					+ OPTION_CERT_CHAIN + " and " + OPTION_PRIVATE_KEY + " go together; only one is set");
		}
		if (chain != null && key != null) {
			keyManagers = keyManagers(chain, key);
		}
		String trust = config.option(OPTION_TRUST_CERTS);
		TrustManager[] trustManagers = (material != null) ? material.trustManagers() : null;
		if (trustManagers != null && trust != null) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "TLS of " + where(config) + ": trust is given in code ("
					+ material + ") and as option " + OPTION_TRUST_CERTS + "; give it one way");
		}
		if (trust != null) {
			trustManagers = trustManagers(trust);
		}
		String auth = config.option(OPTION_CLIENT_AUTH);
		ClientAuth clientAuth;
		try {
			clientAuth = (auth != null) ? ClientAuth.valueOf(auth.trim().toUpperCase(Locale.ROOT)) : ClientAuth.NONE;
		}
		catch (IllegalArgumentException ex) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "Option " + OPTION_CLIENT_AUTH + " of "
					+ config.endpoint() + " must be none, optional or require: '" + auth + "'", ex);
		}
		return new TlsOptions(keyManagers, trustManagers, clientAuth, config.option(OPTION_SERVER_NAME));
	}

	/**
	 * Returns the endpoint a TLS server reports as bound, saying {@code tls=true} when TLS was turned on by material
	 * given in code rather than by the option, so that a client given this endpoint (or finding it through
	 * discovery) knows to use TLS.
	 * @param bound the bound endpoint's URI text
	 * @param config the server's configuration
	 * @return the URI text, with {@code tls=true} added where needed
	 */
	public static String advertise(String bound, TransportConfig config) {
		if (config.type() == TransportType.GRPC_TLS || config.option(OPTION_TLS) != null) {
			return bound;
		}
		return bound + ((bound.indexOf('?') >= 0) ? "&" : "?") + OPTION_TLS + "=true";
	}

	private static boolean looksLikePem(String value) {
		return value.contains("-----BEGIN") || value.contains("PRIVATE KEY");
	}

	/**
	 * The error for a private key given as PEM text. It names the endpoint by scheme, host and port only: the full
	 * URI holds the key.
	 */
	private static IpcException inlinePrivateKey(TransportConfig config) {
		return new IpcException(ErrorCode.INVALID_ARGUMENT, "Option " + OPTION_PRIVATE_KEY + " of " + where(config)
				+ " holds PEM text; a private key is not accepted inside an endpoint URI or option, where it would "
				+ "reach logs, error messages and configuration dumps. Give the path of a PEM file readable only by "
				+ "this user (" + OPTION_PRIVATE_KEY + "=/etc/cdmf/key.pem), or pass the key programmatically with "
				+ "TransportConfig.Builder.tls(TlsMaterial) (in Spring Boot: an SSL bundle, ssl.bundle=<name>)");
	}

	private static String where(TransportConfig config) {
		return config.type().scheme() + "://" + config.endpoint().host() + ":" + config.endpoint().port();
	}

	private static KeyManager[] keyManagers(String chainSource, String keySource) {
		List<X509Certificate> chain = PemReader.certificates(chainSource, OPTION_CERT_CHAIN);
		PrivateKey key = PemReader.privateKey(keySource, OPTION_PRIVATE_KEY);
		try {
			char[] password = new char[0];
			KeyStore store = emptyStore();
			store.setKeyEntry("key", key, password, chain.toArray(new X509Certificate[0]));
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, password);
			return factory.getKeyManagers();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "The private key in " + OPTION_PRIVATE_KEY
					+ " does not fit the certificate in " + OPTION_CERT_CHAIN + ": " + ex.getMessage(), ex);
		}
	}

	private static TrustManager[] trustManagers(String source) {
		List<X509Certificate> certificates = PemReader.certificates(source, OPTION_TRUST_CERTS);
		try {
			KeyStore store = emptyStore();
			for (int i = 0; i < certificates.size(); i++) {
				store.setCertificateEntry("trusted-" + i, certificates.get(i));
			}
			TrustManagerFactory factory = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return factory.getTrustManagers();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"Cannot trust the certificates in " + OPTION_TRUST_CERTS + ": " + ex.getMessage(), ex);
		}
	}

	private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		return store;
	}

	/**
	 * Returns the key managers holding this side's certificate and key.
	 * @return the key managers, or {@code null} if no certificate was configured
	 */
	public KeyManager @Nullable [] keyManagers() {
		return this.keyManagers;
	}

	/**
	 * Returns the key managers a server needs.
	 * @param endpoint the endpoint, for the error message
	 * @return the key managers
	 * @throws IpcException with {@code INVALID_ARGUMENT} if no certificate and key were configured
	 */
	public KeyManager[] requireKeyManagers(Object endpoint) {
		KeyManager[] result = this.keyManagers;
		if (result == null) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "A TLS server on " + endpoint + " needs options "
					+ OPTION_CERT_CHAIN + " and " + OPTION_PRIVATE_KEY + " (PEM files)");
		}
		return result;
	}

	/**
	 * Returns the trust managers for the peer's certificate.
	 * @return the trust managers, or {@code null} for the JVM's default trust store
	 */
	public TrustManager @Nullable [] trustManagers() {
		return this.trustManagers;
	}

	/**
	 * Returns whether a server asks for client certificates.
	 * @return the client authentication mode
	 */
	public ClientAuth clientAuth() {
		return this.clientAuth;
	}

	/**
	 * Returns the host name a client expects in the server's certificate.
	 * @return the name, or {@code null} to use the endpoint's host
	 */
	public @Nullable String serverName() {
		return this.serverName;
	}

	/**
	 * Builds a JDK {@link SSLContext} from these settings.
	 * @return the context
	 * @throws IpcException with {@code INTERNAL} if the JVM offers no TLS
	 */
	public SSLContext sslContext() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(this.keyManagers, this.trustManagers, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IpcException(ErrorCode.INTERNAL, "Cannot set up TLS: " + ex.getMessage(), ex);
		}
	}

}
