package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The client side of the many-callers cases: N threads, each making synchronous calls one at a time, as a server
 * application's request pool does, measured together by {@link CallersLoop} once for each {@code --callers} count,
 * against a fresh server JVM each time ({@link CaseRunner} for {@code unix://}, {@link ShmCaseRunner} for
 * {@code shm://}).
 * <p>
 * The framework callers share one client, through the public API only: one {@code ServiceProxy}
 * ({@link FrameworkSyncClient}) or one typed client over one proxy ({@link TypedEchoClient}), with
 * {@code ProxyConfig}'s defaults unless {@code --sync-spin-micros} says otherwise. The raw baseline's callers share
 * nothing: each has its own blocking connection.
 * <p>
 * Adding a case takes a {@link BenchmarkCase} entry (its id, label and server kind), its place in {@link #CASES},
 * and a {@link CallerGroup} factory in {@link #open}; {@link #baseline} says which row its ratio is taken against.
 *
 * @since 0.1.0
 */
final class CallersCases {

	private static final Set<BenchmarkCase> CASES = EnumSet.of(BenchmarkCase.RAW_JDK_CALLERS,
			BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, BenchmarkCase.FRAMEWORK_UNIX_CALLERS_EXECUTOR,
			BenchmarkCase.TYPED_UNIX_CALLERS, BenchmarkCase.CHANNEL_UNIX_CALLERS, BenchmarkCase.FRAMEWORK_SHM_CALLERS,
			BenchmarkCase.TYPED_SHM_CALLERS);

	private CallersCases() {
	}

	/**
	 * Returns whether a case is a many-callers one, run once per {@code --callers} count.
	 * @param benchmarkCase the case
	 * @return whether it is
	 */
	static boolean covers(BenchmarkCase benchmarkCase) {
		return CASES.contains(benchmarkCase);
	}

	/**
	 * Returns the caller counts a case runs with.
	 * @param benchmarkCase the case
	 * @param options the run's options
	 * @return {@link BenchmarkOptions#callers()} for a many-callers case, 1 for any other
	 */
	static List<Integer> callerCounts(BenchmarkCase benchmarkCase, BenchmarkOptions options) {
		return covers(benchmarkCase) ? options.callers() : List.of(1);
	}

	/**
	 * Returns how the log names a run: the case's label, with the caller count for a many-callers case.
	 * @param benchmarkCase the case
	 * @param callers the caller threads
	 * @return the description
	 */
	static String describe(BenchmarkCase benchmarkCase, int callers) {
		if (!covers(benchmarkCase)) {
			return benchmarkCase.label();
		}
		return benchmarkCase.label() + " with " + callers + ((callers == 1) ? " caller" : " callers");
	}

	/**
	 * Returns the row a many-callers case is compared with: the raw baseline for a framework case, the framework
	 * case for a typed one.
	 * @param benchmarkCase the case
	 * @return the other case, or {@code null} if there is none (a baseline, or {@code shm://} without a raw one)
	 */
	static @Nullable BenchmarkCase baseline(BenchmarkCase benchmarkCase) {
		return switch (benchmarkCase) {
			case FRAMEWORK_UNIX_CALLERS_INLINE, FRAMEWORK_UNIX_CALLERS_EXECUTOR -> BenchmarkCase.RAW_JDK_CALLERS;
			case TYPED_UNIX_CALLERS, CHANNEL_UNIX_CALLERS -> BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE;
			case TYPED_SHM_CALLERS -> BenchmarkCase.FRAMEWORK_SHM_CALLERS;
			default -> null;
		};
	}

	/**
	 * Measures a many-callers case against its running server.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param callers the number of caller threads
	 * @param server where the server listens
	 * @param options the run's options
	 * @return the figures
	 * @throws IOException if a caller cannot connect or a call fails
	 */
	static CaseResult measure(BenchmarkCase benchmarkCase, int size, int callers, Target server,
			BenchmarkOptions options) throws IOException {
		try (CallerGroup group = open(benchmarkCase, size, server, options)) {
			List<SyncClient> clients = new ArrayList<>(callers);
			for (int i = 0; i < callers; i++) {
				clients.add(group.caller());
			}
			// The warm-up as a run of its own (its one measured call discarded), so that the CPU meter sees only the
			// measuring time.
			CallersLoop.run(benchmarkCase, size, clients, options.warmupNanos(), 1);
			CpuMeter cpu = CpuMeter.start();
			return cpu.stop(CallersLoop.run(benchmarkCase, size, clients, 1, options.durationNanos()));
		}
	}

	private static CallerGroup open(BenchmarkCase benchmarkCase, int size, Target server, BenchmarkOptions options) {
		@Nullable Duration syncSpin = options.syncSpinOverride();
		return switch (benchmarkCase) {
			case RAW_JDK_CALLERS -> new OwnConnections(
					() -> new RawPingPongClient(RawSockets.connect(ServerKind.RAW_JDK, server.socket()), size));
			case FRAMEWORK_UNIX_CALLERS_INLINE, FRAMEWORK_UNIX_CALLERS_EXECUTOR, CHANNEL_UNIX_CALLERS,
					FRAMEWORK_SHM_CALLERS ->
				FrameworkSyncClient.open(server.endpoint(), server.service(), size, syncSpin);
			case TYPED_UNIX_CALLERS, TYPED_SHM_CALLERS ->
				TypedEchoClient.open(server.endpoint(), server.service(), size, syncSpin,
						options.typedFormat());
			default -> throw new IllegalArgumentException("not a many-callers case: " + benchmarkCase);
		};
	}

	/**
	 * Where a many-callers case's server listens.
	 *
	 * @param socket the socket file (for {@code shm://}, the path that names the case's files)
	 * @param endpoint the framework server's endpoint URI
	 * @param service the framework server's service name
	 */
	record Target(Path socket, String endpoint, String service) {

		/**
		 * Returns the target of a {@code unix://} case.
		 * @param socket the socket file
		 * @return the target
		 */
		static Target unix(Path socket) {
			return new Target(socket, FrameworkServer.endpoint(socket), FrameworkServer.SERVICE);
		}

		/**
		 * Returns the target of a {@code unix://} case whose server may listen on several sockets.
		 * @param kind the server kind
		 * @param socket the case's socket file
		 * @return the target, its endpoint a comma-separated list where there are several
		 */
		static Target unix(ServerKind kind, Path socket) {
			return new Target(socket, FrameworkServer.endpoints(kind, socket), FrameworkServer.SERVICE);
		}

		/**
		 * Returns the target of a {@code shm://} case.
		 * @param name the path the harness chose for the case
		 * @param files the case's files
		 * @return the target
		 */
		static Target shm(Path name, ShmCaseFiles files) {
			return new Target(name, files.ringEndpoint(), ShmCaseFiles.NAME);
		}

	}

	/**
	 * Callers that share nothing: each gets a connection of its own, and all are closed with the group.
	 */
	private static final class OwnConnections implements CallerGroup {

		private final Connector connector;

		private final List<SyncClient> opened = new ArrayList<>();

		OwnConnections(Connector connector) {
			this.connector = connector;
		}

		@Override
		public SyncClient caller() throws IOException {
			SyncClient client = this.connector.connect();
			this.opened.add(client);
			return client;
		}

		@Override
		public void close() throws IOException {
			IOException failure = null;
			for (SyncClient client : this.opened) {
				try {
					client.close();
				}
				catch (IOException ex) {
					if (failure == null) {
						failure = ex;
					}
					else {
						failure.addSuppressed(ex);
					}
				}
			}
			if (failure != null) {
				throw failure;
			}
		}

	}

	/**
	 * Opens one caller's own connection.
	 */
	@FunctionalInterface
	private interface Connector {

		SyncClient connect() throws IOException;

	}

}
