package io.cdmf.ipc.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a main class from the test classpath, for tests that cross a process boundary. Its output is
 * collected; {@link #awaitLine} waits for a line starting with a prefix (such as {@code READY}). It ends by itself
 * when this JVM is gone ({@link ForkedMain}).
 */
public final class ForkedJvm implements AutoCloseable {

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final Object signal = new Object();

	private final Thread reader;

	private ForkedJvm(Process process) {
		this.process = process;
		this.reader = new Thread(this::readOutput, "forked-jvm-output-" + process.pid());
		this.reader.setDaemon(true);
		this.reader.start();
		// The output can end just before the process does: wake waiters again once it has exited.
		process.onExit().thenRun(() -> {
			synchronized (this.signal) {
				this.signal.notifyAll();
			}
		});
	}

	/**
	 * Starts a main class in a new JVM with this JVM's classpath and the test JVM flags.
	 * @param mainClass the class with {@code main}
	 * @param args its arguments
	 * @return the running JVM
	 */
	public static ForkedJvm start(Class<?> mainClass, String... args) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		String flags = System.getProperty("cdmf.test.jvm.flags", "");
		if (!flags.isBlank()) {
			command.addAll(Arrays.asList(flags.trim().split("\\s+")));
		}
		command.add("-Xmx256m");
		command.add("-XX:+UseSerialGC");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ForkedMain.class.getName());
		command.add(mainClass.getName());
		command.addAll(Arrays.asList(args));
		try {
			return new ForkedJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start a JVM for " + mainClass.getName(), ex);
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
				System.out.println("[forked " + this.process.pid() + "] " + line);
				synchronized (this.signal) {
					this.signal.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// The process ended; its output is complete.
		}
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
	}

	/**
	 * Waits for an output line starting with a prefix.
	 * @param prefix the prefix
	 * @param timeout how long to wait
	 * @return the line
	 * @throws IllegalStateException if the process ended or the time ran out first, with its output
	 */
	public String awaitLine(String prefix, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.signal) {
			while (true) {
				for (String line : this.lines) {
					if (line.startsWith(prefix)) {
						return line;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0 || (!this.process.isAlive() && this.lines.stream().noneMatch(l -> l.startsWith(prefix)))) {
					throw new IllegalStateException("No line starting with '" + prefix + "' from pid "
							+ this.process.pid() + " (alive=" + this.process.isAlive() + "); output:\n"
							+ String.join("\n", this.lines));
				}
				try {
					this.signal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted", ex);
				}
			}
		}
	}

	/**
	 * Returns the output so far.
	 * @return the lines
	 */
	public List<String> output() {
		return List.copyOf(this.lines);
	}

	/**
	 * Returns the process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Returns whether the process runs.
	 * @return whether it is alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kills the process with SIGKILL, as a crash would, and waits for it to end.
	 */
	public void kill() {
		this.process.destroyForcibly();
		waitFor(Duration.ofSeconds(10));
		awaitOutput();
	}

	/**
	 * Waits a little for the output reader to take the last lines of an ended process, so that {@link #output()}
	 * after {@link #kill()} or {@link #close()} is complete.
	 */
	private void awaitOutput() {
		if (this.process.isAlive()) {
			return;
		}
		try {
			this.reader.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops the process with SIGSTOP, as a hung server would be: its sockets stay open, nothing answers.
	 */
	public void suspend() {
		signal("STOP");
	}

	/**
	 * Lets a {@link #suspend() suspended} process run again (SIGCONT).
	 */
	public void resume() {
		signal("CONT");
	}

	private void signal(String name) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + name + " " + this.process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run kill -" + name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * Waits for the process to end.
	 * @param timeout how long to wait
	 * @return whether it ended
	 */
	public boolean waitFor(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Returns a future completing with the exit code.
	 * @return the future
	 */
	public CompletableFuture<Process> onExit() {
		return this.process.onExit();
	}

	/**
	 * Stops the process gracefully (SIGTERM), then forcibly if it does not end in 10 seconds.
	 */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!waitFor(Duration.ofSeconds(10))) {
				kill();
			}
		}
		awaitOutput();
	}

}
