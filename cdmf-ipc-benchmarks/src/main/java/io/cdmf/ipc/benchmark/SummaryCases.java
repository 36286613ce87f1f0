package io.cdmf.ipc.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cases the summary of {@code docs/benchmarks.md} ({@link SummaryReport}) shows, in its order, by
 * {@link BenchmarkCase#id()}: our typed Spring Boot apps per transport, our raw-API many-callers cases, the raw
 * baselines, then the peers. A case missing from a run (or not yet in {@link BenchmarkCase}) is left out of the
 * summary; a many-callers case not listed here ({@code *-callers}) comes after the listed ones of its kind, named by
 * its label, so a new case shows up before anyone lists it.
 *
 * @since 0.1.0
 */
final class SummaryCases {

	/** What a summary row is, in the order the summary shows them. */
	enum Kind {

		/** A typed {@code @IpcService}/{@code @IpcClient} Spring Boot app, as a user writes it, with the defaults. */
		BOOT,

		/** Our runtime's API ({@code ServiceProxy}, a typed binding, a channel) with hand-picked settings. */
		API,

		/** A raw baseline the framework is judged against (JDK sockets, grpc-java). */
		BASELINE,

		/** Another RPC framework's app, measured in the same run with the same payload and callers. */
		PEER

	}

	/**
	 * One known case.
	 *
	 * @param id the case id, as {@code --only} takes it
	 * @param transport the transport, as the summary's first column shows it
	 * @param what what the case runs, in a few words
	 * @param kind its kind
	 */
	record Known(String id, String transport, String what, Kind kind) {
	}

	/** The known cases, in the summary's order. */
	static final List<Known> KNOWN = List.of(
			new Known("boot-shm-callers", "`shm://`", "Boot app, typed, BINARY", Kind.BOOT),
			new Known("boot-unix-callers", "`unix://`", "Boot app, typed, BINARY", Kind.BOOT),
			new Known("boot-unix-json-callers", "`unix://`", "Boot app, typed, JSON", Kind.BOOT),
			new Known("boot-tcp-callers", "`tcp://`", "Boot app, typed, BINARY", Kind.BOOT),
			new Known("boot-grpc-callers", "`grpc://`", "Boot app, typed, BINARY", Kind.BOOT),
			new Known("typed-shm-callers", "`shm://`", "API: typed client, BINARY", Kind.API),
			new Known("framework-shm-callers", "`shm://`", "API: `ServiceProxy`", Kind.API),
			new Known("typed-unix-callers", "`unix://`", "API: typed client, BINARY", Kind.API),
			new Known("framework-unix-callers", "`unix://`", "API: `ServiceProxy`", Kind.API),
			new Known("channel-unix-callers", "`unix://`", "API: client channel, 3 endpoints", Kind.API),
			new Known("framework-grpc-callers", "`grpc://`", "API: `ServiceProxy`", Kind.API),
			new Known("raw-jdk-callers", "`unix://`", "raw JDK sockets, a connection per caller", Kind.BASELINE),
			new Known("raw-grpc-callers", "gRPC", "raw grpc-java, byte-array marshaller", Kind.BASELINE),
			new Known("peer-spring-grpc-callers", "gRPC", "Spring gRPC 1.0.3", Kind.PEER),
			new Known("peer-dubbo-callers", "Dubbo (TCP)", "Dubbo 3.3.5, dubbo protocol", Kind.PEER),
			new Known("peer-dubbo-triple-callers", "Triple (HTTP/2)", "Dubbo 3.3.5, triple protocol", Kind.PEER),
			new Known("peer-rest-callers", "HTTP/JSON", "REST", Kind.PEER));

	private SummaryCases() {
	}

	/**
	 * Returns what the summary knows of a case.
	 * @param id the case id
	 * @return the known case, or a guess from the id for a {@code *-callers} case not listed, or empty for a case the
	 * summary does not show (one caller only, asynchronous, one-way)
	 */
	static Optional<Known> find(String id) {
		for (Known known : KNOWN) {
			if (known.id().equals(id)) {
				return Optional.of(known);
			}
		}
		if (!id.endsWith("-callers")) {
			return Optional.empty();
		}
		Kind kind = id.startsWith("peer-") ? Kind.PEER
				: id.startsWith("boot-") ? Kind.BOOT : id.startsWith("raw-") ? Kind.BASELINE : Kind.API;
		return Optional.of(new Known(id, transportOf(id), id, kind));
	}

	/**
	 * Returns where a case sorts in the summary: listed cases by their place, others after the listed ones of their
	 * kind.
	 * @param known the case
	 * @return the sort key
	 */
	static int rank(Known known) {
		int index = KNOWN.indexOf(known);
		if (index >= 0) {
			return 2 * index;
		}
		int lastOfKind = -1;
		for (int i = 0; i < KNOWN.size(); i++) {
			if (KNOWN.get(i).kind().ordinal() <= known.kind().ordinal()) {
				lastOfKind = i;
			}
		}
		return 2 * lastOfKind + 1;
	}

	/**
	 * Returns the short name of a transport for chart file names: {@code shm}, {@code unix}, {@code tcp},
	 * {@code grpc}, or {@code other}.
	 * @param known the case
	 * @return the name
	 */
	static String chartGroup(Known known) {
		String transport = known.transport().toLowerCase(Locale.ROOT);
		for (String scheme : List.of("shm", "unix", "tcp", "grpc")) {
			if (transport.equals("`" + scheme + "://`")) {
				return scheme;
			}
		}
		return (known.kind() == Kind.BASELINE && transport.equals("grpc")) ? "grpc" : "other";
	}

	private static String transportOf(String id) {
		for (String scheme : List.of("shm", "unix", "tcp", "grpc")) {
			if (id.contains("-" + scheme)) {
				return "`" + scheme + "://`";
			}
		}
		return "?";
	}

}
