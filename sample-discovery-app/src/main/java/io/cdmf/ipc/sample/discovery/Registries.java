package io.cdmf.ipc.sample.discovery;

import java.nio.file.Path;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.embedded.EmbeddedDiscovery;

/**
 * Opens the registry a {@code --registry} option names:
 * <ul>
 * <li>{@code embedded} — the embedded registry in its default directory;</li>
 * <li>{@code embedded:<directory>} — the embedded registry in that directory (one per demo run or test);</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class Registries {

	private static final String EMBEDDED = "embedded";

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
		throw new IllegalArgumentException("registry must be embedded or embedded:<directory>, not '" + spec + "'");
	}

}
