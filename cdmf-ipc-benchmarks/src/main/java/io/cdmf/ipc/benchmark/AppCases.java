package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.benchmark.boot.client.BootEchoClient;
import io.cdmf.ipc.benchmark.boot.server.BootEchoServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's path and the peers: each run forks a server application and a client application, as two JVMs with
 * the benchmark JVM's flags; the client runs the caller loop ({@link AppHarness#runCallers}) and prints its result,
 * this JVM adds the server JVM's CPU time per call.
 * <p>
 * One server and one client application serve every {@code --callers} count of a case, the client measuring the
 * counts in turn, each after a warm-up of its own: starting two Boot JVMs per count would take longer than the
 * measurements on a busy machine.
 * <p>
 * The {@code boot-*} cases are {@link BootEchoServer} and {@link BootEchoClient}, Spring Boot applications with the
 * starter and nothing set but the endpoint (and {@code BINARY} where the case says so). The {@code peer-*} cases
 * are the applications of {@code cdmf-ipc-benchmarks-peers}, a module outside the default build: their class path
 * is {@code --peers-classpath}, which {@code scripts/benchmark.sh} builds and passes.
 *
 * @since 0.1.0
 */
final class AppCases {

	/** Package of the peers' applications ({@code cdmf-ipc-benchmarks-peers}). */
	static final String PEERS_PACKAGE = "io.cdmf.ipc.benchmark.peers.";

	private static final Logger logger = LoggerFactory.getLogger(AppCases.class);

	private static final Set<BenchmarkCase> BOOT = EnumSet.of(BenchmarkCase.BOOT_UNIX_CALLERS,
			BenchmarkCase.BOOT_UNIX_JSON_CALLERS, BenchmarkCase.BOOT_SHM_CALLERS, BenchmarkCase.BOOT_TCP_CALLERS,
			BenchmarkCase.BOOT_GRPC_CALLERS);

	private static final Set<BenchmarkCase> PEERS = EnumSet.of(BenchmarkCase.PEER_SPRING_GRPC_CALLERS,
			BenchmarkCase.PEER_DUBBO_CALLERS, BenchmarkCase.PEER_DUBBO_TRIPLE_CALLERS, BenchmarkCase.PEER_REST_CALLERS);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final AtomicInteger sequence = new AtomicInteger();

	private AppCases() {
	}

	/**
	 * Returns whether a case runs a server and a client application.
	 * @param benchmarkCase the case
	 * @return whether it is a {@code boot-*} or {@code peer-*} case
	 */
	static boolean covers(BenchmarkCase benchmarkCase) {
		return BOOT.contains(benchmarkCase) || PEERS.contains(benchmarkCase);
	}

	/**
	 * Returns whether a case is a peer framework's.
	 * @param benchmarkCase the case
	 * @return whether it is a {@code peer-*} case
	 */
	static boolean isPeer(BenchmarkCase benchmarkCase) {
		return PEERS.contains(benchmarkCase);
	}

	/**
	 * Runs a case with every number of callers: one server and one client application, the client measuring each
	 * count in turn (a warm-up before each); a failure becomes failed results, so the other cases still run.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param options the run's options, with the caller counts
	 * @return one result per caller count
	 */
	static List<CaseResult> run(BenchmarkCase benchmarkCase, int size, BenchmarkOptions options) {
		double load = MachineInfo.currentLoad();
		logger.info("{} at {} B with {} callers (load {})", benchmarkCase.label(), size, options.callers(),
				MachineInfo.currentLoadAverage());
		List<CaseResult> results = new ArrayList<>();
		try {
			measure(benchmarkCase, size, options, (result) -> {
				logger.info("  {} callers: p50 {} us, p90 {} us, p99 {} us, p99.9 {} us, {} calls/s, client CPU {} "
						+ "us/call, server CPU {} us/call, {} B/call (callers)", result.callers(),
						round(result.p50Micros()), round(result.p90Micros()), round(result.p99Micros()),
						round(result.p999Micros()), Math.round(result.callsPerSecond()),
						round(result.clientCpuMicrosPerCall()), round(result.serverCpuMicrosPerCall()),
						Math.round(result.callerBytesPerCall()));
				results.add(result.withLoadAtStart(load));
			});
		}
		catch (IOException | RuntimeException ex) {
			logger.error("{} at {} B failed", benchmarkCase.label(), size, ex);
			for (int callers : options.callers()) {
				if (results.stream().noneMatch(result -> result.callers() == callers)) {
					results.add(CaseResult.failed(benchmarkCase, size, callers, String.valueOf(ex.getMessage()))
						.withLoadAtStart(load));
				}
			}
		}
		return results;
	}

