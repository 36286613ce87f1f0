package io.cdmf.ipc.benchmark;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallersReportTests {

	private static final BenchmarkOptions OPTIONS = BenchmarkOptions.parse("--sizes", "64", "--callers", "1,4,16,64");

	@Test
	void shouldTabulateEveryCallerCountAndTheRatiosOfTheUnixCases() {
		List<CaseResult> results = List.of(result(BenchmarkCase.RAW_JDK_CALLERS, 1, 80_000, 12),
				result(BenchmarkCase.RAW_JDK_CALLERS, 16, 200_000, 70),
				result(BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, 1, 40_000, 24),
				result(BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, 16, 160_000, 96),
				result(BenchmarkCase.TYPED_UNIX_CALLERS, 1, 36_000, 27),
				result(BenchmarkCase.TYPED_UNIX_CALLERS, 16, 120_000, 130));

		String text = CallersReport.unix(results, OPTIONS);

		assertThat(text).startsWith("## Many callers\n\n")
			.contains("over `unix://`")
			.contains("(sync spin 50 µs)")
			.contains("| case | size | 1 caller calls/s | p50 µs | p99 µs | 16 callers calls/s | p50 µs | p99 µs "
					+ "| load |")
			.contains("| raw-jdk-callers | 64 B | 80,000 | 12.0 | 24.0 | 200,000 | 70.0 | 140.0 | 0.50 |")
			.contains("| framework-unix-callers (inline) / raw-jdk-callers | 64 B | 0.50× | 2.00× | 0.80× | 1.37× |")
			.contains("| typed-unix-callers (inline) / framework-unix-callers (inline) | 64 B | 0.90× | 1.13× | 0.75× "
					+ "| 1.35× |")
			.doesNotContain("raw-jdk-callers / ");
	}

	@Test
	void shouldCheckTheSixteenCallerRateAndThatMoreCallersNeverLowerIt() {
		List<CaseResult> results = List.of(result(BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, 1, 40_000, 24),
				result(BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, 4, 90_000, 40),
				result(BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, 16, 160_000, 96),
				result(BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, 64, 150_000, 400),
				result(BenchmarkCase.TYPED_UNIX_CALLERS, 1, 36_000, 27),
				result(BenchmarkCase.TYPED_UNIX_CALLERS, 16, 120_000, 130),
				result(BenchmarkCase.RAW_JDK_CALLERS, 1, 10_000, 100),
				result(BenchmarkCase.RAW_JDK_CALLERS, 4, 5_000, 800));

		String text = CallersReport.unix(results, OPTIONS);

		assertThat(text)
			.contains("- framework-unix-callers (inline), 16 callers over `unix://`: 160,000 calls/s; goal ≥ 150,000: "
					+ "**met**")
			.contains("- framework-unix-callers (inline), calls/s with 1 → 4 → 16 → 64 callers: 40,000 → 90,000 → "
					+ "160,000 → 150,000; goal never lower with more callers: **not met**")
			.contains("- typed-unix-callers (inline), 16 callers over `unix://`: 120,000 calls/s; goal ≥ 150,000: "
					+ "**not met**")
			.contains("- typed-unix-callers (inline), calls/s with 1 → 16 callers: 36,000 → 120,000; goal never lower "
					+ "with more callers: **met**")
			.doesNotContain("- raw-jdk-callers");
	}

	@Test
	void shouldReportTheSharedMemoryCasesApartAndSayWhyThereIsNoRawRow() {
		List<CaseResult> results = List.of(result(BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, 16, 160_000, 96),
				result(BenchmarkCase.FRAMEWORK_SHM_CALLERS, 16, 280_000, 50),
				CaseResult.failed(BenchmarkCase.TYPED_SHM_CALLERS, 64, 16, "ring | full"));

		String unix = CallersReport.unix(results, OPTIONS);
		String shm = CallersReport.sharedMemory(results, OPTIONS);

		assertThat(unix).contains("framework-unix-callers").doesNotContain("shm-callers");
		assertThat(shm).contains("over `shm://`")
			.contains("There is no raw Agrona row")
			.contains("- framework-shm-callers (inline), 16 callers over `shm://`: 280,000 calls/s; goal ≥ 300,000: "
					+ "**not met**")
			.contains("| typed-shm-callers (inline) | 64 B | failed | | | ? |")
			.contains("- failed: typed-shm-callers (inline), 16 callers, 64 B: ring / full")
			.doesNotContain("framework-unix-callers");
	}

	@Test
	void shouldRenderNothingWithoutManyCallersResults() {
		List<CaseResult> results = List.of(result(BenchmarkCase.RAW_JDK, 1, 80_000, 12));

		assertThat(CallersReport.unix(results, OPTIONS)).isEmpty();
		assertThat(CallersReport.sharedMemory(results, OPTIONS)).isEmpty();
	}

	@Test
	void shouldSayWhenTheProxySpinIsNotTheDefault() {
		BenchmarkOptions options = BenchmarkOptions.parse("--sync-spin-micros", "0");

		String text = CallersReport.unix(List.of(result(BenchmarkCase.TYPED_UNIX_CALLERS, 1, 36_000, 27)), options);

		assertThat(text).contains("defaults but the sync spin (`--sync-spin-micros` 0 µs)");
	}

	private static CaseResult result(BenchmarkCase benchmarkCase, int callers, double callsPerSecond, double p50) {
		return new CaseResult(benchmarkCase, 64, callers, 1000, p50, p50 * 2, p50 * 3, callsPerSecond, 0, 0, null,
				0.5);
	}

}
