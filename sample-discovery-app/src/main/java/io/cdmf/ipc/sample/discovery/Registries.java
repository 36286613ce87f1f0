package io.cdmf.ipc.sample.discovery;

import java.nio.file.Path;
import java.time.Duration;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.embedded.EmbeddedDiscovery;
import io.cdmf.ipc.discovery.zookeeper.ZooKeeperDiscovery;

/**
 * Opens the registry a {@code --registry} option names:
 * <ul>
 * <li>{@code embedded} — the embedded registry in its default directory;</li>
 * <li>{@code embedded:<directory>} — the embedded registry in that directory (one per demo run or test);</li>
 * <li>{@code zookeeper:<connect string>} — ZooKeeper, such as {@code zookeeper:127.0.0.1:2181}, with a session
 * timeout of {@link #ZOOKEEPER_SESSION_TIMEOUT 4 s}.</li>
 * </ul>
 * ZooKeeper learns that a process died only when its session expires, so a {@code kill -9}ed instance stays in the
 * registry for the session timeout; the client's channel takes it out of rotation before that, when its connection
 * is lost. The sample's timeout is short so that the demo shows the registry's change too; {@link ZooKeeperDiscovery}'s
 * default is 10 s.
 *
 * @since 0.1.0
 */
public final class Registries {

	/** The ZooKeeper session timeout of the sample's instances and clients. */
	public static final Duration ZOOKEEPER_SESSION_TIMEOUT = Duration.ofSeconds(4);

	private static final String EMBEDDED = "embedded";

	private static final String ZOOKEEPER = "zookeeper";

	private Registries() {
	}

	/**
	 * Opens a registry.
	 * @param spec the registry, as the class comment describes
	 * @return the registry, for the caller to close
	 * @throws IllegalArgumentException if the kind of registry is not known
	 */
	public static ServiceDiscovery open(String spec) {
		int colon = spec.indexOf(':');
		String kind = (colon >= 0) ? spec.substring(0, colon) : spec;
		String where = (colon >= 0) ? spec.substring(colon + 1) : "";
		if (kind.equals(EMBEDDED)) {
			return where.isEmpty() ? EmbeddedDiscovery.create()
					: EmbeddedDiscovery.builder().directory(Path.of(where)).build();
		}
		if (kind.equals(ZOOKEEPER) && !where.isEmpty()) {
			return ZooKeeperDiscovery.builder(where)
				.sessionTimeout(ZOOKEEPER_SESSION_TIMEOUT)
				.connectionTimeout(ZOOKEEPER_SESSION_TIMEOUT.dividedBy(2))
				.build();
		}
		throw new IllegalArgumentException("registry must be embedded, embedded:<directory> or zookeeper:<connect "
				+ "string>, not '" + spec + "'");
	}

}
