package io.cdmf.ipc.transport.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportType;

/**
 * Host-and-port helpers for the network transports: resolving an endpoint's socket address and writing the endpoint
 * that a server actually bound (port 0 replaced by the port the kernel chose).
 *
 * @since 0.1.0
 */
public final class NetEndpoints {

	private NetEndpoints() {
	}

	/**
	 * Resolves the socket address of a {@code host:port} endpoint.
	 * @param endpoint the endpoint
	 * @return the resolved address
	 * @throws IpcException with {@code INVALID_ARGUMENT} if the endpoint has no host and port, {@code UNAVAILABLE}
	 * if the host name cannot be resolved
	 */
	public static InetSocketAddress socketAddress(EndpointUri endpoint) {
		if (endpoint.type().addressing() != TransportType.Addressing.HOST_PORT) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, endpoint + " is not a host:port endpoint");
		}
		try {
			return new InetSocketAddress(InetAddress.getByName(endpoint.requireHost()), endpoint.port());
		}
		catch (UnknownHostException ex) {
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot resolve host '" + endpoint.host() + "' of " + endpoint + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns an endpoint's URI text with another port, keeping its scheme, host and options.
	 * @param endpoint the configured endpoint
	 * @param port the port to write, for example the one a server bound
	 * @return the URI text, such as {@code tcp://127.0.0.1:41234}
	 */
	public static String withPort(EndpointUri endpoint, int port) {
		String host = endpoint.requireHost();
		String uri = endpoint.uri();
		int query = uri.indexOf('?');
		return endpoint.type().scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
				+ ((query >= 0) ? uri.substring(query) : "");
	}

	/**
	 * Returns whether an address is IPv6, to pick the socket's protocol family.
	 * @param address the resolved address
	 * @return whether it is an IPv6 address
	 */
	public static boolean isIpv6(InetSocketAddress address) {
		return address.getAddress() instanceof Inet6Address;
	}

}
