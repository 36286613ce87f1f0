package io.cdmf.ipc.discovery.embedded;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.discovery.ChangeNotifier;
import io.cdmf.ipc.discovery.DiscoveryListener;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher thread of an embedded registry, started by the first watch: it waits for a file event in the
 * directory or for the poll interval, whichever comes first, scans (which also finds dead owners, whose lock the
 * kernel released without any file event), and tells each watch whose list changed.
 */
final class RegistryScanner {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDiscovery.class);

	private final RegistryDirectory directory;

	private final long pollMillis;

	private final List<WatchEntry> watches = new CopyOnWriteArrayList<>();

	private @Nullable Thread thread;

	private volatile boolean closed;

	RegistryScanner(RegistryDirectory directory, Duration pollInterval) {
		this.directory = directory;
		this.pollMillis = pollInterval.toMillis();
	}

	ServiceDiscovery.Watch watch(String serviceName, VersionRange version, DiscoveryListener listener) {
		WatchEntry entry = new WatchEntry(serviceName, version, listener);
		entry.tellIfChanged(EmbeddedDiscovery.select(this.directory.readLive(serviceName), serviceName, version));
		this.watches.add(entry);
		startIfNeeded();
		return () -> this.watches.remove(entry);
	}

	private synchronized void startIfNeeded() {
		if (this.thread == null && !this.closed) {
			Thread scanner = new Thread(this::run, "cdmf-discovery-embedded");
			scanner.setDaemon(true);
			this.thread = scanner;
			scanner.start();
		}
	}

	void close() {
		this.closed = true;
		Thread scanner;
		synchronized (this) {
			scanner = this.thread;
		}
		if (scanner != null) {
			scanner.interrupt();
		}
		this.watches.clear();
	}

	private void run() {
		WatchService events = openWatchService();
		try {
			while (!this.closed) {
				if (!await(events)) {
					return;
				}
				scan();
			}
		}
		finally {
			if (events != null) {
				try {
					events.close();
				}
				catch (IOException ex) {
					logger.debug("Closing the registry file watch failed: {}", ex.toString());
				}
			}
		}
	}

	/** Waits for an event or the poll interval; false when interrupted by close. */
	private boolean await(@Nullable WatchService events) {
		try {
			if (events == null) {
				Thread.sleep(this.pollMillis);
				return true;
			}
			WatchKey key = events.poll(this.pollMillis, TimeUnit.MILLISECONDS);
			if (key != null) {
				key.pollEvents();
				key.reset();
			}
			return true;
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			return false;
		}
	}

	private void scan() {
		if (this.watches.isEmpty()) {
			return;
		}
		List<ServiceEndpoint> live;
		try {
			live = this.directory.readLive(null);
		}
		catch (RuntimeException ex) {
			// Keep the last good lists: a directory that cannot be read now says nothing about the instances.
			logger.warn("Scanning the embedded registry failed ({}); watchers keep their last lists", ex.toString());
			return;
		}
		for (WatchEntry entry : this.watches) {
			entry.tellIfChanged(EmbeddedDiscovery.select(live, entry.serviceName, entry.version));
		}
	}

	private @Nullable WatchService openWatchService() {
		try {
			this.directory.create();
			WatchService events = FileSystems.getDefault().newWatchService();
			this.directory.path().register(events, StandardWatchEventKinds.ENTRY_CREATE,
					StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
			return events;
		}
		catch (IOException | RuntimeException ex) {
			logger.info("No file watch on {} ({}); the registry is scanned every {} ms instead",
					this.directory.path(), ex.toString(), this.pollMillis);
			return null;
		}
	}

	private static final class WatchEntry {

		final String serviceName;

		final VersionRange version;

		private final ChangeNotifier notifier;

		WatchEntry(String serviceName, VersionRange version, DiscoveryListener listener) {
			this.serviceName = serviceName;
			this.version = version;
			this.notifier = new ChangeNotifier(serviceName, listener);
		}

		void tellIfChanged(List<ServiceEndpoint> instances) {
			this.notifier.tellIfChanged(instances);
		}

	}

}
