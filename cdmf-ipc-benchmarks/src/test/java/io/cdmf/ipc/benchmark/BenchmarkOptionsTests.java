package io.cdmf.ipc.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.cdmf.ipc.message.SerializationFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkOptionsTests {

	@Test
	void shouldRunEveryCaseAtThreeSizesByDefault() {
		BenchmarkOptions options = BenchmarkOptions.parse();

		assertThat(options.cases()).containsExactly(BenchmarkCase.values());
		assertThat(options.sizes()).containsExactly(64, 1024, 65536);
		assertThat(options.durationNanos()).isEqualTo(10_000_000_000L);
		assertThat(options.output()).isEqualTo(Path.of("docs", "benchmarks.md"));
	}

	@Test
	void whenSmokeThenShortAndOnly64BytesAndOneOrFourCallers() {
		BenchmarkOptions options = BenchmarkOptions.parse("--smoke");

		assertThat(options.sizes()).containsExactly(64);
		assertThat(options.durationNanos()).isLessThan(1_000_000_000L);
		assertThat(options.callers()).containsExactly(1, 4);
	}

	@Test
	void shouldRunTheManyCallersCasesAtOneToSixtyFourCallersByDefaultAndSortTheGivenCounts() {
		assertThat(BenchmarkOptions.parse().callers()).containsExactly(1, 4, 16, 64);
		assertThat(BenchmarkOptions.parse("--callers", "16, 1,16,4").callers()).containsExactly(1, 4, 16);
		assertThat(BenchmarkOptions.parse("--smoke", "--callers", "8").callers()).containsExactly(8);
	}

	@Test
	void shouldSelectTheManyCallersCasesByTheirIds() {
		BenchmarkOptions options = BenchmarkOptions.parse("--only",
				"raw-jdk-callers,framework-unix-callers,typed-unix-callers,framework-shm-callers,typed-shm-callers");

		assertThat(options.cases()).containsExactly(BenchmarkCase.RAW_JDK_CALLERS,
				BenchmarkCase.FRAMEWORK_UNIX_CALLERS_INLINE, BenchmarkCase.FRAMEWORK_UNIX_CALLERS_EXECUTOR,
				BenchmarkCase.TYPED_UNIX_CALLERS, BenchmarkCase.FRAMEWORK_SHM_CALLERS, BenchmarkCase.TYPED_SHM_CALLERS);
		assertThat(options.cases()).allMatch(CallersCases::covers);
		assertThat(CallersCases.callerCounts(BenchmarkCase.RAW_JDK, options)).containsExactly(1);
		assertThat(CallersCases.callerCounts(BenchmarkCase.TYPED_SHM_CALLERS, options)).containsExactly(1, 4, 16, 64);
	}

	@Test
	void shouldLeaveTheProxySpinToTheProxyUnlessTheRunChangesIt() {
		assertThat(BenchmarkOptions.parse().syncSpinOverride()).isNull();
		assertThat(BenchmarkOptions.parse("--sync-spin-micros", "50").syncSpinOverride()).isNull();
		assertThat(BenchmarkOptions.parse("--sync-spin-micros", "0").syncSpinOverride()).isZero();
		assertThat(BenchmarkOptions.parse("--sync-spin-micros", "200").syncSpinOverride())
			.isEqualTo(Duration.ofNanos(200_000));
	}

	@Test
	void shouldTakeTheTypedFormatAndRefuseOnesWithoutATypedEcho() {
		assertThat(BenchmarkOptions.parse().typedFormat()).isEqualTo(SerializationFormat.BINARY);
		assertThat(BenchmarkOptions.parse("--typed-format", "json").typedFormat()).isEqualTo(SerializationFormat.JSON);
		assertThat(BenchmarkOptions.parse("--typed-format", "PROTOBUF").typedFormat())
			.isEqualTo(SerializationFormat.PROTOBUF);
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--typed-format", "FLATBUFFERS"))
			.withMessageContaining("--typed-format must be one of");
	}

	@Test
	void shouldSelectBothRowsOfACaseId() {
		BenchmarkOptions options = BenchmarkOptions.parse("--only", "raw-jdk,framework-unix", "--sizes", "64,1024",
				"--duration-seconds", "2.5", "--window", "1024");

		assertThat(options.cases()).containsExactly(BenchmarkCase.RAW_JDK, BenchmarkCase.FRAMEWORK_INLINE,
				BenchmarkCase.FRAMEWORK_EXECUTOR);
		assertThat(options.sizes()).isEqualTo(List.of(64, 1024));
		assertThat(options.durationNanos()).isEqualTo(2_500_000_000L);
		assertThat(options.window()).isEqualTo(1024);
	}

	@Test
	void shouldTakeTheProxySpinInMicrosecondsZeroIncluded() {
		assertThat(BenchmarkOptions.parse().syncSpinNanos()).isEqualTo(50_000);
		assertThat(BenchmarkOptions.parse("--sync-spin-micros", "0").syncSpinNanos()).isZero();
		assertThat(BenchmarkOptions.parse("--sync-spin-micros", "200").syncSpinNanos()).isEqualTo(200_000);
	}

	@Test
	void shouldReplaceTheCasePlaceholderOnlyLaterSoFlagsAreKeptVerbatim() {
		BenchmarkOptions options = BenchmarkOptions.parse("--server-jvm-flags",
				" -XX:StartFlightRecording=filename=/tmp/s-{case}.jfr  -Xmx256m ");

		assertThat(options.serverJvmFlags()).containsExactly("-XX:StartFlightRecording=filename=/tmp/s-{case}.jfr",
				"-Xmx256m");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--only=raw-jdk", "--bogus" })
	void shouldRejectUnknownOptions(String option) {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(option))
			.withMessageContaining(option);
	}

	@Test
	void shouldRejectBadValuesNamingTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--sizes", "64,2000000"))
			.withMessage("--sizes must be at most 1048576 bytes: 2000000");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--only", "raw-quic"))
			.withMessageContaining("unknown case 'raw-quic'");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--window", "0"))
			.withMessage("--window must be positive: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--duration-seconds"))
			.withMessage("--duration-seconds needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--callers", "1,0"))
			.withMessage("--callers must be positive: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--callers", "1000"))
			.withMessage("--callers must be at most 256: 1000");
	}

}
