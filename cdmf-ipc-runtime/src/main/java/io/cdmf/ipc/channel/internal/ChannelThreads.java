package io.cdmf.ipc.channel.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few threads every channel of the process shares, whatever their number: one scheduler (the sweep of deadlines
 * and heartbeats every {@value #SWEEP_INTERVAL_MILLIS} ms, reconnect and ejection timers, retry backoffs) and up to
 * {@value #CONNECTOR_THREADS} connector threads (opening connections, which may block for the connect timeout, and
 * the attempts of asynchronous calls after a backoff).
 */
final class ChannelThreads {

	static final long SWEEP_INTERVAL_MILLIS = 2;

	static final int CONNECTOR_THREADS = 4;

	private static final Logger logger = LoggerFactory.getLogger(ChannelThreads.class);

	static final ScheduledExecutorService SCHEDULER = scheduler();

	static final ExecutorService CONNECTOR = connector();

	private static final Set<DefaultChannel> channels = ConcurrentHashMap.newKeySet();

	static {
		SCHEDULER.scheduleWithFixedDelay(ChannelThreads::sweep, SWEEP_INTERVAL_MILLIS, SWEEP_INTERVAL_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	private ChannelThreads() {
	}

	static void register(DefaultChannel channel) {
		channels.add(channel);
	}

	static void unregister(DefaultChannel channel) {
		channels.remove(channel);
	}

	private static void sweep() {
		long now = System.nanoTime();
		for (DefaultChannel channel : channels) {
			try {
				channel.sweep(now);
			}
			catch (RuntimeException ex) {
				logger.error("Sweep of channel {} failed; the next sweep tries again", channel, ex);
			}
		}
	}

	private static ScheduledExecutorService scheduler() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, daemon("cdmf-channel-scheduler"));
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	private static ExecutorService connector() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(CONNECTOR_THREADS, CONNECTOR_THREADS, 30,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("cdmf-channel-connector"));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	private static java.util.concurrent.ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
