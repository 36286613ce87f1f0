package io.cdmf.ipc.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.cdmf.ipc.InvalidEndpointException;
import org.jspecify.annotations.Nullable;

/**
 * A parsed endpoint: {@code unix:///tmp/calc.sock}, {@code unix+dgram:///tmp/calc.sock}, {@code shm://sensor},
 * {@code shm+journal://sensor}, {@code grpc://host:port}, {@code grpcs://host:port}, {@code tcp://host:port},
 * {@code udp://host:port} or {@code inproc://name}, optionally followed by {@code ?key=value&...} options.
 *
 * @param uri the URI as given
 * @param type the transport its scheme selects
 * @param path the socket path, for {@link TransportType.Addressing#PATH} schemes
 * @param name the name, for {@link TransportType.Addressing#NAME} schemes
 * @param host the host, for {@link TransportType.Addressing#HOST_PORT} schemes
 * @param port the port (0 = any free port), for {@link TransportType.Addressing#HOST_PORT} schemes; -1 otherwise
 * @param options the query options, in order
 * @since 0.1.0
 */
public record EndpointUri(String uri, TransportType type, @Nullable Path path, @Nullable String name,
		@Nullable String host, int port, Map<String, String> options) {

	/** Longest Unix socket path on Linux, in bytes, including the terminating NUL ({@code sun_path}). */
	public static final int MAX_UNIX_PATH_BYTES = 108;

	/**
	 * Creates an endpoint; use {@link #parse(String)}.
	 * @param uri the URI as given
	 * @param type the transport
	 * @param path the path, or {@code null}
	 * @param name the name, or {@code null}
	 * @param host the host, or {@code null}
	 * @param port the port or -1
	 * @param options the options
	 */
	public EndpointUri {
		// Map.copyOf would lose the query order that the options are documented to keep.
		options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
	}

	/**
	 * Parses an endpoint URI.
	 * @param endpoint the URI text
	 * @return the endpoint
	 * @throws InvalidEndpointException if the text is malformed, its scheme is unknown, or a Unix socket path is too
	 * long
	 */
	public static EndpointUri parse(String endpoint) {
		if (endpoint == null || endpoint.isBlank()) {
			throw new InvalidEndpointException(String.valueOf(endpoint), "an endpoint must not be empty; "
					+ "use for example unix:///tmp/service.sock, shm://service or grpc://host:9090");
		}
		int schemeEnd = endpoint.indexOf("://");
		if (schemeEnd <= 0) {
			throw new InvalidEndpointException(endpoint,
					"expected scheme://address, for example unix:///tmp/service.sock; supported schemes: "
							+ supportedSchemes());
		}
		String scheme = endpoint.substring(0, schemeEnd);
		TransportType type = TransportType.ofScheme(scheme);
		if (type == null) {
			throw new InvalidEndpointException(endpoint,
					"unknown scheme '" + scheme + "'; supported schemes: " + supportedSchemes());
		}
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new InvalidEndpointException(endpoint, "not a valid URI: " + ex.getMessage());
		}
		Map<String, String> options = parseOptions(endpoint, uri.getRawQuery());
		return switch (type.addressing()) {
			case PATH -> pathEndpoint(endpoint, type, uri, options);
			case NAME -> nameEndpoint(endpoint, type, uri, options);
			case HOST_PORT -> hostPortEndpoint(endpoint, type, uri, options);
		};
	}

	private static EndpointUri pathEndpoint(String endpoint, TransportType type, URI uri,
			Map<String, String> options) {
		if (uri.getRawAuthority() != null) {
			throw new InvalidEndpointException(endpoint, "a " + type.scheme()
					+ " endpoint names an absolute path after three slashes, as in " + type.scheme()
					+ ":///tmp/service.sock");
		}
		String path = uri.getPath();
		if (path == null || path.isEmpty() || !path.startsWith("/") || path.endsWith("/")) {
			throw new InvalidEndpointException(endpoint,
					"expected an absolute socket file path, as in " + type.scheme() + ":///tmp/service.sock");
		}
		int bytes = path.getBytes(StandardCharsets.UTF_8).length;
		if (bytes >= MAX_UNIX_PATH_BYTES) {
			throw new InvalidEndpointException(endpoint, "the socket path is " + bytes
					+ " bytes; Linux allows at most " + (MAX_UNIX_PATH_BYTES - 1) + ". Use a shorter path, e.g. under /tmp");
		}
		return new EndpointUri(endpoint, type, Path.of(path), null, null, -1, options);
	}

	private static EndpointUri nameEndpoint(String endpoint, TransportType type, URI uri,
			Map<String, String> options) {
		String name = uri.getRawAuthority();
		String path = uri.getRawPath();
		if (name == null || name.isEmpty() || (path != null && !path.isEmpty())
				|| !name.matches("[A-Za-z0-9._-]+")) {
			throw new InvalidEndpointException(endpoint, "expected " + type.scheme()
					+ "://name where the name has only letters, digits, '.', '_' and '-'");
		}
		return new EndpointUri(endpoint, type, null, name, null, -1, options);
	}

	private static EndpointUri hostPortEndpoint(String endpoint, TransportType type, URI uri,
			Map<String, String> options) {
		String host = uri.getHost();
		int port = uri.getPort();
		String path = uri.getRawPath();
		if (host == null || port < 0 || port > 65535 || (path != null && !path.isEmpty())) {
			throw new InvalidEndpointException(endpoint,
					"expected " + type.scheme() + "://host:port with a port from 0 to 65535 (0 = any free port)");
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		return new EndpointUri(endpoint, type, null, null, host, port, options);
	}

	private static Map<String, String> parseOptions(String endpoint, @Nullable String query) {
		Map<String, String> options = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return options;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				throw new InvalidEndpointException(endpoint, "option '" + pair + "' is not key=value");
			}
			options.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
		}
		return options;
	}

	private static String decode(String value) {
		return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static String supportedSchemes() {
		return Arrays.stream(TransportType.values()).map(TransportType::scheme).collect(Collectors.joining(", "));
	}

	/**
	 * Returns the socket path; fails if this endpoint has none.
	 * @return the path
	 */
	public Path requirePath() {
		if (this.path == null) {
			throw new IllegalStateException(this.uri + " has no path");
		}
		return this.path;
	}

	/**
	 * Returns the name; fails if this endpoint has none.
	 * @return the name
	 */
	public String requireName() {
		if (this.name == null) {
			throw new IllegalStateException(this.uri + " has no name");
		}
		return this.name;
	}

	/**
	 * Returns the host; fails if this endpoint has none.
	 * @return the host
	 */
	public String requireHost() {
		if (this.host == null) {
			throw new IllegalStateException(this.uri + " has no host");
		}
		return this.host;
	}

	/**
	 * Returns an option given in the URI's query.
	 * @param key the option name
	 * @return the value, or {@code null} if absent
	 */
	public @Nullable String option(String key) {
		return this.options.get(key);
	}

	@Override
	public String toString() {
		return this.uri;
	}

}
