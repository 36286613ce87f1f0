package io.cdmf.ipc.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forked server JVM: same java binary, same classpath and same JVM flags as the benchmark JVM (minus recording and
 * debugging agents), running {@link BenchmarkServer}.
 * <p>
 * {@link #start} returns once the server printed {@value BenchmarkServer#READY}. {@link #close()} destroys it; a
 * shutdown hook destroys any server still running when the benchmark JVM exits, and a server whose benchmark JVM
 * died exits by itself when its stdin closes.
 *
 * @since 0.1.0
 */
final class ServerProcess implements AutoCloseable {

	/** Flags every JVM of the benchmark needs: Agrona's and the Unix transport's peer-credential access. */
	static final List<String> REQUIRED_FLAGS = List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
			"--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");

	private static final Logger logger = LoggerFactory.getLogger(ServerProcess.class);

	private static final long READY_TIMEOUT_SECONDS = 60;

	private static final long EXIT_TIMEOUT_SECONDS = 5;

	private static final Set<Process> live = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> live.forEach(Process::destroyForcibly),
				"benchmark-servers-destroy"));
	}

	private final Process process;

	private final Path socket;

	private ServerProcess(Process process, Path socket) {
		this.process = process;
		this.socket = socket;
	}

	/**
	 * Forks a server JVM and waits until it is ready.
	 * @param kind what it serves
	 * @param socket its socket file
	 * @param tag a short name of the case and size, replacing {@code {case}} in the extra flags
	 * @param extraFlags extra JVM flags for this server
	 * @return the running server
	 * @throws IOException if it cannot be started or does not become ready within a minute
	 */
	static ServerProcess start(ServerKind kind, Path socket, String tag, List<String> extraFlags) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(javaCommand());
		command.addAll(jvmFlags());
		extraFlags.forEach(flag -> command.add(flag.replace("{case}", tag)));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(BenchmarkServer.class.getName());
		command.add(kind.id());
		command.add(socket.toString());
		logger.debug("Starting server: {}", command);
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		live.add(process);
		ServerProcess server = new ServerProcess(process, socket);
		try {
			server.awaitReady(kind);
		}
		catch (IOException | RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	private void awaitReady(ServerKind kind) throws IOException {
		CompletableFuture<Void> ready = new CompletableFuture<>();
		Thread reader = new Thread(() -> forwardOutput(ready), "server-stdout-" + kind.id());
		reader.setDaemon(true);
		reader.start();
		try {
			ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			throw new IOException(kind.id() + " server did not print " + BenchmarkServer.READY + " within "
					+ READY_TIMEOUT_SECONDS + " s");
		}
		catch (ExecutionException ex) {
			throw new IOException(kind.id() + " server failed to start: " + ex.getCause().getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for the " + kind.id() + " server", ex);
		}
	}

	private void forwardOutput(CompletableFuture<Void> ready) {
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (line.equals(BenchmarkServer.READY)) {
					ready.complete(null);
				}
				else {
					System.err.println("[server] " + line);
				}
			}
		}
		catch (IOException ex) {
			ready.completeExceptionally(ex);
		}
		ready.completeExceptionally(new IOException("it exited before it was ready"));
	}

	/**
	 * Returns the server's process id.
	 * @return the pid
	 */
	long pid() {
		return this.process.pid();
	}

	/**
	 * Returns whether the server JVM is still running.
	 * @return whether alive
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Destroys the server JVM (SIGTERM, so its shutdown hooks remove the socket file; SIGKILL if it lingers) and
	 * deletes its socket file if it is still there.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				logger.warn("Server {} did not exit within {} s; killing it", this.process.pid(), EXIT_TIMEOUT_SECONDS);
				this.process.destroyForcibly().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		live.remove(this.process);
		try {
			Files.deleteIfExists(this.socket);
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}", this.socket, ex);
		}
	}

	/**
	 * Returns the java binary this JVM runs on.
	 * @return its path
	 */
	static String javaCommand() {
		return ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * Returns this JVM's flags for a server: all of them but flight recordings and debug or profiling agents (each
	 * JVM gets its own through {@code --server-jvm-flags}), plus {@link #REQUIRED_FLAGS} if missing.
	 * @return the flags
	 */
	static List<String> jvmFlags() {
		List<String> flags = new ArrayList<>();
		for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			if (!flag.startsWith("-XX:StartFlightRecording") && !flag.startsWith("-XX:FlightRecorderOptions")
					&& !flag.startsWith("-agentlib:") && !flag.startsWith("-agentpath:") && !flag.startsWith("-Xrun")
					&& !flag.startsWith("-javaagent:")) {
				flags.add(flag);
			}
		}
		for (String required : REQUIRED_FLAGS) {
			if (!flags.contains(required)) {
				flags.add(required);
			}
		}
		return flags;
	}

}