	private static void measure(BenchmarkCase benchmarkCase, int size, BenchmarkOptions options,
			java.util.function.Consumer<CaseResult> sink) throws IOException {
		Apps apps = apps(benchmarkCase, options);
		String tag = benchmarkCase.id() + "-" + size;
		List<String> serverFlags = new ArrayList<>(ServerProcess.jvmFlags());
		options.serverJvmFlags().forEach(flag -> serverFlags.add(flag.replace("{case}", tag)));
		List<String> clientFlags = new ArrayList<>(ServerProcess.jvmFlags());
		clientFlags.add("-D" + AppHarness.CASE_PROPERTY + "=" + benchmarkCase.name());
		clientFlags.add("-D" + AppHarness.SIZE_PROPERTY + "=" + size);
		clientFlags.add("-D" + AppHarness.CALLERS_PROPERTY + "="
				+ String.join(",", options.callers().stream().map(String::valueOf).toList()));
		clientFlags.add("-D" + AppHarness.WARMUP_PROPERTY + "=" + options.warmupNanos());
		clientFlags.add("-D" + AppHarness.DURATION_PROPERTY + "=" + options.durationNanos());
		Duration measuring = Duration.ofNanos(options.warmupNanos() + options.durationNanos()).plus(READY_TIMEOUT);
		try (AppProcess server = AppProcess.start("server " + tag, apps.classpath(), apps.serverMain(), serverFlags,
				apps.serverArgs())) {
			server.await(AppHarness.READY, READY_TIMEOUT);
			try (AppProcess client = AppProcess.start("client " + tag, apps.classpath(), apps.clientMain(),
					clientFlags, apps.clientArgs())) {
				for (int i = 0; i < options.callers().size(); i++) {
					client.await(AppHarness.MEASURING, measuring);
					long serverBefore = server.cpuNanos();
					AppProcess.Line line = client.await(AppHarness.RESULT, measuring);
					long serverCpu = server.cpuNanos() - serverBefore;
					CaseResult result = AppHarness.fromJson(line.rest());
					if (!server.isAlive()) {
						throw new IOException("the server application died during the run");
					}
					sink.accept(result.withCpu(result.clientCpuMicrosPerCall(),
							serverCpu / 1000.0 / Math.max(1, result.count())));
				}
				client.waitFor(Duration.ofSeconds(10));
			}
		}
		finally {
			apps.cleanup();
		}
	}

	/**
	 * Returns the server and client of a case, and where they meet.
	 * @param benchmarkCase the case
	 * @param options the run's options
	 * @return the applications
	 * @throws IOException if no free port can be found
	 */
	static Apps apps(BenchmarkCase benchmarkCase, BenchmarkOptions options) throws IOException {
		String own = System.getProperty("java.class.path");
		long pid = ProcessHandle.current().pid();
		int n = sequence.incrementAndGet();
		return switch (benchmarkCase) {
			case BOOT_UNIX_CALLERS, BOOT_UNIX_JSON_CALLERS -> {
				Path socket = Path.of(System.getProperty("java.io.tmpdir"), "cdmf-bench-boot-" + pid + "-" + n + ".sock");
				yield boot(own, "unix://" + socket, benchmarkCase != BenchmarkCase.BOOT_UNIX_JSON_CALLERS, socket);
			}
			case BOOT_SHM_CALLERS -> {
				Path directory = Files.createTempDirectory("cdmf-bench-boot-shm-");
				yield boot(own, "shm://boot-echo-" + pid + "-" + n + "?directory=" + directory, true, directory);
			}
			case BOOT_TCP_CALLERS -> boot(own, "tcp://127.0.0.1:" + freePort(), true, null);
			case BOOT_GRPC_CALLERS -> boot(own, "grpc://127.0.0.1:" + freePort(), true, null);
			case PEER_SPRING_GRPC_CALLERS -> peer(options, "spring-grpc", "springgrpc.server.SpringGrpcEchoServer",
					"springgrpc.client.SpringGrpcEchoClient", List.of());
			case PEER_DUBBO_CALLERS -> peer(options, "dubbo", "dubbo.DubboEchoServer", "dubbo.DubboEchoClient",
					List.of("--protocol=dubbo"));
			case PEER_DUBBO_TRIPLE_CALLERS -> peer(options, "dubbo", "dubbo.DubboEchoServer",
					"dubbo.DubboEchoClient", List.of("--protocol=tri"));
			case PEER_REST_CALLERS -> peer(options, "rest", "rest.RestEchoServer", "rest.RestEchoClient", List.of());
			default -> throw new IllegalArgumentException("not an application case: " + benchmarkCase);
		};
	}

