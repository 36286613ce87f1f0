package io.cdmf.ipc.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;

import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address a registered network endpoint is advertised with when its server listens on a wildcard address
 * ({@code 0.0.0.0} or {@code ::}), which no other host can connect to. It is, in order: the system property
 * {@value #PROPERTY}, the environment variable {@value #ENVIRONMENT}, or the first IPv4 address of an interface that
 * is up and not a loopback (in a container, the container's address). An advertised endpoint never carries the
 * server's TLS options ({@link #SERVER_OPTIONS}).
 *
 * @since 0.1.0
 */
public final class AdvertisedAddress {

	/** System property that sets the advertised host. */
	public static final String PROPERTY = "cdmf.ipc.discovery.advertised-host";

	/** Environment variable that sets the advertised host. */
	public static final String ENVIRONMENT = "CDMF_IPC_ADVERTISED_HOST";

	/** Options a registered endpoint never carries: the server's TLS material and client-certificate policy. */
	public static final Set<String> SERVER_OPTIONS = Set.of("cert-chain", "private-key", "trust-certs", "client-auth");

	private static final Logger logger = LoggerFactory.getLogger(AdvertisedAddress.class);

	private static volatile @Nullable String detected;

	private AdvertisedAddress() {
	}

	/**
	 * Returns the host that wildcard endpoints are advertised with.
	 * @return a host name or address
	 */
	public static String host() {
		String configured = System.getProperty(PROPERTY);
		if (configured == null || configured.isBlank()) {
			configured = System.getenv(ENVIRONMENT);
		}
		if (configured != null && !configured.isBlank()) {
			return configured.trim();
		}
		String host = detected;
		if (host == null) {
			host = detect();
			detected = host;
		}
		return host;
	}

	/**
	 * Returns an endpoint URI as it should be advertised: a wildcard host replaced by {@link #host()}, anything else
	 * as given.
	 * @param endpoint the bound endpoint
	 * @return the URI to register
	 */
	public static String advertise(EndpointUri endpoint) {
		return isWildcard(endpoint) ? advertise(endpoint, host()) : withoutServerOptions(endpoint, endpoint.uri());
	}

	/**
	 * Returns an endpoint URI as it should be advertised with a given host, for callers that configure the host
	 * themselves (such as the Spring Boot property {@code cdmf.ipc.discovery.advertised-host}, which can differ per
	 * application context): a wildcard host replaced by {@code host}, anything else as given.
	 * @param endpoint the bound endpoint
	 * @param host the host name or address to advertise
	 * @return the URI to register
	 * @throws IllegalArgumentException if {@code host} is blank
	 */
	public static String advertise(EndpointUri endpoint, String host) {
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("host must not be blank: '" + host + "'");
		}
		if (!isWildcard(endpoint)) {
			return withoutServerOptions(endpoint, endpoint.uri());
		}
		String advertised = host.trim();
		if (advertised.indexOf(':') >= 0 && !advertised.startsWith("[")) {
			advertised = "[" + advertised + "]";
		}
		int query = endpoint.uri().indexOf('?');
		return withoutServerOptions(endpoint, endpoint.type().scheme() + "://" + advertised + ":" + endpoint.port()
				+ ((query >= 0) ? endpoint.uri().substring(query) : ""));
	}

	/**
	 * Drops the options only a server may know, which a registry must never publish: its TLS key and certificate
	 * chain (paths, or PEM text for certificates), which clients it asks for certificates, and whom it trusts. A
	 * client brings its own trust ({@code trust-certs}) through its configuration.
	 */
	private static String withoutServerOptions(EndpointUri endpoint, String uri) {
		if (endpoint.options().keySet().stream().noneMatch(SERVER_OPTIONS::contains)) {
			return uri;
		}
		int query = uri.indexOf('?');
		String base = (query >= 0) ? uri.substring(0, query) : uri;
		StringBuilder kept = new StringBuilder();
		endpoint.options().forEach((key, value) -> {
			if (!SERVER_OPTIONS.contains(key)) {
				kept.append(kept.isEmpty() ? '?' : '&').append(encode(key)).append('=').append(encode(value));
			}
		});
		return base + kept;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static boolean isWildcard(EndpointUri endpoint) {
		String host = endpoint.host();
		return endpoint.type().addressing() == TransportType.Addressing.HOST_PORT && host != null && isWildcard(host);
	}

	private static boolean isWildcard(String host) {
		return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
	}

	private static String detect() {
		try {
			for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (!face.isUp() || face.isLoopback()) {
					continue;
				}
				for (InetAddress address : Collections.list(face.getInetAddresses())) {
					if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
						return address.getHostAddress();
					}
				}
			}
		}
		catch (SocketException ex) {
			logger.warn("Cannot list network interfaces ({}); wildcard endpoints are advertised as 127.0.0.1, which "
					+ "other hosts cannot reach: set -D{} to this host's address", ex.toString(), PROPERTY);
			return "127.0.0.1";
		}
		logger.info("No network interface besides loopback; wildcard endpoints are advertised as 127.0.0.1 "
				+ "(set -D{} to change it)", PROPERTY);
		return "127.0.0.1";
	}

}
