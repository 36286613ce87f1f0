package io.cdmf.ipc.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forked application JVM of the {@code boot-*}, {@code peer-*} and start-up cases: any main class on any class
 * path, with the benchmark JVM's flags ({@link ServerProcess#jvmFlags()}). Its stdout lines that start with one of
 * {@link AppHarness}'s markers are kept, with the time they were read, for {@link #await}; the others go to this
 * JVM's stderr. {@link #close()} destroys it; a shutdown hook destroys any still running when the benchmark exits.
 *
 * @since 0.1.0
 */
final class AppProcess implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AppProcess.class);

	private static final long EXIT_TIMEOUT_SECONDS = 10;

	private static final Set<Process> live = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> live.forEach(Process::destroyForcibly),
				"benchmark-apps-destroy"));
	}

	private final String name;

	private final Process process;

	private final long startedNanos;

	private final BlockingQueue<Line> markers = new LinkedBlockingQueue<>();

	private AppProcess(String name, Process process, long startedNanos) {
		this.name = name;
		this.process = process;
		this.startedNanos = startedNanos;
	}

	/**
	 * Forks an application JVM.
	 * @param name how the log names it
	 * @param classpath its class path
	 * @param mainClass its main class
	 * @param jvmFlags JVM flags, system properties included
	 * @param args its arguments
	 * @return the running process
	 * @throws IOException if it cannot be started
	 */
	static AppProcess start(String name, String classpath, String mainClass, List<String> jvmFlags, List<String> args)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ServerProcess.javaCommand());
		command.addAll(jvmFlags);
		command.add("-cp");
		command.add(classpath);
		command.add(mainClass);
		command.addAll(args);
		logger.debug("Starting {}: {}", name, command);
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		live.add(process);
		AppProcess app = new AppProcess(name, process, started);
		Thread reader = new Thread(app::readOutput, "app-stdout-" + name);
		reader.setDaemon(true);
		reader.start();
		return app;
	}

	private void readOutput() {
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				long now = System.nanoTime();
				if (line.startsWith("cdmf-bench-")) {
					this.markers.add(new Line(line, now));
				}
				else {
					System.err.println("[" + this.name + "] " + line);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Reading the output of {} failed", this.name, ex);
		}
		this.markers.add(Line.END);
	}

	/**
	 * Waits for the next marker line, which must start with the given marker.
	 * @param marker the expected marker
	 * @param timeout how long to wait
	 * @return the line and when it was read
	 * @throws IOException if the application exits first, prints another marker, or the time runs out
	 */
	Line await(String marker, Duration timeout) throws IOException {
		Line line;
		try {
			line = this.markers.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for " + this.name + " to print " + marker, ex);
		}
		if (line == null) {
			throw new IOException(this.name + " did not print " + marker + " within " + timeout.toSeconds()
					+ " s; its stderr is above");
		}
		if (line == Line.END) {
			this.markers.add(Line.END);
			throw new IOException(this.name + " exited (status " + exitStatus() + ") before it printed " + marker
					+ "; its stderr is above");
		}
		if (!line.text().startsWith(marker)) {
			throw new IOException(this.name + " printed '" + line.text() + "' where " + marker + " was expected");
		}
		return line;
	}

	private String exitStatus() {
		try {
			return this.process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
					? Integer.toString(this.process.exitValue()) : "still running";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	/**
	 * Returns when the process was started, by {@link System#nanoTime()}.
	 * @return the time
	 */
	long startedNanos() {
		return this.startedNanos;
	}

	/**
	 * Returns the CPU time the process has used so far.
	 * @return the time in nanoseconds, 0 if the system does not tell
	 */
	long cpuNanos() {
		return this.process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	/**
	 * Returns whether the process still runs.
	 * @return whether alive
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits for the process to exit by itself.
	 * @param timeout how long to wait
	 * @return its exit status, or {@code null} if it still runs
	 */
	@Nullable Integer waitFor(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? this.process.exitValue() : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Destroys the process (SIGTERM, so that its shutdown hooks clean up; SIGKILL if it lingers).
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				logger.warn("{} (pid {}) did not exit within {} s; killing it", this.name, this.process.pid(),
						EXIT_TIMEOUT_SECONDS);
				this.process.destroyForcibly().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		live.remove(this.process);
	}

	/**
	 * A marker line and when it was read.
	 *
	 * @param text the line
	 * @param nanos when, by {@link System#nanoTime()}
	 */
	record Line(String text, long nanos) {

		private static final Line END = new Line("", 0);

		/**
		 * Returns the words after the marker.
		 * @return the fields
		 */
		String[] fields() {
			return this.text.split(" ");
		}

		/**
		 * Returns the text after the marker and one space.
		 * @return the rest of the line
		 */
		String rest() {
			int space = this.text.indexOf(' ');
			return (space < 0) ? "" : this.text.substring(space + 1);
		}

	}

}