	private static Apps peer(BenchmarkOptions options, String module, String server, String client,
			List<String> extra) throws IOException {
		List<String> args = new ArrayList<>(extra);
		args.add("--port=" + freePort());
		return new Apps(peerClasspath(options, module), PEERS_PACKAGE + server, args, PEERS_PACKAGE + client, args,
				null);
	}

	/**
	 * Returns the class path of a peer's applications: the module's jar and its {@code target/classpath.txt}.
	 * @param options the run's options, with {@code --peers-dir}
	 * @param module the peer's module under {@code cdmf-ipc-benchmarks-peers}
	 * @return the class path
	 * @throws IOException if the peers were not built
	 */
	static String peerClasspath(BenchmarkOptions options, String module) throws IOException {
		Path dir = options.peersDir();
		if (dir == null) {
			throw new IOException("the peers' applications are not built: run through scripts/benchmark.sh, which "
					+ "builds cdmf-ipc-benchmarks-peers (./mvnw -P peers) and passes --peers-dir");
		}
		Path target = dir.resolve(module).resolve("target");
		Path classpath = target.resolve("classpath.txt");
		if (!Files.isRegularFile(classpath)) {
			throw new IOException(classpath + " is missing: build the peers with ./mvnw -B -P peers -pl "
					+ "cdmf-ipc-benchmarks-peers/" + module + " -am package -DskipTests");
		}
		try (var jars = Files.list(target)) {
			Path jar = jars.filter(path -> path.getFileName().toString().endsWith(".jar"))
				.findFirst()
				.orElseThrow(() -> new IOException("no jar in " + target + ": build the peers first"));
			return jar.toAbsolutePath() + java.io.File.pathSeparator + Files.readString(classpath).strip();
		}
	}

	private static Apps boot(String classpath, String endpoint, boolean binary, @Nullable Path files) {
		List<String> serverArgs = new ArrayList<>(List.of("--cdmf.ipc.server.services.Echo.endpoints=" + endpoint));
		List<String> clientArgs = new ArrayList<>(List.of("--cdmf.ipc.client.services.Echo.endpoint=" + endpoint));
		if (binary) {
			serverArgs.add("--cdmf.ipc.server.services.Echo.serialization=BINARY");
			clientArgs.add("--cdmf.ipc.client.services.Echo.serialization=BINARY");
		}
		return new Apps(classpath, BootEchoServer.class.getName(), serverArgs, BootEchoClient.class.getName(),
				clientArgs, files);
	}

	/**
	 * Returns a loopback port free right now (the server binds it a moment later).
	 * @return the port
	 * @throws IOException if none can be bound
	 */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/**
	 * A case's server and client applications.
	 *
	 * @param classpath the class path of both
	 * @param serverMain the server's main class
	 * @param serverArgs the server's arguments
	 * @param clientMain the client's main class
	 * @param clientArgs the client's arguments
	 * @param files a socket file or directory to delete afterwards, or {@code null}
	 */
	record Apps(String classpath, String serverMain, List<String> serverArgs, String clientMain,
			List<String> clientArgs, @Nullable Path files) {

		void cleanup() {
			if (this.files == null) {
				return;
			}
			try {
				if (Files.isDirectory(this.files)) {
					try (var paths = Files.walk(this.files)) {
						for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
							Files.deleteIfExists(path);
						}
					}
				}
				else {
					Files.deleteIfExists(this.files);
				}
			}
			catch (IOException ex) {
				logger.warn("Could not delete {} after the run; delete it by hand", this.files, ex);
			}
		}

	}

}
