package io.cdmf.ipc.discovery;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells one watch's listener the instances of its service when they differ from what it was told last, for
 * {@link ServiceDiscovery} implementations. A listener that throws is logged and told again on the next change; it
 * never stops the registry's thread. Thread-safe: one list at a time reaches the listener.
 *
 * @since 0.1.0
 */
public final class ChangeNotifier {

	private static final Logger logger = LoggerFactory.getLogger(ChangeNotifier.class);

	private final String serviceName;

	private final DiscoveryListener listener;

	private @Nullable List<ServiceEndpoint> last;

	/**
	 * Creates a notifier for one watch.
	 * @param serviceName the watched service, for the log
	 * @param listener the listener
	 */
	public ChangeNotifier(String serviceName, DiscoveryListener listener) {
		this.serviceName = Objects.requireNonNull(serviceName, "serviceName must not be null");
		this.listener = Objects.requireNonNull(listener, "listener must not be null");
	}

	/**
	 * Tells the listener a list unless it is the one it was told last.
	 * @param instances the whole current list
	 * @return whether the listener was called
	 */
	public synchronized boolean tellIfChanged(List<ServiceEndpoint> instances) {
		if (instances.equals(this.last)) {
			return false;
		}
		this.last = instances;
		try {
			this.listener.onInstances(instances);
		}
		catch (RuntimeException ex) {
			// Kept as told: asking again at every scan would repeat the failure (and this line) many times a second.
			logger.error("Discovery listener for {} failed on {} instance(s); it is told again on the next change",
					this.serviceName, instances.size(), ex);
		}
		return true;
	}

}
