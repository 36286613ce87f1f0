package io.cdmf.ipc.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the benchmark: which server the forked JVM runs and how the client in the main JVM calls it.
 * <p>
 * Several rows can share an {@link #id()} (the framework's inline and executor modes), which is what
 * {@code --only} selects by.
 *
 * @since 0.1.0
 */
public enum BenchmarkCase {

	/** Raw grpc-java unary echo with a byte-array marshaller, one caller: the baseline of the gRPC rows. */
	RAW_GRPC("raw-grpc", "raw-grpc (unary)", ServerKind.RAW_GRPC, false),

	/** {@code ServiceProxy.call} over {@code grpc://}, one unary {@code Envelope/Call} per message. */
	FRAMEWORK_GRPC_UNARY("framework-grpc", "framework-grpc (unary)", ServerKind.FRAMEWORK_GRPC, false),

	/** {@code ServiceProxy.call} over {@code grpc://?call-mode=stream}, all messages on one {@code Envelope/Stream}. */
	FRAMEWORK_GRPC_STREAM("framework-grpc", "framework-grpc (stream)", ServerKind.FRAMEWORK_GRPC, false),

	/** {@link #RAW_GRPC} with {@value NetworkCases#CALLERS} caller threads sharing one channel. */
	RAW_GRPC_CALLERS("raw-grpc-callers", "raw-grpc (unary, 16 callers)", ServerKind.RAW_GRPC, true),

	/** {@link #FRAMEWORK_GRPC_UNARY} with {@value NetworkCases#CALLERS} caller threads sharing one proxy. */
	FRAMEWORK_GRPC_UNARY_CALLERS("framework-grpc-callers", "framework-grpc (unary, 16 callers)",
			ServerKind.FRAMEWORK_GRPC, true),

	/** {@link #FRAMEWORK_GRPC_STREAM} with {@value NetworkCases#CALLERS} caller threads sharing one proxy. */
	FRAMEWORK_GRPC_STREAM_CALLERS("framework-grpc-callers", "framework-grpc (stream, 16 callers)",
			ServerKind.FRAMEWORK_GRPC, true),

	/** Blocking JDK TCP {@code SocketChannel} ping-pong with {@code TCP_NODELAY}: the baseline of the TCP rows. */
	RAW_TCP("raw-tcp", "raw-tcp", ServerKind.RAW_TCP, false),

	/**
	 * The TCP ping-pong with the proxy's waiting policy, as {@link #RAW_JDK_SPIN} is for Unix sockets: shown next to
	 * the judged baseline, it separates the socket's cost from the cost of waking idle CPUs.
	 */
	RAW_TCP_SPIN("raw-tcp-spin", "raw-tcp-spin", ServerKind.RAW_TCP, false),

	/** {@code ServiceProxy.call} over {@code tcp://} against a stub running handlers on its I/O thread. */
	FRAMEWORK_TCP_INLINE("framework-tcp", "framework-tcp (inline)", ServerKind.FRAMEWORK_TCP_INLINE, false),

	/** {@code ServiceProxy.call} over {@code tcp://} against a stub running handlers on its executor. */
	FRAMEWORK_TCP_EXECUTOR("framework-tcp", "framework-tcp (executor)", ServerKind.FRAMEWORK_TCP_EXECUTOR, false),

	/** Blocking JDK {@code SocketChannel} ping-pong: the baseline the framework is judged against. */
	RAW_JDK("raw-jdk", "raw-jdk", ServerKind.RAW_JDK, false),

	/**
	 * The same JDK ping-pong with the proxy's waiting policy: the client polls a non-blocking read for the proxy's
	 * spin time before it waits. Not the judged baseline; it separates the socket's cost from the cost of idle CPUs.
	 */
	RAW_JDK_SPIN("raw-jdk-spin", "raw-jdk-spin", ServerKind.RAW_JDK, false),

	/** The same ping-pong over jnr-unixsocket channels. */
	RAW_JNR("raw-jnr", "raw-jnr", ServerKind.RAW_JNR, false),

	/** {@code ServiceProxy.call} against a stub running handlers on its I/O thread. */
	FRAMEWORK_INLINE("framework-unix", "framework-unix (inline)", ServerKind.FRAMEWORK_INLINE, false),

	/** {@code ServiceProxy.call} against a stub running handlers on its executor (the default). */
	FRAMEWORK_EXECUTOR("framework-unix", "framework-unix (executor)", ServerKind.FRAMEWORK_EXECUTOR, false),

	/** Pipelined raw JDK ping-pong: a window of requests in flight, responses read by a second thread. */
	RAW_JDK_ASYNC("raw-jdk-async", "raw-jdk-async", ServerKind.RAW_JDK, true),

	/** {@code ServiceProxy.callAsync} with a window of calls in flight, inline handlers on the server. */
	FRAMEWORK_ASYNC_INLINE("framework-unix-async", "framework-unix-async (inline)", ServerKind.FRAMEWORK_INLINE,
			true),

	/** {@code ServiceProxy.callAsync} with a window of calls in flight, executor handlers on the server. */
	FRAMEWORK_ASYNC_EXECUTOR("framework-unix-async", "framework-unix-async (executor)",
			ServerKind.FRAMEWORK_EXECUTOR, true),

	// Shared memory, run by ShmCaseRunner and reported by ShmReport. "Async" marks the one-way throughput cases.

	/** {@code ServiceProxy.call} over {@code shm://} against a stub running handlers inline (the zero-copy path). */
	FRAMEWORK_SHM("framework-shm", "framework-shm (inline)", ServerKind.FRAMEWORK_SHM, false),

	/** Ping-pong over two raw Agrona rings in a mapped file, one busy-spinning thread per side. */
	RAW_AGRONA("raw-agrona", "raw-agrona", ServerKind.RAW_AGRONA, false),

	/** Ping-pong over two raw Chronicle queues, one busy-spinning thread per side. */
	RAW_CHRONICLE("raw-chronicle", "raw-chronicle", ServerKind.RAW_CHRONICLE, false),

	/** {@code ServiceProxy.callOneWay} bursts over {@code shm://} to a stub running handlers inline. */
	FRAMEWORK_SHM_ONE_WAY("framework-shm-oneway", "framework-shm-oneway (inline)", ServerKind.FRAMEWORK_SHM, true),

	/** {@code ServiceProxy.callOneWay} bursts into {@code shm+journal://}, consumed by a stub in another JVM. */
	FRAMEWORK_JOURNAL_ONE_WAY("framework-journal-oneway", "framework-journal-oneway", ServerKind.FRAMEWORK_JOURNAL,
			true),

	/** One-way bursts into a raw Agrona ring. */
	RAW_AGRONA_ONE_WAY("raw-agrona-oneway", "raw-agrona-oneway", ServerKind.RAW_AGRONA, true),

	/** One-way bursts into a raw Chronicle queue. */
	RAW_CHRONICLE_ONE_WAY("raw-chronicle-oneway", "raw-chronicle-oneway", ServerKind.RAW_CHRONICLE, true),

	// Many callers, run once per --callers count by CallersCases (which says how to add one) and reported by
	// CallersReport: N threads each making synchronous calls, one at a time.

	/** N threads, each with its own blocking JDK connection: the bound for callers that share nothing. */
	RAW_JDK_CALLERS("raw-jdk-callers", "raw-jdk-callers", ServerKind.RAW_JDK, false),

	/** N threads sharing one {@code ServiceProxy} over {@code unix://}, handlers inline on the server. */
	FRAMEWORK_UNIX_CALLERS_INLINE("framework-unix-callers", "framework-unix-callers (inline)",
			ServerKind.FRAMEWORK_INLINE, false),

	/** N threads sharing one {@code ServiceProxy} over {@code unix://}, handlers on the server's executor. */
	FRAMEWORK_UNIX_CALLERS_EXECUTOR("framework-unix-callers", "framework-unix-callers (executor)",
			ServerKind.FRAMEWORK_EXECUTOR, false),

	/** N threads sharing one typed {@link Echo} client over one proxy on {@code unix://}, an exported server. */
	TYPED_UNIX_CALLERS("typed-unix-callers", "typed-unix-callers (inline)", ServerKind.TYPED_INLINE, false),

	/**
	 * N threads sharing one client channel over three {@code unix://} endpoints of one server (its defaults: power of
	 * two choices, a circuit breaker), handlers inline.
	 */
	CHANNEL_UNIX_CALLERS("channel-unix-callers", "channel-unix-callers (3 endpoints)",
			ServerKind.FRAMEWORK_THREE_ENDPOINTS, false),

	/** N threads sharing one {@code ServiceProxy} over {@code shm://}, handlers inline on the server. */
	FRAMEWORK_SHM_CALLERS("framework-shm-callers", "framework-shm-callers (inline)", ServerKind.FRAMEWORK_SHM,
			false),

	/** N threads sharing one typed {@link Echo} client over one proxy on {@code shm://}, an exported server. */
	TYPED_SHM_CALLERS("typed-shm-callers", "typed-shm-callers (inline)", ServerKind.TYPED_SHM, false),

	// The user's path, run by AppCases once per --callers count: a server and a client application, each a JVM of
	// its own, the client running the caller loop and reporting back. Reported in the "Many callers" section.

	/** Two Spring Boot apps ({@code @IpcService}, {@code @IpcClient}), defaults, {@code unix://}, {@code BINARY}. */
	BOOT_UNIX_CALLERS("boot-unix-callers", "boot-unix-callers (Boot apps, BINARY)", ServerKind.BOOT_APP, false),

	/** {@link #BOOT_UNIX_CALLERS} in {@code JSON}, the default format: nothing set but the endpoint. */
	BOOT_UNIX_JSON_CALLERS("boot-unix-json-callers", "boot-unix-json-callers (Boot apps, JSON)", ServerKind.BOOT_APP,
			false),

	/** {@link #BOOT_UNIX_CALLERS} over {@code shm://}. */
	BOOT_SHM_CALLERS("boot-shm-callers", "boot-shm-callers (Boot apps, BINARY)", ServerKind.BOOT_APP, false),

	/** {@link #BOOT_UNIX_CALLERS} over {@code tcp://} on the loopback. */
	BOOT_TCP_CALLERS("boot-tcp-callers", "boot-tcp-callers (Boot apps, BINARY)", ServerKind.BOOT_APP, false),

	/** {@link #BOOT_UNIX_CALLERS} over {@code grpc://} on the loopback. */
	BOOT_GRPC_CALLERS("boot-grpc-callers", "boot-grpc-callers (Boot apps, BINARY)", ServerKind.BOOT_APP, false),

	/** Peer: two Spring gRPC 1.0.3 Boot apps, a unary bytes method, blocking calls on one channel. */
	PEER_SPRING_GRPC_CALLERS("peer-spring-grpc-callers", "peer-spring-grpc-callers (Spring gRPC 1.0.3)",
			ServerKind.PEER_APP, false),

	/** Peer: Dubbo 3.3.5, the classic {@code dubbo} protocol, direct URL, no registry. */
	PEER_DUBBO_CALLERS("peer-dubbo-callers", "peer-dubbo-callers (Dubbo 3.3.5, dubbo)", ServerKind.PEER_APP, false),

	/** Peer: Dubbo 3.3.5, the {@code tri} protocol, direct URL, no registry. */
	PEER_DUBBO_TRIPLE_CALLERS("peer-dubbo-triple-callers", "peer-dubbo-triple-callers (Dubbo 3.3.5, triple)",
			ServerKind.PEER_APP, false),

	/** Peer: Spring MVC server and {@code RestClient} client, {@code POST} of the bytes. */
	PEER_REST_CALLERS("peer-rest-callers", "peer-rest-callers (Spring MVC + RestClient)", ServerKind.PEER_APP,
			false),

	/**
	 * Start-up: the median time to ready of the Boot server app with the starter ({@code unix://}, {@code grpc://};
	 * {@code BINARY}, {@code JSON}) and of the same app on Spring gRPC, run by {@link StartupCase}.
	 */
	STARTUP("startup", "startup", ServerKind.BOOT_APP, false);

	private final String id;

	private final String label;

	private final ServerKind server;

	private final boolean async;

	BenchmarkCase(String id, String label, ServerKind server, boolean async) {
		this.id = id;
		this.label = label;
		this.server = server;
		this.async = async;
	}

	/**
	 * Returns the name {@code --only} selects this case by.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the row label in the report.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns what the forked server JVM runs.
	 * @return the server kind
	 */
	public ServerKind server() {
		return this.server;
	}

	/**
	 * Returns whether this case measures throughput with a window of calls in flight rather than one call at a time.
	 * @return whether asynchronous
	 */
	public boolean isAsync() {
		return this.async;
	}

	/**
	 * Returns whether the case is the framework's rather than a raw baseline.
	 * @return whether it runs the framework
	 */
	public boolean isFramework() {
		return this.server.isFramework();
	}

	/**
	 * Returns the cases with the given ids, in declaration order.
	 * @param ids case ids as {@code --only} takes them
	 * @return the selected cases
	 * @throws IllegalArgumentException if an id names no case
	 */
	public static List<BenchmarkCase> select(List<String> ids) {
		List<String> known = new ArrayList<>();
		for (BenchmarkCase candidate : values()) {
			if (!known.contains(candidate.id)) {
				known.add(candidate.id);
			}
		}
		for (String id : ids) {
			if (!known.contains(id.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("unknown case '" + id + "'; known cases: " + known);
			}
		}
		List<BenchmarkCase> selected = new ArrayList<>();
		for (BenchmarkCase candidate : values()) {
			if (ids.stream().anyMatch(id -> id.equalsIgnoreCase(candidate.id))) {
				selected.add(candidate);
			}
		}
		return selected;
	}

}
