package io.cdmf.ipc.discovery.zookeeper;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a {@link ZooKeeperDiscovery} that registers instances again, reads watched services and tells
 * their watchers, in the order things happened. Nothing runs on Curator's or ZooKeeper's own threads except handing
 * work to this one: a blocking ZooKeeper call on ZooKeeper's event thread would wait for itself. A task that fails is
 * logged, never dropped in silence.
 */
final class RegistryThread {

	/** How long before a failed read or re-registration is tried again while connected. */
	static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(ZooKeeperDiscovery.class);

	private final String registryName;

	private final ScheduledExecutorService executor;

	private volatile boolean closed;

	RegistryThread(String registryName) {
		this.registryName = registryName;
		this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "cdmf-discovery-zookeeper");
			thread.setDaemon(true);
			return thread;
		});
	}

	void execute(Runnable task) {
		try {
			this.executor.execute(() -> run(task));
		}
		catch (RejectedExecutionException ex) {
			if (!this.closed) {
				throw ex;
			}
		}
	}

	void schedule(Runnable task, Duration delay) {
		try {
			this.executor.schedule(() -> run(task), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			if (!this.closed) {
				throw ex;
			}
		}
	}

	/** Stops the thread; a task running now is interrupted. */
	void close() {
		this.closed = true;
		this.executor.shutdownNow();
	}

	private void run(Runnable task) {
		if (this.closed) {
			return;
		}
		try {
			task.run();
		}
		catch (RuntimeException | Error ex) {
			logger.error("A task of ZooKeeper registry {} failed; the registry goes on, and the next change or "
					+ "reconnect tries again", this.registryName, ex);
		}
	}

}
