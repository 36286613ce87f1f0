package io.cdmf.ipc.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak: {@value #CALLERS} threads make synchronous {@code echo} calls of {@value #PAYLOAD} bytes at full rate over
 * one {@link ServiceProxy} against a {@link SoakServer} in another JVM, for some minutes per transport
 * ({@code unix://}, then {@code shm://}), sampling every {@value #INTERVAL_SECONDS} s both JVMs' live heap, resident
 * memory, descriptors and threads and the server's shared-memory files ({@link SoakSample}). It passes when no call
 * failed and nothing grew past the first minute beyond the bounds of {@link SoakVerdict}; it writes
 * {@code docs/soak.md} ({@link SoakReport}) and exits 1 when it fails.
 * <p>
 * Usage: {@code SoakMain [--minutes 10] [--transports unix,shm] [--output docs/soak.md]}, run by
 * {@code scripts/soak.sh}.
 *
 * @since 0.1.0
 */
public final class SoakMain {

	static final int CALLERS = 16;

	static final int PAYLOAD = 64;

	static final int INTERVAL_SECONDS = 10;

	private static final Logger logger = LoggerFactory.getLogger(SoakMain.class);

	private SoakMain() {
	}

	/**
	 * Runs the soak.
	 * @param args the options
	 * @throws Exception if a phase cannot run
	 */
	public static void main(String[] args) throws Exception {
		double minutes = 10;
		List<String> transports = List.of("unix", "shm");
		Path output = Path.of("docs/soak.md");
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--minutes" -> minutes = Double.parseDouble(args[i + 1]);
				case "--transports" -> transports = Arrays.asList(args[i + 1].split(","));
				case "--output" -> output = Path.of(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --minutes, "
						+ "--transports unix,shm or --output");
			}
		}
		List<SoakReport.Phase> phases = new ArrayList<>();
		for (String transport : transports) {
			phases.add(runPhase(transport, Duration.ofSeconds((long) (minutes * 60))));
			// Written after each phase, so that a later failure leaves the figures measured so far.
			SoakReport.write(output, phases, minutes);
		}
		boolean passed = phases.stream().allMatch(phase -> phase.verdict().passed());
		logger.info("Soak {}: report in {}", passed ? "passed" : "FAILED", output);
		System.exit(passed ? 0 : 1);
	}

	private static SoakReport.Phase runPhase(String transport, Duration duration) throws Exception {
		String id = Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL, 36);
		Path shmDirectory = Path.of("/dev/shm", "cdmf-soak-" + id);
		String endpoint = switch (transport) {
			case "unix" -> "unix:///tmp/cdmf-soak-" + id + ".sock";
			case "shm" -> "shm://soak?directory=" + shmDirectory;
			default -> throw new IllegalArgumentException("transport must be unix or shm: " + transport);
		};
		List<String> command = new ArrayList<>();
		command.add(ServerProcess.javaCommand());
		command.addAll(ServerProcess.jvmFlags());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), SoakServer.class.getName(), endpoint));
		String loadAtStart = MachineInfo.currentLoadAverage();
		Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try {
			String[] ready = awaitReady(server).split(" ");
			long serverPid = Long.parseLong(ready[1]);
			logger.info("Soaking {} for {} s with {} callers (server pid {})", ready[2], duration.toSeconds(), CALLERS,
					serverPid);
			List<SoakSample> samples = soak(ready[2], serverPid, shmDirectory, duration);
			SoakVerdict verdict = SoakVerdict.of(samples);
			logger.info("{}: {}", transport, verdict);
			stop(server);
			long[] left = SoakSample.filesAndBytes(shmDirectory);
			return new SoakReport.Phase(transport, ready[2], samples, verdict, left[0], left[1], loadAtStart,
					MachineInfo.currentLoadAverage());
		}
		finally {
			stop(server);
			Files.deleteIfExists(Path.of("/tmp/cdmf-soak-" + id + ".sock"));
			removeDirectory(shmDirectory);
		}
	}

	private static void stop(Process server) throws InterruptedException {
		if (server.isAlive()) {
			server.destroy();
			if (!server.waitFor(10, TimeUnit.SECONDS)) {
				server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private static void removeDirectory(Path directory) throws IOException {
		if (Files.isDirectory(directory)) {
			try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
				for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	private static List<SoakSample> soak(String endpoint, long serverPid, Path shmDirectory, Duration duration)
			throws InterruptedException {
		List<SoakSample> samples = new ArrayList<>();
		LongAdder good = new LongAdder();
		ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.custom(endpoint).serviceName("soak").build());
				ServiceProxy control = new ServiceProxy(ProxyConfig.custom(endpoint).serviceName("soak").build())) {
			List<Thread> callers = new ArrayList<>();
			for (int c = 0; c < CALLERS; c++) {
				int caller = c;
				Thread thread = new Thread(() -> call(proxy, caller, end, good, errors), "soak-caller-" + c);
				thread.start();
				callers.add(thread);
			}
			long previousGood = 0;
			long previousNanos = start;
			for (long tick = 1; previousNanos < end; tick++) {
				long next = start + TimeUnit.SECONDS.toNanos(tick * INTERVAL_SECONDS);
				TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(next, end) - System.nanoTime()));
				long now = System.nanoTime();
				long calls = good.sum();
				long rate = (calls - previousGood) * 1_000_000_000L / Math.max(1, now - previousNanos);
				previousGood = calls;
				previousNanos = now;
				CallResult heap = control.call("heap", new byte[0], Duration.ofSeconds(30));
				long serverHeap = heap.isSuccess() ? Long.parseLong(new String(heap.data(), StandardCharsets.UTF_8))
						: -1;
				long[] shm = SoakSample.filesAndBytes(shmDirectory);
				SoakSample sample = new SoakSample(TimeUnit.NANOSECONDS.toSeconds(now - start), rate, errors.size(),
						SoakSample.Process.of(ProcessHandle.current().pid(), SoakServer.liveHeapBytes()),
						SoakSample.Process.of(serverPid, serverHeap), shm[0], shm[1]);
				samples.add(sample);
				logger.info("{}", sample);
			}
			for (Thread thread : callers) {
				thread.join();
			}
		}
		if (!errors.isEmpty()) {
			logger.error("{} calls failed; the first: {}", errors.size(), errors.stream().limit(5).toList());
		}
		return samples;
	}

	private static void call(ServiceProxy proxy, int caller, long end, LongAdder good,
			ConcurrentLinkedQueue<String> errors) {
		byte[] payload = new byte[PAYLOAD];
		byte[] expected = new byte[PAYLOAD];
		for (long n = 0; System.nanoTime() - end < 0; n++) {
			String tag = caller + ":" + n + ":";
			byte[] text = tag.getBytes(StandardCharsets.US_ASCII);
			Arrays.fill(payload, (byte) '.');
			System.arraycopy(text, 0, payload, 0, text.length);
			System.arraycopy(payload, 0, expected, 0, PAYLOAD);
			CallResult result = proxy.call("echo", payload, Duration.ofSeconds(5));
			if (!result.isSuccess()) {
				errors.add(tag + " " + result);
			}
			else if (!Arrays.equals(result.data(), expected)) {
				errors.add(tag + " answered with other bytes");
			}
			else {
				good.increment();
			}
		}
	}

	private static String awaitReady(Process server) throws Exception {
		CompletableFuture<String> ready = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					if (line.startsWith("READY ")) {
						ready.complete(line);
					}
					else {
						System.err.println("[soak server] " + line);
					}
				}
				ready.completeExceptionally(new IOException("the soak server exited before it was ready"));
			}
			catch (IOException ex) {
				ready.completeExceptionally(ex);
			}
		}, "soak-server-output");
		reader.setDaemon(true);
		reader.start();
		return ready.get(60, TimeUnit.SECONDS);
	}

}
