package io.cdmf.ipc.spring;

/**
 * Names of the {@code cdmf.ipc.*} properties that error messages point to.
 *
 * @since 0.1.0
 */
public final class IpcPropertyNames {

	/** Prefix of every property. */
	public static final String PREFIX = "cdmf.ipc";

	/** Prefix of the server's properties. */
	public static final String SERVER_PREFIX = PREFIX + ".server";

	/** Prefix of the clients' properties. */
	public static final String CLIENT_PREFIX = PREFIX + ".client";

	/** Prefix of the discovery properties. */
	public static final String DISCOVERY_PREFIX = PREFIX + ".discovery";

	private IpcPropertyNames() {
	}

	/**
	 * Returns the name of a property of one served service.
	 * @param service the service's name
	 * @param key the key, such as {@code endpoints}
	 * @return {@code cdmf.ipc.server.services.<service>.<key>}
	 */
	public static String service(String service, String key) {
		return SERVER_PREFIX + ".services." + service + "." + key;
	}

	/**
	 * Returns the name of a property of the clients of one service.
	 * @param service the service's name
	 * @param key the key, such as {@code endpoint}
	 * @return {@code cdmf.ipc.client.services.<service>.<key>}
	 */
	public static String client(String service, String key) {
		return CLIENT_PREFIX + ".services." + service + "." + key;
	}

	/**
	 * Returns the name of a default of every client.
	 * @param key the key, such as {@code load-balancer}
	 * @return {@code cdmf.ipc.client.<key>}
	 */
	public static String clientDefault(String key) {
		return CLIENT_PREFIX + "." + key;
	}

}
