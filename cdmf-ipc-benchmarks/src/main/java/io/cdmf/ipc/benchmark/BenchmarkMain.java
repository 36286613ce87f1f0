package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cross-process benchmark and writes its Markdown reports: by default {@code docs/benchmarks.md} for the
 * Unix-socket cases, {@code docs/benchmarks-network.md} for the {@code grpc://} and {@code tcp://} cases and
 * {@code docs/benchmarks-shm.md} for the shared-memory cases (see {@link ShmReport}); the many-callers cases
 * ({@link CallersCases}) go into a section of the report of their transport. A report is written only when the run
 * measured cases of its kind, so a partial run leaves the other reports alone.
 * <p>
 * For each payload size, each selected case (and each {@code --callers} count of a many-callers case) forks a
 * server JVM ({@link BenchmarkServer}), measures it from this JVM, and destroys it. Run it through
 * {@code scripts/benchmark.sh}, which builds the module and passes the JVM flags; {@code --help} lists the options.
 *
 * @since 0.1.0
 */
public final class BenchmarkMain {

	/** Environment variable with the command line to show in the report (set by {@code scripts/benchmark.sh}). */
	public static final String COMMAND_VARIABLE = "CDMF_BENCHMARK_COMMAND";

	private static final Logger logger = LoggerFactory.getLogger(BenchmarkMain.class);

	private BenchmarkMain() {
	}

	/**
	 * Runs the benchmark and exits with its status.
	 * @param args the options, see {@link BenchmarkOptions#USAGE}
	 */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Runs the benchmark.
	 * @param args the options, see {@link BenchmarkOptions#USAGE}
	 * @return 0 if every case ran, 1 if a case failed or the report could not be written, 2 for bad options
	 */
	public static int run(String... args) {
		if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
			System.out.print(BenchmarkOptions.USAGE);
			return 0;
		}
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(BenchmarkOptions.USAGE);
			return 2;
		}
		MachineInfo machine = MachineInfo.capture();
		ZonedDateTime started = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
		long startNanos = System.nanoTime();
		logger.info("Benchmark on {} CPUs ({}), load {}; cases {}, sizes {}", machine.processors(),
				machine.cpuModel(), machine.loadAverage(), options.cases(), options.sizes());
		if (MachineInfo.currentLoad() > machine.processors() / 2.0) {
			logger.warn("The load average is {} on {} CPUs: figures will be noisy", machine.loadAverage(),
					machine.processors());
		}
		CaseRunner runner = new CaseRunner(options);
		ShmCaseRunner shmRunner = new ShmCaseRunner(options);
		List<CaseResult> socketResults = new ArrayList<>();
		List<CaseResult> networkResults = new ArrayList<>();
		List<ShmCaseResult> shmResults = new ArrayList<>();
		for (int size : options.sizes()) {
			for (BenchmarkCase benchmarkCase : options.cases()) {
				for (int callers : CallersCases.callerCounts(benchmarkCase, options)) {
					if (ShmCaseRunner.covers(benchmarkCase)) {
						shmResults.add(shmRunner.run(benchmarkCase, size, callers));
					}
					else if (NetworkCases.isNetwork(benchmarkCase)) {
						networkResults.add(runner.run(benchmarkCase, size, callers));
					}
					else {
						socketResults.add(runner.run(benchmarkCase, size, callers));
					}
				}
			}
		}
		List<String> jvmFlags = ManagementFactory.getRuntimeMXBean().getInputArguments();
		Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
		String loadAtEnd = MachineInfo.currentLoadAverage();
		String command = command(args, jvmFlags);
		if (!socketResults.isEmpty()) {
			MarkdownReport report = new MarkdownReport(options, machine, command, jvmFlags, started, took, loadAtEnd,
					socketResults);
			// The summary opens docs/benchmarks.md with the many-callers figures of every transport of the run.
			List<CaseResult> all = new ArrayList<>(socketResults);
			all.addAll(networkResults);
			shmResults.forEach(result -> all.add(result.result()));
			SummaryReport summary = SummaryReport.of(all);
			if (!write(options.output(), file -> report.write(file, summary.write(chartDirectory(file))))) {
				return 1;
			}
		}
		if (!networkResults.isEmpty()) {
			MarkdownReport report = new MarkdownReport(options, machine, command, jvmFlags, started, took, loadAtEnd,
					networkResults);
			if (!write(ShmReport.sibling(options.output(), "-network"), report::write)) {
				return 1;
			}
		}
		if (!shmResults.isEmpty()) {
			ShmReport report = new ShmReport(options, machine, command, jvmFlags, started, took, loadAtEnd,
					shmResults);
			if (!write(ShmReport.pathFor(options.output()), report::write)) {
				return 1;
			}
		}
		List<CaseResult> results = new ArrayList<>(socketResults);
		results.addAll(networkResults);
		boolean allRan = results.stream().allMatch(CaseResult::isSuccess)
				&& shmResults.stream().allMatch(ShmCaseResult::isSuccess);
		return allRan ? 0 : 1;
	}

	private static boolean write(Path file, ReportWriter writer) {
		try {
			writer.write(file);
		}
		catch (IOException ex) {
			logger.error("Could not write the report to {}", file, ex);
			return false;
		}
		logger.info("Wrote {} (load at end {})", file, MachineInfo.currentLoadAverage());
		return true;
	}

	/**
	 * Returns where the summary's charts of a report go: a directory beside it named after it
	 * ({@code docs/benchmarks.md} → {@code docs/benchmarks/}).
	 * @param report the report file
	 * @return the directory
	 */
	static Path chartDirectory(Path report) {
		String name = report.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return report.resolveSibling((dot > 0) ? name.substring(0, dot) : name + "-charts");
	}

	@FunctionalInterface
	private interface ReportWriter {

		void write(Path file) throws IOException;

	}

	private static String command(String[] args, List<String> jvmFlags) {
		String fromScript = System.getenv(COMMAND_VARIABLE);
		if (fromScript != null && !fromScript.isBlank()) {
			return fromScript.strip();
		}
		return "java " + String.join(" ", jvmFlags) + " -cp <classpath> " + BenchmarkMain.class.getName() + " "
				+ String.join(" ", args);
	}

}
