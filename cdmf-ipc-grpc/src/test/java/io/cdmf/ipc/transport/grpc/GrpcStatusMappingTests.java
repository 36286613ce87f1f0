package io.cdmf.ipc.transport.grpc;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented table between CDMF error codes and gRPC status codes.
 */
class GrpcStatusMappingTests {

	@ParameterizedTest
	@CsvSource({ "OK, OK", "UNKNOWN, UNKNOWN", "INVALID_ARGUMENT, INVALID_ARGUMENT", "TIMEOUT, DEADLINE_EXCEEDED",
			"DEADLINE_EXCEEDED, DEADLINE_EXCEEDED", "UNAVAILABLE, UNAVAILABLE", "METHOD_NOT_FOUND, UNIMPLEMENTED",
			"INTERNAL, INTERNAL", "RESOURCE_EXHAUSTED, RESOURCE_EXHAUSTED", "UNAUTHENTICATED, UNAUTHENTICATED",
			"PERMISSION_DENIED, PERMISSION_DENIED", "SERIALIZATION_ERROR, INVALID_ARGUMENT",
			"MESSAGE_TOO_LARGE, RESOURCE_EXHAUSTED", "CANCELLED, CANCELLED", "CIRCUIT_OPEN, UNAVAILABLE",
			"ILLEGAL_STATE, FAILED_PRECONDITION", "FRAME_TRUNCATED, INVALID_ARGUMENT",
			"FRAME_TOO_LARGE, RESOURCE_EXHAUSTED", "BAD_MAGIC, INVALID_ARGUMENT",
			"UNSUPPORTED_VERSION, INVALID_ARGUMENT", "CHECKSUM_MISMATCH, DATA_LOSS",
			"UNKNOWN_ENUM_VALUE, INVALID_ARGUMENT", "MALFORMED_FRAME, INVALID_ARGUMENT" })
	void shouldMapEachErrorCodeToAStatus(ErrorCode code, Status.Code expected) {
		assertThat(GrpcStatusMapping.toGrpc(code)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "OK, OK", "CANCELLED, CANCELLED", "UNKNOWN, UNKNOWN", "INVALID_ARGUMENT, INVALID_ARGUMENT",
			"DEADLINE_EXCEEDED, TIMEOUT", "NOT_FOUND, INVALID_ARGUMENT", "ALREADY_EXISTS, INVALID_ARGUMENT",
			"PERMISSION_DENIED, PERMISSION_DENIED", "RESOURCE_EXHAUSTED, RESOURCE_EXHAUSTED",
			"FAILED_PRECONDITION, ILLEGAL_STATE", "ABORTED, ILLEGAL_STATE", "OUT_OF_RANGE, INVALID_ARGUMENT",
			"UNIMPLEMENTED, METHOD_NOT_FOUND", "INTERNAL, INTERNAL", "UNAVAILABLE, UNAVAILABLE", "DATA_LOSS, INTERNAL",
			"UNAUTHENTICATED, UNAUTHENTICATED" })
	void shouldMapEachStatusToAnErrorCode(Status.Code code, ErrorCode expected) {
		assertThat(GrpcStatusMapping.fromGrpc(code)).isEqualTo(expected);
	}

	@ParameterizedTest
	@EnumSource(ErrorCode.class)
	void shouldCarryTheExactCodeInTheTrailer(ErrorCode code) {
		Status status = GrpcStatusMapping.toStatus(ErrorInfo.of(code, "why", "Calc.add"));
		Metadata trailers = GrpcStatusMapping.trailers(code);
		ErrorInfo back = GrpcStatusMapping.toErrorInfo(status, trailers, "add");
		assertThat(back.code()).isEqualTo(code);
		assertThat(back.message()).contains("why").contains("[Calc.add]");
		assertThat(back.context()).isEqualTo("add");
	}

	@Test
	void whenNoTrailerThenTheStatusCodeDecides() {
		ErrorInfo error = GrpcStatusMapping.toErrorInfo(Status.DEADLINE_EXCEEDED.withDescription("deadline passed"),
				new Metadata(), "slow");
		assertThat(error.code()).isEqualTo(ErrorCode.TIMEOUT);
		assertThat(error.message()).isEqualTo("gRPC DEADLINE_EXCEEDED: deadline passed");
	}

	@Test
	void whenTheTrailerIsNotANumberThenTheCodeIsUnknown() {
		Metadata trailers = new Metadata();
		trailers.put(GrpcStatusMapping.ERROR_CODE_KEY, "seven");
		assertThat(GrpcStatusMapping.toErrorInfo(Status.INTERNAL, trailers, "m").code()).isEqualTo(ErrorCode.UNKNOWN);
	}

}
