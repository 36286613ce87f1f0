package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine-readable results: one JSON object per line (JSON Lines) in {@code <output>-results.jsonl} (by default
 * {@code docs/benchmarks-results.jsonl}), for report generators and charts.
 * <p>
 * A run merges its rows into the file: a row of this run replaces the row of the same key from an earlier run, other
 * rows stay, so that a partial run ({@code --only}) keeps the figures of the cases it did not run, as the Markdown
 * reports do. Every row has {@code "row"}: {@code "case"} for a {@link CaseResult} (key: case, size, callers) or
 * {@code "startup"} for a {@link StartupResult} (key: app). Fields are only ever added, never renamed or removed; a
 * figure that was not measured is {@code null}. See {@code docs/benchmarks-format.md}.
 *
 * @since 0.1.0
 */
final class ResultsFile {

	private static final JsonMapper json = JsonMapper.builder().build();

	private ResultsFile() {
	}

	/**
	 * Returns where the results of a report go.
	 * @param report the Unix-socket report ({@code --output})
	 * @return the JSON Lines file beside it
	 */
	static Path pathFor(Path report) {
		String name = ShmReport.sibling(report, "-results").getFileName().toString();
		return report.resolveSibling(name.substring(0, name.length() - ".md".length()) + ".jsonl");
	}

	/**
	 * Merges a run's rows into the file, creating it if needed.
	 * @param file the file
	 * @param cases the case results of the run
	 * @param startups the start-up results of the run
	 * @throws IOException if the file cannot be read or written
	 */
	static void merge(Path file, List<CaseResult> cases, List<StartupResult> startups) throws IOException {
		Map<String, Object> rows = new LinkedHashMap<>();
		if (Files.exists(file)) {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (!line.isBlank()) {
					JsonNode node = json.readTree(line);
					rows.put(key(node), node);
				}
			}
		}
		for (CaseResult result : cases) {
			Map<String, Object> row = row(result);
			rows.put(key(json.valueToTree(row)), row);
		}
		for (StartupResult result : startups) {
			Map<String, Object> row = row(result);
			rows.put(key(json.valueToTree(row)), row);
		}
		List<String> lines = new ArrayList<>(rows.size());
		for (Object row : rows.values()) {
			lines.add(json.writeValueAsString(row));
		}
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.write(file, lines, StandardCharsets.UTF_8);
	}

	private static String key(JsonNode row) {
		if ("startup".equals(row.path("row").asString())) {
			return "startup/" + row.path("app").asString();
		}
		return "case/" + row.path("variant").asString() + "/" + row.path("size").asInt() + "/"
				+ row.path("callers").asInt();
	}

	/**
	 * Returns the row of a case result.
	 * @param result the result
	 * @return its fields by name, in the file's order
	 */
	static Map<String, Object> row(CaseResult result) {
		BenchmarkCase benchmarkCase = result.benchmarkCase();
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("row", "case");
		row.put("case", benchmarkCase.id());
		row.put("variant", benchmarkCase.name());
		row.put("label", benchmarkCase.label());
		row.put("group", group(benchmarkCase));
		row.put("transport", transport(benchmarkCase));
		row.put("size", result.size());
		row.put("callers", result.callers());
		row.put("count", result.count());
		row.put("p50Micros", number(result.p50Micros()));
		row.put("p90Micros", number(result.p90Micros()));
		row.put("p99Micros", number(result.p99Micros()));
		row.put("p999Micros", number(result.p999Micros()));
		row.put("callsPerSecond", number(result.callsPerSecond()));
		row.put("clientCpuMicrosPerCall", number(result.clientCpuMicrosPerCall()));
		row.put("serverCpuMicrosPerCall", number(result.serverCpuMicrosPerCall()));
		row.put("callerBytesPerCall", number(result.callerBytesPerCall()));
		row.put("processBytesPerCall", number(result.processBytesPerCall()));
		row.put("loadAtStart", number(result.loadAtStart()));
		row.put("failure", result.failure());
		return row;
	}

	/**
	 * Returns the row of a start-up result.
	 * @param result the result
	 * @return its fields by name, in the file's order
	 */
	static Map<String, Object> row(StartupResult result) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("row", "startup");
		row.put("case", BenchmarkCase.STARTUP.id());
		row.put("app", result.app());
		row.put("label", result.label());
		row.put("group", result.peer() ? "peer" : "boot");
		row.put("transport", result.transport());
		row.put("format", result.format());
		row.put("runs", result.runs());
		row.put("medianReadyMillis", number(result.medianReadyMillis()));
		row.put("minReadyMillis", number(result.minReadyMillis()));
		row.put("maxReadyMillis", number(result.maxReadyMillis()));
		row.put("medianBootMillis", number(result.medianBootMillis()));
		row.put("medianLoadedClasses", number(result.medianLoadedClasses()));
		row.put("medianCpuMillis", number(result.medianCpuMillis()));
		row.put("loadAtStart", number(result.loadAtStart()));
		row.put("failure", result.failure());
		return row;
	}

	/**
	 * Reads a case row back.
	 * @param row the row
	 * @return the result
	 */
	static CaseResult caseResult(JsonNode row) {
		JsonNode failure = row.path("failure");
		return new CaseResult(BenchmarkCase.valueOf(row.path("variant").asString()), row.path("size").asInt(),
				row.path("callers").asInt(), row.path("count").asLong(), figure(row, "p50Micros"),
				figure(row, "p99Micros"), figure(row, "p999Micros"), figure(row, "callsPerSecond"),
				figure(row, "callerBytesPerCall"), figure(row, "processBytesPerCall"),
				(failure.isMissingNode() || failure.isNull()) ? null : failure.asString(), figure(row, "loadAtStart"),
				figure(row, "p90Micros"), figure(row, "clientCpuMicrosPerCall"), figure(row, "serverCpuMicrosPerCall"));
	}

	private static double figure(JsonNode row, String name) {
		JsonNode value = row.path(name);
		return value.isNumber() ? value.asDouble() : Double.NaN;
	}

	// By id, not through AppCases: the peers' applications load this class without the starter on their path.
	private static String group(BenchmarkCase benchmarkCase) {
		if (benchmarkCase.id().startsWith("peer-")) {
			return "peer";
		}
		if (benchmarkCase.id().startsWith("boot-")) {
			return "boot";
		}
		return benchmarkCase.isFramework() ? "framework" : "raw";
	}

	/**
	 * Returns the transport a case calls over, as its URI scheme or protocol name.
	 * @param benchmarkCase the case
	 * @return {@code unix}, {@code shm}, {@code shm+journal}, {@code tcp}, {@code grpc}, {@code dubbo}, {@code tri},
	 * {@code http}, or {@code null} for the start-up case
	 */
	static @Nullable String transport(BenchmarkCase benchmarkCase) {
		String id = benchmarkCase.id();
		if (benchmarkCase == BenchmarkCase.STARTUP) {
			return null;
		}
		if (id.contains("triple")) {
			return "tri";
		}
		if (id.contains("dubbo")) {
			return "dubbo";
		}
		if (id.contains("rest")) {
			return "http";
		}
		if (id.contains("grpc")) {
			return "grpc";
		}
		if (id.contains("tcp")) {
			return "tcp";
		}
		if (id.contains("journal")) {
			return "shm+journal";
		}
		if (id.contains("shm") || id.contains("agrona") || id.contains("chronicle")) {
			return "shm";
		}
		return "unix";
	}

	private static Object number(double value) {
		return (Double.isNaN(value) || Double.isInfinite(value)) ? null : value;
	}

}
