package io.cdmf.ipc.transport.grpc;

import java.util.EnumMap;
import java.util.Map;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * Maps CDMF {@link ErrorCode}s to gRPC {@link Status} codes and back (the table is in
 * {@code docs/network-transports.md}).
 * <p>
 * A status that leaves a CDMF server also carries the exact code in the trailer {@value #ERROR_CODE_KEY_NAME}, so a
 * CDMF client gets back the code it would have had on any other transport; a standard gRPC client sees the mapped
 * status. A status without that trailer (from another gRPC server, or made by grpc-java itself: an expired deadline,
 * a refused connection) is mapped by its code. {@code DEADLINE_EXCEEDED} then becomes {@link ErrorCode#TIMEOUT}:
 * without the trailer it is the caller's gRPC deadline that expired.
 *
 * @since 0.1.0
 */
public final class GrpcStatusMapping {

	/** Name of the trailer with the CDMF error code's numeric value. */
	public static final String ERROR_CODE_KEY_NAME = "cdmf-error-code";

	/** The trailer with the CDMF error code's numeric value. */
	public static final Metadata.Key<String> ERROR_CODE_KEY = Metadata.Key.of(ERROR_CODE_KEY_NAME,
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Map<ErrorCode, Status.Code> TO_GRPC = new EnumMap<>(ErrorCode.class);

	private static final Map<Status.Code, ErrorCode> FROM_GRPC = new EnumMap<>(Status.Code.class);

	static {
		TO_GRPC.put(ErrorCode.OK, Status.Code.OK);
		TO_GRPC.put(ErrorCode.UNKNOWN, Status.Code.UNKNOWN);
		TO_GRPC.put(ErrorCode.INVALID_ARGUMENT, Status.Code.INVALID_ARGUMENT);
		TO_GRPC.put(ErrorCode.TIMEOUT, Status.Code.DEADLINE_EXCEEDED);
		TO_GRPC.put(ErrorCode.DEADLINE_EXCEEDED, Status.Code.DEADLINE_EXCEEDED);
		TO_GRPC.put(ErrorCode.UNAVAILABLE, Status.Code.UNAVAILABLE);
		TO_GRPC.put(ErrorCode.METHOD_NOT_FOUND, Status.Code.UNIMPLEMENTED);
		TO_GRPC.put(ErrorCode.INTERNAL, Status.Code.INTERNAL);
		TO_GRPC.put(ErrorCode.RESOURCE_EXHAUSTED, Status.Code.RESOURCE_EXHAUSTED);
		TO_GRPC.put(ErrorCode.UNAUTHENTICATED, Status.Code.UNAUTHENTICATED);
		TO_GRPC.put(ErrorCode.PERMISSION_DENIED, Status.Code.PERMISSION_DENIED);
		TO_GRPC.put(ErrorCode.SERIALIZATION_ERROR, Status.Code.INVALID_ARGUMENT);
		TO_GRPC.put(ErrorCode.MESSAGE_TOO_LARGE, Status.Code.RESOURCE_EXHAUSTED);
		TO_GRPC.put(ErrorCode.CANCELLED, Status.Code.CANCELLED);
		TO_GRPC.put(ErrorCode.CIRCUIT_OPEN, Status.Code.UNAVAILABLE);
		TO_GRPC.put(ErrorCode.ILLEGAL_STATE, Status.Code.FAILED_PRECONDITION);
		TO_GRPC.put(ErrorCode.FRAME_TRUNCATED, Status.Code.INVALID_ARGUMENT);
		TO_GRPC.put(ErrorCode.FRAME_TOO_LARGE, Status.Code.RESOURCE_EXHAUSTED);
		TO_GRPC.put(ErrorCode.BAD_MAGIC, Status.Code.INVALID_ARGUMENT);
		TO_GRPC.put(ErrorCode.UNSUPPORTED_VERSION, Status.Code.INVALID_ARGUMENT);
		TO_GRPC.put(ErrorCode.CHECKSUM_MISMATCH, Status.Code.DATA_LOSS);
		TO_GRPC.put(ErrorCode.UNKNOWN_ENUM_VALUE, Status.Code.INVALID_ARGUMENT);
		TO_GRPC.put(ErrorCode.MALFORMED_FRAME, Status.Code.INVALID_ARGUMENT);

		FROM_GRPC.put(Status.Code.OK, ErrorCode.OK);
		FROM_GRPC.put(Status.Code.CANCELLED, ErrorCode.CANCELLED);
		FROM_GRPC.put(Status.Code.UNKNOWN, ErrorCode.UNKNOWN);
		FROM_GRPC.put(Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT);
		FROM_GRPC.put(Status.Code.DEADLINE_EXCEEDED, ErrorCode.TIMEOUT);
		FROM_GRPC.put(Status.Code.NOT_FOUND, ErrorCode.INVALID_ARGUMENT);
		FROM_GRPC.put(Status.Code.ALREADY_EXISTS, ErrorCode.INVALID_ARGUMENT);
		FROM_GRPC.put(Status.Code.PERMISSION_DENIED, ErrorCode.PERMISSION_DENIED);
		FROM_GRPC.put(Status.Code.RESOURCE_EXHAUSTED, ErrorCode.RESOURCE_EXHAUSTED);
		FROM_GRPC.put(Status.Code.FAILED_PRECONDITION, ErrorCode.ILLEGAL_STATE);
		FROM_GRPC.put(Status.Code.ABORTED, ErrorCode.ILLEGAL_STATE);
		FROM_GRPC.put(Status.Code.OUT_OF_RANGE, ErrorCode.INVALID_ARGUMENT);
		FROM_GRPC.put(Status.Code.UNIMPLEMENTED, ErrorCode.METHOD_NOT_FOUND);
		FROM_GRPC.put(Status.Code.INTERNAL, ErrorCode.INTERNAL);
		FROM_GRPC.put(Status.Code.UNAVAILABLE, ErrorCode.UNAVAILABLE);
		FROM_GRPC.put(Status.Code.DATA_LOSS, ErrorCode.INTERNAL);
		FROM_GRPC.put(Status.Code.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED);
	}

	private GrpcStatusMapping() {
	}

	/**
	 * Returns the gRPC status code for a CDMF error code.
	 * @param code the CDMF code
	 * @return the gRPC code
	 */
	public static Status.Code toGrpc(ErrorCode code) {
		return TO_GRPC.getOrDefault(code, Status.Code.UNKNOWN);
	}

	/**
	 * Returns the CDMF error code for a gRPC status code, as if no trailer said otherwise.
	 * @param code the gRPC code
	 * @return the CDMF code
	 */
	public static ErrorCode fromGrpc(Status.Code code) {
		return FROM_GRPC.getOrDefault(code, ErrorCode.UNKNOWN);
	}

	/**
	 * Returns the status that reports an error to a gRPC caller.
	 * @param error the error
	 * @return the status, with the error's message (and context) as description
	 */
	public static Status toStatus(ErrorInfo error) {
		String description = error.context().isEmpty() ? error.message()
				: error.message() + " [" + error.context() + "]";
		return Status.fromCode(toGrpc(error.code())).withDescription(description);
	}

	/**
	 * Returns the trailers that carry the exact CDMF code along with {@link #toStatus(ErrorInfo)}.
	 * @param code the CDMF code
	 * @return the trailers
	 */
	public static Metadata trailers(ErrorCode code) {
		Metadata trailers = new Metadata();
		trailers.put(ERROR_CODE_KEY, Integer.toString(code.value()));
		return trailers;
	}

	/**
	 * Describes a failed gRPC call as a CDMF error: the trailer's exact code if present, else the mapped one.
	 * @param status the call's status
	 * @param trailers its trailers, or {@code null}
	 * @param context where it failed (the method)
	 * @return the error
	 */
	public static ErrorInfo toErrorInfo(Status status, @Nullable Metadata trailers, String context) {
		ErrorCode code = fromGrpc(status.getCode());
		String exact = (trailers != null) ? trailers.get(ERROR_CODE_KEY) : null;
		if (exact != null) {
			try {
				ErrorCode known = ErrorCode.ofValue(Integer.parseInt(exact.trim()));
				code = (known != null) ? known : ErrorCode.UNKNOWN;
			}
			catch (NumberFormatException ex) {
				code = ErrorCode.UNKNOWN;
			}
		}
		String description = (status.getDescription() != null) ? status.getDescription() : status.getCode().name();
		Throwable cause = status.getCause();
		if (cause != null && cause.getMessage() != null && !description.contains(cause.getMessage())) {
			description = description + ": " + cause.getMessage();
		}
		return ErrorInfo.of(code, "gRPC " + status.getCode() + ": " + description, context);
	}

}
