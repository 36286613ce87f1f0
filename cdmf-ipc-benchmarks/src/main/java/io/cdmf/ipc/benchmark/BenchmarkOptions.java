package io.cdmf.ipc.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ProxyConfig;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's command-line options.
 *
 * @param cases the cases to run, in order
 * @param sizes payload sizes in bytes
 * @param warmupNanos warm-up time of each case and size
 * @param durationNanos measuring time of each case and size
 * @param window calls in flight in the asynchronous cases
 * @param callers caller thread counts of the many-callers cases, ascending and distinct
 * @param output where the Markdown report goes
 * @param serverJvmFlags extra flags for the forked server JVMs; {@code {case}} is replaced by a case-and-size tag
 * @param syncSpinNanos how long a synchronous {@code ServiceProxy} caller spins before parking
 * @param smoke whether this is a smoke run (short times, by default only 64 B and 1 and 4 callers)
 * @param typedFormat the serialization format of the typed cases' client ({@code --typed-format})
 * @since 0.1.0
 */
public record BenchmarkOptions(List<BenchmarkCase> cases, List<Integer> sizes, long warmupNanos, long durationNanos,
		int window, List<Integer> callers, Path output, List<String> serverJvmFlags, long syncSpinNanos,
		boolean smoke, SerializationFormat typedFormat) {

	/** Largest payload the raw echo loops accept. */
	public static final int MAX_SIZE = 1024 * 1024;

	/** Default payload sizes: 64 B, 1 KiB, 64 KiB. */
	public static final List<Integer> DEFAULT_SIZES = List.of(64, 1024, 65536);

	/** Default measuring time of each case and size, in seconds. */
	public static final double DEFAULT_DURATION_SECONDS = 10;

	/** Default warm-up time of each case and size, in seconds. */
	public static final double DEFAULT_WARMUP_SECONDS = 3;

	/** Largest number of calls in flight the asynchronous cases accept. */
	public static final int MAX_WINDOW = 4096;

	/** Default number of calls in flight in the asynchronous cases. */
	public static final int DEFAULT_WINDOW = 256;

	/** Default caller thread counts of the many-callers cases: a request pool from one thread to 64. */
	public static final List<Integer> DEFAULT_CALLERS = List.of(1, 4, 16, 64);

	/** Caller thread counts of the many-callers cases in a smoke run. */
	public static final List<Integer> SMOKE_CALLERS = List.of(1, 4);

	/** Most caller threads a many-callers case accepts. */
	public static final int MAX_CALLERS = 256;

	/** Measuring time of a smoke run, in seconds. */
	public static final double SMOKE_DURATION_SECONDS = 0.5;

	/** Warm-up time of a smoke run, in seconds. */
	public static final double SMOKE_WARMUP_SECONDS = 0.3;

	/** Usage text printed for {@code --help} and after a bad option. */
	public static final String USAGE = """
			Usage: BenchmarkMain [options]
			  --output FILE              Unix-socket report (default docs/benchmarks.md); the network and
			                             shared-memory cases go to FILE's name plus -network and -shm
			  --duration-seconds S       measuring time per case and size (default 10)
			  --warmup-seconds S         warm-up time per case and size (default 3)
			  --sizes 64,1024,65536      payload sizes in bytes (at most 1048576)
			  --only raw-jdk,framework-unix
			                             cases to run: raw-jdk, raw-jdk-spin, raw-jnr, framework-unix,
			                             raw-jdk-async, framework-unix-async (default all)
			                             network, reported in <output>-network.md: raw-grpc, framework-grpc, raw-grpc-callers,
			                             framework-grpc-callers, raw-tcp, raw-tcp-spin, framework-tcp
			                             shared memory, reported in <output>-shm.md: framework-shm, raw-agrona,
			                             raw-chronicle, framework-shm-oneway, framework-journal-oneway,
			                             raw-agrona-oneway, raw-chronicle-oneway
			                             many callers, once per --callers count, in the "Many callers" section of
			                             <output> (raw-jdk-callers, framework-unix-callers, typed-unix-callers) and
			                             of <output>-shm.md (framework-shm-callers, typed-shm-callers)
			  --window N                 calls in flight in the async cases (default 256, at most 4096)
			  --callers 1,4,16,64        caller threads of the many-callers cases, each count a run of its own
			                             (default 1,4,16,64; smoke 1,4; at most 256)
			  --server-jvm-flags "..."   extra flags for the server JVMs; {case} becomes e.g. framework-inline-64
			  --sync-spin-micros N       ServiceProxy syncSpin of the framework clients (default 50, 0 = park at once)
			  --typed-format BINARY      format of the typed cases' client: BINARY (default), JSON, MESSAGEPACK or
			                             PROTOBUF (a BytesValue echo instead of byte[])
			  --smoke                    a few seconds in all: 0.3 s warm-up, 0.5 s measuring, 64 B unless --sizes
			""";

	/**
	 * Parses command-line arguments; later options win over earlier ones.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException for an unknown option or a bad value; the message says which
	 */
	public static BenchmarkOptions parse(String... args) {
		List<BenchmarkCase> cases = List.of(BenchmarkCase.values());
		List<Integer> sizes = null;
		Double duration = null;
		Double warmup = null;
		int window = DEFAULT_WINDOW;
		List<Integer> callers = null;
		Path output = Path.of("docs", "benchmarks.md");
		List<String> serverFlags = List.of();
		long syncSpinNanos = ProxyConfig.DEFAULT_SYNC_SPIN.toNanos();
		boolean smoke = false;
		SerializationFormat typedFormat = SerializationFormat.BINARY;
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			switch (option) {
				case "--smoke" -> smoke = true;
				case "--output" -> output = Path.of(value(args, ++i, option));
				case "--duration-seconds" -> duration = seconds(option, value(args, ++i, option));
				case "--warmup-seconds" -> warmup = seconds(option, value(args, ++i, option));
				case "--sizes" -> sizes = sizes(value(args, ++i, option));
				case "--only" -> cases = BenchmarkCase.select(list(value(args, ++i, option)));
				case "--window" -> window = window(value(args, ++i, option));
				case "--callers" -> callers = callers(value(args, ++i, option));
				case "--server-jvm-flags" -> serverFlags = split(value(args, ++i, option));
				case "--sync-spin-micros" -> syncSpinNanos = spinMicros(value(args, ++i, option)) * 1_000L;
				case "--typed-format" -> typedFormat = typedFormat(value(args, ++i, option));
				default -> throw new IllegalArgumentException("unknown option '" + option + "'");
			}
		}
		if (sizes == null) {
			sizes = smoke ? List.of(64) : DEFAULT_SIZES;
		}
		if (callers == null) {
			callers = smoke ? SMOKE_CALLERS : DEFAULT_CALLERS;
		}
		double durationSeconds = (duration != null) ? duration
				: (smoke ? SMOKE_DURATION_SECONDS : DEFAULT_DURATION_SECONDS);
		double warmupSeconds = (warmup != null) ? warmup : (smoke ? SMOKE_WARMUP_SECONDS : DEFAULT_WARMUP_SECONDS);
		return new BenchmarkOptions(cases, sizes, nanos(warmupSeconds), nanos(durationSeconds), window, callers,
				output, serverFlags, syncSpinNanos, smoke, typedFormat);
	}

	/**
	 * Returns the proxy spin this run asks for when it is not the proxy's default, for the clients that otherwise
	 * keep {@link ProxyConfig}'s defaults (the many-callers cases: what users get).
	 * @return the spin from {@code --sync-spin-micros}, or {@code null} to leave the proxy's default
	 */
	public @Nullable Duration syncSpinOverride() {
		Duration spin = Duration.ofNanos(this.syncSpinNanos);
		return spin.equals(ProxyConfig.DEFAULT_SYNC_SPIN) ? null : spin;
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	private static double seconds(String option, String text) {
		double value;
		try {
			value = Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " must be a number of seconds: " + text);
		}
		if (!(value > 0) || value > 3600) {
			throw new IllegalArgumentException(option + " must be between 0 and 3600 seconds: " + text);
		}
		return value;
	}

	private static int positive(String option, String text) {
		int value;
		try {
			value = Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " must be a whole number: " + text);
		}
		if (value <= 0) {
			throw new IllegalArgumentException(option + " must be positive: " + text);
		}
		return value;
	}

	private static long spinMicros(String text) {
		if (text.strip().equals("0")) {
			return 0;
		}
		return positive("--sync-spin-micros", text);
	}

	private static SerializationFormat typedFormat(String text) {
		List<SerializationFormat> formats = List.of(SerializationFormat.BINARY, SerializationFormat.JSON,
				SerializationFormat.MESSAGEPACK, SerializationFormat.PROTOBUF);
		for (SerializationFormat format : formats) {
			if (format.name().equalsIgnoreCase(text.strip())) {
				return format;
			}
		}
		throw new IllegalArgumentException("--typed-format must be one of " + formats + ": " + text);
	}

	private static int window(String text) {
		int window = positive("--window", text);
		if (window > MAX_WINDOW) {
			throw new IllegalArgumentException("--window must be at most " + MAX_WINDOW + ": " + window);
		}
		return window;
	}

	private static List<Integer> callers(String text) {
		List<Integer> result = new ArrayList<>();
		for (String item : list(text)) {
			int callers = positive("--callers", item);
			if (callers > MAX_CALLERS) {
				throw new IllegalArgumentException("--callers must be at most " + MAX_CALLERS + ": " + callers);
			}
			result.add(callers);
		}
		// Ascending, so that the report's columns and its "never lower with more callers" check read left to right.
		return result.stream().sorted().distinct().toList();
	}

	private static List<Integer> sizes(String text) {
		List<Integer> result = new ArrayList<>();
		for (String item : list(text)) {
			int size = positive("--sizes", item);
			if (size > MAX_SIZE) {
				throw new IllegalArgumentException("--sizes must be at most " + MAX_SIZE + " bytes: " + size);
			}
			result.add(size);
		}
		return List.copyOf(result);
	}

	private static List<String> list(String text) {
		List<String> items = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		if (items.isEmpty()) {
			throw new IllegalArgumentException("list must not be empty: '" + text + "'");
		}
		return items;
	}

	private static List<String> split(String text) {
		return Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
	}

	private static long nanos(double seconds) {
		return (long) (seconds * 1_000_000_000L);
	}

}
