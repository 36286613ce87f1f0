package io.cdmf.ipc.sample.sensor.consumer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Prints a {@code RATE} line every second while readings arrive (rate, latency percentiles of that second, totals),
 * and a {@code TOTAL} line when the application stops. Starts before the IPC server and stops after it, so the last
 * line counts every reading handled.
 *
 * @since 0.1.0
 */
public class SensorReporter implements SmartLifecycle {

	private final SensorStatistics statistics;

	private final PrintStream out;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Creates a reporter.
	 * @param statistics what to report
	 * @param out where to print
	 */
	public SensorReporter(SensorStatistics statistics, PrintStream out) {
		this.statistics = statistics;
		this.out = out;
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "sensor-report");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(this::reportInterval, 1, 1, TimeUnit.SECONDS);
		this.scheduler = executor;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor == null) {
			return;
		}
		this.scheduler = null;
		executor.shutdown();
		try {
			executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		SensorStatistics.Snapshot totals = this.statistics.report().totals();
		this.out.println(String.format(Locale.ROOT,
				"TOTAL received %,d | missing %,d | out of order %,d | read in place %,d | latency us p50 %.1f "
						+ "p99 %.1f max %.1f",
				totals.received(), totals.missing(), totals.outOfOrder(), totals.inPlace(),
				totals.latencyP50Nanos() / 1e3, totals.latencyP99Nanos() / 1e3, totals.latencyMaxNanos() / 1e3));
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		return IpcServerLifecycle.DEFAULT_PHASE - 1;
	}

	private void reportInterval() {
		SensorStatistics.Report report = this.statistics.report();
		if (report.count() == 0) {
			return;
		}
		this.out.println(format(report));
	}

	static String format(SensorStatistics.Report report) {
		SensorStatistics.Snapshot totals = report.totals();
		return String.format(Locale.ROOT,
				"RATE %,7.0f msgs/s | latency us p50 %6.1f p90 %6.1f p99 %7.1f p99.9 %7.1f max %8.1f | received %,d "
						+ "missing %,d",
				report.messagesPerSecond(), report.p50Micros(), report.p90Micros(), report.p99Micros(),
				report.p999Micros(), report.maxMicros(), totals.received(), totals.missing());
	}

}
