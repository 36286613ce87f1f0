package io.cdmf.ipc.discovery.zookeeper;

import java.nio.charset.StandardCharsets;

import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.common.PathUtils;

/**
 * Where a registry keeps its nodes:
 *
 * <pre>
 * &lt;basePath&gt;                      container, default /cdmf-ipc
 *   services                        container
 *     &lt;service name&gt;              container, one per service
 *       &lt;instance id&gt;             EPHEMERAL, data: ServiceEndpointCodec.encode(instance)
 * </pre>
 *
 * A service name or instance id is one node name: every byte outside {@code A-Z a-z 0-9 - _ . ~ @ : + = ,} of its
 * UTF-8 form is written {@code %XX} (so {@code /} is {@code %2F}), and the names {@code .} and {@code ..}, which
 * ZooKeeper refuses, become {@code %2E} and {@code %2E%2E}.
 */
final class ZooKeeperPaths {

	/** The node under the base path that holds one node per service. */
	static final String SERVICES = "services";

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final String basePath;

	ZooKeeperPaths(String basePath) {
		this.basePath = basePath;
	}

	/**
	 * Checks a base path: absolute, no trailing {@code /} (except the root itself), and a valid ZooKeeper path.
	 * @param basePath the path
	 * @return the path
	 * @throws IllegalArgumentException if it is not a valid base path
	 */
	static String checkBasePath(String basePath) {
		if (!basePath.startsWith("/") || (basePath.length() > 1 && basePath.endsWith("/"))) {
			throw new IllegalArgumentException("basePath must start with '/' and not end with one, such as /cdmf-ipc: '"
					+ basePath + "'");
		}
		try {
			PathUtils.validatePath(basePath);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("basePath '" + basePath + "' is not a valid ZooKeeper path: "
					+ ex.getMessage(), ex);
		}
		return basePath;
	}

	String basePath() {
		return this.basePath;
	}

	/**
	 * Returns the node that holds the instances of a service.
	 * @param serviceName the service name
	 * @return its path
	 */
	String service(String serviceName) {
		return ZKPaths.makePath(this.basePath, SERVICES, nodeName(serviceName));
	}

	/**
	 * Returns the node of one instance.
	 * @param serviceName the service name
	 * @param instanceId the instance id
	 * @return its path
	 */
	String instance(String serviceName, String instanceId) {
		return ZKPaths.makePath(service(serviceName), nodeName(instanceId));
	}

	/**
	 * Returns the node name for a service name or instance id, escaped as described above.
	 * @param name the name
	 * @return a valid node name
	 */
	static String nodeName(String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		StringBuilder escaped = new StringBuilder(bytes.length + 8);
		for (byte value : bytes) {
			int b = value & 0xFF;
			if (isPlain(b)) {
				escaped.append((char) b);
			}
			else {
				escaped.append('%').append(HEX[b >>> 4]).append(HEX[b & 0xF]);
			}
		}
		String result = escaped.toString();
		return (result.equals(".") || result.equals("..")) ? result.replace(".", "%2E") : result;
	}

	private static boolean isPlain(int b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_'
				|| b == '.' || b == '~' || b == '@' || b == ':' || b == '+' || b == '=' || b == ',';
	}

}
