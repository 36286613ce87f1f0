package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the forked applications of the {@code boot-*} and {@code peer-*} cases ({@link AppCases}) share with the
 * benchmark JVM: the lines they print on stdout and the caller loop they run.
 * <p>
 * A server application prints {@link #READY} once it serves ({@link #announceReady}); a client application runs
 * {@link #runCallers} with a function that makes one call through its own client (an {@code @IpcClient}, a gRPC
 * stub, a Dubbo reference...), which times {@link CallersLoop} exactly as the in-process many-callers cases do and
 * prints {@link #MEASURING} when the measured part starts and {@link #RESULT} with the {@link CaseResult} as JSON
 * when it ends. Everything else an application writes goes to stderr (the benchmark's {@code logback.xml}).
 *
 * @since 0.1.0
 */
public final class AppHarness {

	/**
	 * Start of the line a server prints when it serves:
	 * {@code READY uptimeMillis bootMillis loadedClasses cpuMillis}.
	 */
	public static final String READY = "cdmf-bench-ready";

	/** The line a client prints when its measured part starts. */
	public static final String MEASURING = "cdmf-bench-measuring";

	/** Start of the line a client prints with its result: {@code RESULT json}. */
	public static final String RESULT = "cdmf-bench-result";

	/** System property with the case a client measures ({@link BenchmarkCase#name()}). */
	public static final String CASE_PROPERTY = "cdmf.bench.case";

	/** System property with the payload size in bytes. */
	public static final String SIZE_PROPERTY = "cdmf.bench.size";

	/** System property with the numbers of caller threads, comma-separated: one measurement after the other. */
	public static final String CALLERS_PROPERTY = "cdmf.bench.callers";

	/** System property with the warm-up time in nanoseconds. */
	public static final String WARMUP_PROPERTY = "cdmf.bench.warmup-nanos";

	/** System property with the measuring time in nanoseconds. */
	public static final String DURATION_PROPERTY = "cdmf.bench.duration-nanos";

	private static final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private AppHarness() {
	}

	/**
	 * Prints {@link #READY} with the JVM's uptime, the application's own start-up time (Boot's "Started ... in"),
	 * the number of classes loaded so far and the CPU time the JVM used so far (all threads: JIT and GC included).
	 * @param bootMillis the application's start-up time in milliseconds, -1 if it has none
	 */
	public static void announceReady(long bootMillis) {
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
		long cpuMillis = os.getProcessCpuTime() / 1_000_000;
		System.out.println(READY + " " + uptime + " " + bootMillis + " " + classes + " " + cpuMillis);
		System.out.flush();
	}

	/**
	 * Runs the caller loop the system properties describe ({@link #CASE_PROPERTY} and the others) against one call
	 * function shared by every caller, once per caller count, and prints each result.
	 * @param call makes one synchronous call with the payload and returns the answer
	 * @throws IOException if a call fails
	 */
	public static void runCallers(Call call) throws IOException {
		BenchmarkCase benchmarkCase = BenchmarkCase.valueOf(property(CASE_PROPERTY));
		int size = Integer.parseInt(property(SIZE_PROPERTY));
		long warmup = Long.parseLong(property(WARMUP_PROPERTY));
		long duration = Long.parseLong(property(DURATION_PROPERTY));
		byte[] payload = new byte[size];
		// Not FrameworkSyncClient.payloadBytes: the peers' applications run this without the runtime on their path.
		for (int i = 0; i < size; i++) {
			payload[i] = (byte) i;
		}
		for (String count : property(CALLERS_PROPERTY).split(",")) {
			int callers = Integer.parseInt(count.strip());
			List<SyncClient> clients = new ArrayList<>(callers);
			for (int i = 0; i < callers; i++) {
				clients.add(new CallingClient(call, payload));
			}
			// As CallersCases.measure: the warm-up a run of its own, so that the CPU time counts the measuring only.
			CallersLoop.run(benchmarkCase, size, clients, warmup, 1);
			System.out.println(MEASURING + " " + callers);
			System.out.flush();
			long cpuBefore = os.getProcessCpuTime();
			CaseResult result = CallersLoop.run(benchmarkCase, size, clients, 1, duration);
			double cpu = (os.getProcessCpuTime() - cpuBefore) / 1000.0 / Math.max(1, result.count());
			System.out.println(RESULT + " " + toJson(result.withCpu(cpu, Double.NaN)));
			System.out.flush();
		}
	}

	/**
	 * Returns a result as one line of JSON, {@code NaN} as {@code null}.
	 * @param result the result
	 * @return the JSON text
	 */
	static String toJson(CaseResult result) {
		return Json.MAPPER.writeValueAsString(ResultsFile.row(result));
	}

	/**
	 * Reads a result printed by {@link #toJson}.
	 * @param text the JSON text
	 * @return the result
	 */
	static CaseResult fromJson(String text) {
		return ResultsFile.caseResult(Json.MAPPER.readTree(text));
	}

	private static String property(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("system property " + name + " is not set: the benchmark sets it when "
					+ "it forks the client application");
		}
		return value.strip();
	}

	/**
	 * The mapper of the result lines, made on first use: a server application prints its ready line through
	 * {@link #announceReady} and never a result, and building a Jackson mapper there (before the line, whose time is
	 * the start-up case's figure) cost an application without Jackson of its own, such as Spring gRPC's, some 560
	 * classes of start-up that are the harness's, not the application's.
	 */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

		private Json() {
		}

	}

	/**
	 * One synchronous call of a client application.
	 */
	@FunctionalInterface
	public interface Call {

		/**
		 * Makes the call.
		 * @param payload the bytes to send
		 * @return the answer
		 * @throws Exception if the call fails
		 */
		byte[] call(byte[] payload) throws Exception;

	}

	private record CallingClient(Call call, byte[] payload) implements SyncClient {

		@Override
		public void roundTrip(boolean verify) throws IOException {
			byte[] answer;
			try {
				answer = this.call.call(this.payload);
			}
			catch (IOException | RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IOException("call failed: " + ex, ex);
			}
			// The length check allocates nothing: always made, as TypedEchoClient does.
			if (answer.length != this.payload.length) {
				throw new IOException("echo of " + answer.length + " bytes, expected " + this.payload.length);
			}
		}

		@Override
		public void close() {
		}

	}

}
