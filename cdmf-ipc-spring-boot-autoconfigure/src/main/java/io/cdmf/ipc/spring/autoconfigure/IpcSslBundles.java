package io.cdmf.ipc.spring.autoconfigure;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TlsMaterial;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Turns the SSL bundle a {@code ...ssl.bundle} property names into {@link TlsMaterial} for the network endpoints,
 * failing at start with the property's name when the bundle does not exist.
 */
final class IpcSslBundles {

	private final @Nullable SslBundles bundles;

	IpcSslBundles(@Nullable SslBundles bundles) {
		this.bundles = bundles;
	}

	/**
	 * Returns the material of a bundle.
	 * @param property the property that names it, for the error
	 * @param name the bundle's name, or {@code null} / blank for none
	 * @return the material, or {@code null} when no bundle is named
	 * @throws IpcConfigurationException if the bundle does not exist or holds neither keys nor trust
	 */
	@Nullable TlsMaterial material(String property, @Nullable String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		String bundleName = name.trim();
		SslBundles available = this.bundles;
		if (available == null) {
			throw new IpcConfigurationException(property, bundleName,
					"No SSL bundles are configured, so the bundle '" + bundleName + "' named by " + property
							+ " cannot be found",
					"Define it under spring.ssl.bundle.pem." + bundleName + " (or spring.ssl.bundle.jks."
							+ bundleName + "), or remove " + property + ".",
					null);
		}
		SslBundle bundle;
		try {
			bundle = available.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IpcConfigurationException(property, bundleName,
					"The SSL bundle '" + bundleName + "' named by " + property + " does not exist",
					"Define it under spring.ssl.bundle.pem." + bundleName + " (or spring.ssl.bundle.jks."
							+ bundleName + "), or set " + property + " to one of the bundles that exist.",
					ex);
		}
		// A bundle without a key store gives an empty key manager, which would hide a missing server key until a
		// handshake fails; without one this side presents no certificate, and without a trust store it trusts as
		// the JVM does.
		KeyManager[] keys = (bundle.getStores().getKeyStore() != null)
				? bundle.getManagers().getKeyManagerFactory().getKeyManagers() : null;
		TrustManager[] trust = (bundle.getStores().getTrustStore() != null)
				? bundle.getManagers().getTrustManagerFactory().getTrustManagers() : null;
		if (keys == null && trust == null) {
			throw new IpcConfigurationException(property, bundleName,
					"The SSL bundle '" + bundleName + "' named by " + property
							+ " has neither a key store nor a trust store",
					"Give the bundle a keystore (certificate and private-key), a truststore, or both.", null);
		}
		return TlsMaterial.of(keys, trust, "SSL bundle " + bundleName);
	}

	/**
	 * Returns the material of the clients of a service: of {@code cdmf.ipc.client.services.<name>.ssl.bundle}, else
	 * of {@code cdmf.ipc.client.ssl.bundle}.
	 * @param properties the clients' properties
	 * @param service the service's name
	 * @return the material, or {@code null} when no bundle is named
	 */
	@Nullable TlsMaterial clientMaterial(IpcClientProperties properties, String service) {
		IpcClientProperties.Service own = properties.getServices().get(service);
		ClientSettingLookup lookup = new ClientSettingLookup(service,
				(own != null) ? own : new IpcClientProperties.Service(), properties);
		ClientSettingLookup.Setting<String> bundle = lookup.find("ssl.bundle", settings -> settings.getSsl().getBundle());
		return (bundle != null) ? material(bundle.property(), bundle.value()) : null;
	}

	/**
	 * Gives an endpoint the material if it is a network endpoint.
	 * @param config the endpoint's configuration
	 * @param material the material, or {@code null}
	 * @return the configuration with the material, or the same one
	 */
	static TransportConfig apply(TransportConfig config, @Nullable TlsMaterial material) {
		if (material == null || !isTls(config.type())) {
			return config;
		}
		return TransportConfig.from(config).tls(material).build();
	}

	/**
	 * Gives a discovered endpoint the material if it is a network endpoint.
	 * @param endpoint the endpoint
	 * @param builder its configuration
	 * @param material the material, or {@code null}
	 */
	static void apply(EndpointUri endpoint, TransportConfig.Builder builder, @Nullable TlsMaterial material) {
		if (material != null && isTls(endpoint.type())) {
			builder.tls(material);
		}
	}

	private static boolean isTls(TransportType type) {
		return type == TransportType.TCP || type == TransportType.GRPC || type == TransportType.GRPC_TLS;
	}

}
