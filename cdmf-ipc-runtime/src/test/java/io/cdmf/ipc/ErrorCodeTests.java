package io.cdmf.ipc;

import java.util.Arrays;
import java.util.EnumSet;

import io.cdmf.ipc.ErrorCode.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTests {

	@Test
	void shouldHaveUniqueValues() {
		int[] values = Arrays.stream(ErrorCode.values()).mapToInt(ErrorCode::value).toArray();

		assertThat(values).doesNotHaveDuplicates();
	}

	/**
	 * Values travel on the wire and are listed in docs/wire-format.md: changing one breaks every peer.
	 */
	@ParameterizedTest
	@CsvSource({ "OK, 0, NONE", "UNKNOWN, 1, INTERNAL", "INVALID_ARGUMENT, 2, CLIENT", "TIMEOUT, 3, TIMEOUT",
			"DEADLINE_EXCEEDED, 4, TIMEOUT", "UNAVAILABLE, 5, UNAVAILABLE", "METHOD_NOT_FOUND, 6, CLIENT",
			"INTERNAL, 7, INTERNAL", "RESOURCE_EXHAUSTED, 8, REJECTED", "UNAUTHENTICATED, 9, SECURITY",
			"PERMISSION_DENIED, 10, SECURITY", "SERIALIZATION_ERROR, 11, CLIENT", "MESSAGE_TOO_LARGE, 12, CLIENT",
			"CANCELLED, 13, CLIENT", "CIRCUIT_OPEN, 14, REJECTED", "ILLEGAL_STATE, 15, CLIENT",
			"FRAME_TRUNCATED, 100, FRAME", "FRAME_TOO_LARGE, 101, FRAME", "BAD_MAGIC, 102, FRAME",
			"UNSUPPORTED_VERSION, 103, FRAME", "CHECKSUM_MISMATCH, 104, FRAME", "UNKNOWN_ENUM_VALUE, 105, FRAME",
			"MALFORMED_FRAME, 106, FRAME" })
	void shouldKeepStableValueAndCategory(ErrorCode code, int value, Category category) {
		assertThat(code.value()).isEqualTo(value);
		assertThat(code.category()).isEqualTo(category);
	}

	@Test
	void shouldPinEveryCodeInTheStabilityTable() {
		assertThat(ErrorCode.values()).hasSize(23);
	}

	@ParameterizedTest
	@EnumSource(ErrorCode.class)
	void shouldFindEveryCodeByItsValue(ErrorCode code) {
		assertThat(ErrorCode.ofValue(code.value())).isSameAs(code);
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MIN_VALUE, -1, 16, 50, 99, 107, 1000, Integer.MAX_VALUE })
	void shouldReturnNullForUnknownValue(int value) {
		assertThat(ErrorCode.ofValue(value)).isNull();
	}

	@ParameterizedTest
	@EnumSource(ErrorCode.class)
	void shouldUseFrameCategoryExactlyForCodesFrom100(ErrorCode code) {
		assertThat(code.category() == Category.FRAME).isEqualTo(code.value() >= 100);
	}

	@ParameterizedTest
	@EnumSource(ErrorCode.class)
	void shouldRetryOnlyWhereAnotherAttemptMaySucceed(ErrorCode code) {
		assertThat(code.isRetryable()).isEqualTo(
				EnumSet.of(ErrorCode.TIMEOUT, ErrorCode.UNAVAILABLE, ErrorCode.RESOURCE_EXHAUSTED).contains(code));
	}

}
