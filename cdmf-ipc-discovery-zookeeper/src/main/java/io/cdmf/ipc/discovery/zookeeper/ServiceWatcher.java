package io.cdmf.ipc.discovery.zookeeper;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.discovery.ChangeNotifier;
import io.cdmf.ipc.discovery.DiscoveryListener;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.watch.PersistentWatcher;
import org.apache.zookeeper.Watcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watches of one service in a {@link ZooKeeperDiscovery}: a recursive persistent watch on the service's node,
 * which Curator sets again after every reconnect and new session; any event under it has the registry's thread read
 * the service's instances again (events that arrive while a read is queued share it), and each watch whose list
 * changed is told.
 * <p>
 * A read is made only when the registry is {@linkplain SessionState#readySession() ready}: connected, with its own
 * instances registered again after the last reconnect, and all in that one session. A failed read changes nothing:
 * the last good list stays, and the next event, retry or reconnect reads again. So a watcher is never told an empty
 * list because ZooKeeper cannot be reached, only when the service's node really has no instance child. Reads are
 * numbered as they start, and a watch is never told a read older than one it was told, whichever thread reads.
 */
final class ServiceWatcher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ZooKeeperDiscovery.class);

	private final String serviceName;

	private final InstanceReader reader;

	private final SessionState session;

	private final RegistryThread thread;

	private final ZooKeeperDiscovery registry;

	private final PersistentWatcher persistentWatcher;

	private final List<Entry> entries = new CopyOnWriteArrayList<>();

	private final AtomicBoolean queued = new AtomicBoolean();

	private final AtomicLong reads = new AtomicLong();

	private volatile @Nullable Snapshot snapshot;

	private volatile boolean closed;

	ServiceWatcher(ZooKeeperDiscovery registry, CuratorFramework client, String serviceName, String servicePath) {
		this.registry = registry;
		this.serviceName = serviceName;
		this.reader = registry.reader();
		this.session = registry.session();
		this.thread = registry.thread();
		this.persistentWatcher = new PersistentWatcher(client, servicePath, true);
		this.persistentWatcher.getListenable().addListener(event -> {
			if (event.getType() != Watcher.Event.EventType.None) {
				requestRefresh();
			}
		});
		// Told once the watch is set, and again after each reconnect: changes before it were not seen, so read.
		this.persistentWatcher.getResetListenable().addListener(this::requestRefresh);
	}

	void start() {
		this.persistentWatcher.start();
	}

	/**
	 * Returns the instances of the last good read, of every version.
	 * @return the instances, or {@code null} before the first good read
	 */
	@Nullable List<ServiceEndpoint> instances() {
		Snapshot current = this.snapshot;
		return (current != null) ? current.instances : null;
	}

	/**
	 * Adds a watch; it is told from then on.
	 * @param entry the watch
	 */
	void add(Entry entry) {
		this.entries.add(entry);
	}

	/**
	 * Tells a new watch the current list, on the caller's thread: the last good read; else a read now, if the
	 * registry is ready; else the last list of the service that {@code find} read, if any.
	 * @param entry the watch
	 */
	void tellCurrent(Entry entry) {
		if (this.snapshot == null) {
			refresh();
		}
		Snapshot current = this.snapshot;
		if (current != null) {
			entry.tell(current.read, InstanceReader.select(current.instances, entry.version));
			return;
		}
		List<ServiceEndpoint> found = this.registry.lastFound(this.serviceName);
		if (found != null) {
			entry.tell(0, InstanceReader.select(found, entry.version));
		}
	}

	/**
	 * Removes a watch.
	 * @param entry the watch
	 * @return whether no watch is left
	 */
	boolean remove(Entry entry) {
		this.entries.remove(entry);
		return this.entries.isEmpty();
	}

	/**
	 * Has the registry's thread read the service again, unless a read is queued already.
	 */
	void requestRefresh() {
		if (!this.closed && this.queued.compareAndSet(false, true)) {
			this.thread.execute(() -> {
				this.queued.set(false);
				refresh();
			});
		}
	}

	/**
	 * Reads the service's instances, if the registry is ready, and tells every watch whose list changed.
	 */
	void refresh() {
		long ready = this.session.readySession();
		if (this.closed || ready == 0) {
			return; // the next reconnect reads again
		}
		long read = this.reads.incrementAndGet();
		List<ServiceEndpoint> found;
		try {
			found = this.reader.read(this.serviceName, ready);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			if (!this.closed && this.session.readySession() == ready) {
				logger.info("Reading the instances of {} from ZooKeeper at {} failed ({}); its watchers keep their "
						+ "last list, and it is read again on the next change, reconnect or in {} ms", this.serviceName,
						this.registry.connectString(), ex.toString(), RegistryThread.RETRY_DELAY.toMillis());
				this.thread.schedule(this::requestRefresh, RegistryThread.RETRY_DELAY);
			}
			return;
		}
		synchronized (this) {
			Snapshot current = this.snapshot;
			if (current == null || current.read < read) {
				this.snapshot = new Snapshot(read, found);
			}
		}
		for (Entry entry : this.entries) {
			entry.tell(read, InstanceReader.select(found, entry.version));
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.entries.clear();
		this.persistentWatcher.close();
	}

	/** A good read: its number and the instances of every version. */
	private record Snapshot(long read, List<ServiceEndpoint> instances) {

	}

	/**
	 * One watch: its version requirement, its listener, and the read it was told last.
	 */
	static final class Entry {

		final VersionRange version;

		private final ChangeNotifier notifier;

		private long lastRead = -1;

		private boolean closed;

		Entry(String serviceName, VersionRange version, DiscoveryListener listener) {
			this.version = version;
			this.notifier = new ChangeNotifier(serviceName, listener);
		}

		/**
		 * Tells the listener a list, unless it was told a later read, the same list, or the watch is closed.
		 * @param read the number of the read (0 for a list {@code find} read)
		 * @param instances the list
		 */
		synchronized void tell(long read, List<ServiceEndpoint> instances) {
			if (this.closed || read < this.lastRead || (read == this.lastRead && read != 0)) {
				return;
			}
			this.lastRead = read;
			this.notifier.tellIfChanged(instances);
		}

		/** Stops telling: once this returns, the listener is not called again. */
		synchronized void close() {
			this.closed = true;
		}

	}

}
