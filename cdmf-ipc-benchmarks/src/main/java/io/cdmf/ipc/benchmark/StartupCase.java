package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cdmf.ipc.benchmark.boot.server.BootEchoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up case: starts each server application {@code --startup-runs} times, in turns, and takes the median
 * time from forking its JVM to its ready line ({@link AppHarness#READY}, printed on {@code ApplicationReadyEvent}),
 * as well as Boot's own figure and the classes loaded by then. The applications: {@link BootEchoServer} over
 * {@code unix://} and {@code grpc://} in {@code BINARY} and {@code JSON}, and the peers' Spring gRPC server (the
 * same echo on Spring gRPC 1.0.3) when {@code --peers-dir} is given.
 *
 * @since 0.1.0
 */
final class StartupCase {

	private static final Logger logger = LoggerFactory.getLogger(StartupCase.class);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private StartupCase() {
	}

	/**
	 * Runs the case.
	 * @param options the run's options
	 * @return one result per application
	 */
	static List<StartupResult> run(BenchmarkOptions options) {
		List<App> apps = new ArrayList<>(List.of(new App("boot-unix-binary", "Boot app, starter, unix://, BINARY",
				"unix", "BINARY", false), new App("boot-unix-json", "Boot app, starter, unix://, JSON", "unix", "JSON",
						false),
				new App("boot-grpc-binary", "Boot app, starter, grpc://, BINARY", "grpc", "BINARY", false),
				new App("boot-grpc-json", "Boot app, starter, grpc://, JSON", "grpc", "JSON", false),
				new App("peer-spring-grpc", "Boot app, Spring gRPC 1.0.3", "grpc", "protobuf-bytes", true)));
		double load = MachineInfo.currentLoad();
		logger.info("startup: {} starts of each of {} applications (load {})", options.startupRuns(), apps.size(),
				MachineInfo.currentLoadAverage());
		List<List<Start>> starts = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < apps.size(); i++) {
			starts.add(new ArrayList<>());
			failures.add(null);
		}
		// In turns, so that a burst of load on the machine spreads over every application rather than one.
		for (int run = 0; run < options.startupRuns(); run++) {
			for (int i = 0; i < apps.size(); i++) {
				App app = apps.get(i);
				if (failures.get(i) != null) {
					continue;
				}
				try {
					starts.get(i).add(start(app, options));
				}
				catch (IOException | RuntimeException ex) {
					logger.error("startup of {} failed", app.id(), ex);
					failures.set(i, String.valueOf(ex.getMessage()));
				}
			}
		}
		List<StartupResult> results = new ArrayList<>();
		for (int i = 0; i < apps.size(); i++) {
			App app = apps.get(i);
			List<Start> measured = starts.get(i);
			if (failures.get(i) != null || measured.isEmpty()) {
				results.add(new StartupResult(app.id(), app.label(), app.transport(), app.format(), app.peer(), 0,
						Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, load,
						failures.get(i)));
				continue;
			}
			double[] ready = measured.stream().mapToDouble(Start::readyMillis).toArray();
			StartupResult result = new StartupResult(app.id(), app.label(), app.transport(), app.format(),
					app.peer(), measured.size(), median(ready), Arrays.stream(ready).min().orElseThrow(),
					Arrays.stream(ready).max().orElseThrow(),
					median(measured.stream().mapToDouble(Start::bootMillis).toArray()),
					median(measured.stream().mapToDouble(Start::classes).toArray()),
					median(measured.stream().mapToDouble(Start::cpuMillis).toArray()), load, null);
			logger.info("  {}: ready in {} ms (median of {}, {}–{}), Boot says {} ms, {} classes, {} ms CPU",
					app.id(), Math.round(result.medianReadyMillis()), result.runs(),
					Math.round(result.minReadyMillis()), Math.round(result.maxReadyMillis()),
					Math.round(result.medianBootMillis()), Math.round(result.medianLoadedClasses()),
					Math.round(result.medianCpuMillis()));
			results.add(result);
		}
		return results;
	}

	private static Start start(App app, BenchmarkOptions options) throws IOException {
		String classpath;
		String main;
		List<String> args = new ArrayList<>();
		Path socket = null;
		if (app.peer()) {
			classpath = AppCases.peerClasspath(options, "spring-grpc");
			main = AppCases.PEERS_PACKAGE + "springgrpc.server.SpringGrpcEchoServer";
			args.add("--port=" + AppCases.freePort());
		}
		else {
			classpath = System.getProperty("java.class.path");
			main = BootEchoServer.class.getName();
			String endpoint;
			if (app.transport().equals("unix")) {
				socket = Path.of(System.getProperty("java.io.tmpdir"),
						"cdmf-bench-startup-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".sock");
				endpoint = "unix://" + socket;
			}
			else {
				endpoint = "grpc://127.0.0.1:" + AppCases.freePort();
			}
			args.add("--cdmf.ipc.server.services.Echo.endpoints=" + endpoint);
			if (app.format().equals("BINARY")) {
				args.add("--cdmf.ipc.server.services.Echo.serialization=BINARY");
			}
		}
		List<String> flags = new ArrayList<>(ServerProcess.jvmFlags());
		options.serverJvmFlags().forEach(flag -> flags.add(flag.replace("{case}", "startup-" + app.id())));
		try (AppProcess process = AppProcess.start("startup " + app.id(), classpath, main, flags, args)) {
			AppProcess.Line ready = process.await(AppHarness.READY, READY_TIMEOUT);
			String[] fields = ready.fields();
			return new Start((ready.nanos() - process.startedNanos()) / 1e6, Double.parseDouble(fields[2]),
					Double.parseDouble(fields[3]), Double.parseDouble(fields[4]));
		}
		finally {
			if (socket != null) {
				java.nio.file.Files.deleteIfExists(socket);
			}
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private record App(String id, String label, String transport, String format, boolean peer) {

	}

	private record Start(double readyMillis, double bootMillis, double classes, double cpuMillis) {

	}

}
