package io.cdmf.ipc.channel;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;

import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportType;

/**
 * How near an endpoint is to its caller. A channel prefers the nearest tier that has enough healthy endpoints and
 * spills calls over to the next one as endpoints of a tier fail (see {@link HealthConfig#getLocalityOverprovisioning()}).
 *
 * @since 0.1.0
 */
public enum Locality {

	/** In the caller's JVM ({@code inproc://}). */
	SAME_PROCESS,

	/** On the caller's host: Unix sockets, shared memory, or a network address of this host. */
	SAME_HOST,

	/** On another host. */
	OTHER_HOST;

	/**
	 * Returns the locality an endpoint has by its address: {@code inproc://} is {@link #SAME_PROCESS}; Unix sockets
	 * and shared memory are {@link #SAME_HOST}; a network endpoint is {@link #SAME_HOST} when its host is a loopback
	 * address or an address of one of this host's interfaces (resolved once, without waiting on DNS for literals),
	 * else {@link #OTHER_HOST}.
	 * @param endpoint the endpoint
	 * @return its locality
	 */
	public static Locality of(EndpointUri endpoint) {
		TransportType type = endpoint.type();
		if (type == TransportType.IN_PROCESS) {
			return SAME_PROCESS;
		}
		if (type.isLocal()) {
			return SAME_HOST;
		}
		String host = endpoint.host();
		return (host != null && isThisHost(host)) ? SAME_HOST : OTHER_HOST;
	}

	/**
	 * Parses a locality from its name, in any case, with {@code -} or {@code _} between words.
	 * @param text such as {@code same-host}
	 * @return the locality
	 * @throws IllegalArgumentException if no locality has that name
	 */
	public static Locality parse(String text) {
		String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		for (Locality locality : values()) {
			if (locality.name().equals(name)) {
				return locality;
			}
		}
		throw new IllegalArgumentException("locality must be same-process, same-host or other-host: '" + text + "'");
	}

	private static boolean isThisHost(String host) {
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		try {
			InetAddress address = InetAddress.getByName(host);
			return address.isLoopbackAddress() || address.isAnyLocalAddress()
					|| NetworkInterface.getByInetAddress(address) != null;
		}
		catch (UnknownHostException | SocketException ex) {
			// Not resolvable here: not an address of this host.
			return false;
		}
	}

}
