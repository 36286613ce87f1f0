package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import org.jspecify.annotations.Nullable;

/**
 * The client side of the network cases ({@code grpc://} and {@code tcp://} against raw grpc-java and raw TCP), in
 * the benchmark JVM: which client each case uses, how it is measured, and which raw case it is compared with.
 * <p>
 * The single-caller cases run {@link LatencyLoop}, as the Unix cases do. The {@value #CALLERS}-caller cases run
 * {@link CallersLoop}: that many threads each making synchronous calls on one shared connection (a gRPC channel or
 * a proxy). Their framework callers park at once instead of spinning ({@code syncSpin} 0): sixteen spinning threads on
 * a small machine would take the CPUs from the I/O threads that answer them, and grpc-java's blocking stub parks too.
 *
 * @since 0.1.0
 */
final class NetworkCases {

	/** Caller threads of the throughput cases. */
	static final int CALLERS = 16;

	/**
	 * Shortest warm-up of a gRPC case outside smoke runs, in seconds: grpc-java's call path is large, and with a few
	 * seconds of warm-up the JIT compilers are still busy while measuring (their CPU time then dominates the CPU per
	 * call, and the p50 of raw grpc-java doubles).
	 */
	static final long MIN_GRPC_WARMUP_SECONDS = 15;

	private NetworkCases() {
	}

	/**
	 * Returns whether a case runs over the network transports.
	 * @param benchmarkCase the case
	 * @return whether its server listens on a port
	 */
	static boolean isNetwork(BenchmarkCase benchmarkCase) {
		return NetworkServers.serves(benchmarkCase.server());
	}

	/**
	 * Returns the raw case a network case is compared with.
	 * @param benchmarkCase a network case
	 * @return the baseline, or {@code null} for a baseline itself or a case that is not a network case
	 */
	static @Nullable BenchmarkCase baseline(BenchmarkCase benchmarkCase) {
		// raw-tcp-spin is shown beside raw-tcp (NetworkReport), not judged against.
		return switch (benchmarkCase) {
			case FRAMEWORK_GRPC_UNARY, FRAMEWORK_GRPC_STREAM -> BenchmarkCase.RAW_GRPC;
			case FRAMEWORK_GRPC_UNARY_CALLERS, FRAMEWORK_GRPC_STREAM_CALLERS -> BenchmarkCase.RAW_GRPC_CALLERS;
			case FRAMEWORK_TCP_INLINE, FRAMEWORK_TCP_EXECUTOR -> BenchmarkCase.RAW_TCP;
			default -> null;
		};
	}

	/**
	 * Measures a network case against its running server.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param portFile the file the server wrote its port into
	 * @param options the run's options
	 * @return the figures
	 * @throws IOException if the server cannot be reached or a call fails
	 */
	static CaseResult measure(BenchmarkCase benchmarkCase, int size, Path portFile, BenchmarkOptions options)
			throws IOException {
		int port = NetworkServers.port(portFile);
		long warmup = options.warmupNanos();
		if (!options.smoke() && isGrpc(benchmarkCase)) {
			warmup = Math.max(warmup, TimeUnit.SECONDS.toNanos(MIN_GRPC_WARMUP_SECONDS));
		}
		long duration = options.durationNanos();
		switch (benchmarkCase) {
			case RAW_GRPC -> {
				try (SyncClient client = new RawGrpc.Client(RawGrpc.channel(port), size, true)) {
					return latency(benchmarkCase, size, client, warmup, duration);
				}
			}
			case RAW_GRPC_CALLERS -> {
				ManagedChannel channel = RawGrpc.channel(port);
				try (SyncClient owner = new RawGrpc.Client(channel, size, true)) {
					List<SyncClient> callers = new ArrayList<>();
					for (int i = 0; i < CALLERS; i++) {
						callers.add(new RawGrpc.Client(channel, size, false));
					}
					return callers(benchmarkCase, size, callers, warmup, duration);
				}
			}
			case RAW_TCP -> {
				try (SyncClient client = new RawPingPongClient(RawTcp.connect(port), size)) {
					return latency(benchmarkCase, size, client, warmup, duration);
				}
			}
			case RAW_TCP_SPIN -> {
				try (SyncClient client = new RawSpinningClient(RawTcp.connect(port), size, options.syncSpinNanos())) {
					return latency(benchmarkCase, size, client, warmup, duration);
				}
			}
			case FRAMEWORK_GRPC_UNARY_CALLERS, FRAMEWORK_GRPC_STREAM_CALLERS -> {
				try (FrameworkSyncClient client = FrameworkSyncClient.open(endpoint(benchmarkCase, port), size,
						Duration.ZERO)) {
					List<SyncClient> callers = new ArrayList<>();
					for (int i = 0; i < CALLERS; i++) {
						callers.add(client.caller());
					}
					return callers(benchmarkCase, size, callers, warmup, duration);
				}
			}
			case FRAMEWORK_GRPC_UNARY, FRAMEWORK_GRPC_STREAM, FRAMEWORK_TCP_INLINE, FRAMEWORK_TCP_EXECUTOR -> {
				try (SyncClient client = FrameworkSyncClient.open(endpoint(benchmarkCase, port), size,
						Duration.ofNanos(options.syncSpinNanos()))) {
					return latency(benchmarkCase, size, client, warmup, duration);
				}
			}
			default -> throw new IllegalArgumentException("not a network case: " + benchmarkCase);
		}
	}

	private static boolean isGrpc(BenchmarkCase benchmarkCase) {
		ServerKind server = benchmarkCase.server();
		return server == ServerKind.RAW_GRPC || server == ServerKind.FRAMEWORK_GRPC;
	}

	private static CaseResult latency(BenchmarkCase benchmarkCase, int size, SyncClient client, long warmup,
			long duration) throws IOException {
		// The warm-up as a run of its own (its one measured call discarded), so that the CPU meter sees only the
		// measuring time.
		LatencyLoop.run(benchmarkCase, size, client, warmup, 1);
		CpuMeter cpu = CpuMeter.start();
		return cpu.stop(LatencyLoop.run(benchmarkCase, size, client, 0, duration));
	}

	private static CaseResult callers(BenchmarkCase benchmarkCase, int size, List<SyncClient> callers, long warmup,
			long duration) throws IOException {
		CallersLoop.run(benchmarkCase, size, callers, warmup, 1);
		CpuMeter cpu = CpuMeter.start();
		return cpu.stop(CallersLoop.run(benchmarkCase, size, callers, 1, duration));
	}

	/**
	 * Returns the endpoint a framework network case's proxy connects to.
	 * @param benchmarkCase the case
	 * @param port the server's port
	 * @return the endpoint URI, naming the gRPC call mode explicitly
	 */
	static String endpoint(BenchmarkCase benchmarkCase, int port) {
		String endpoint = NetworkServers.endpoint(benchmarkCase.server(), port);
		if (benchmarkCase.server() != ServerKind.FRAMEWORK_GRPC) {
			return endpoint;
		}
		boolean stream = benchmarkCase == BenchmarkCase.FRAMEWORK_GRPC_STREAM
				|| benchmarkCase == BenchmarkCase.FRAMEWORK_GRPC_STREAM_CALLERS;
		return endpoint + (stream ? "?call-mode=stream" : "?call-mode=unary");
	}

	/**
	 * Returns a payload of a given size: bytes 0, 1, 2, ... wrapping.
	 * @param size the size
	 * @return a new array
	 */
	static byte[] payloadBytes(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

}
