package io.cdmf.ipc.transport.grpc;

import java.io.InputStream;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import org.jspecify.annotations.Nullable;

/**
 * A request of the envelope service as the server received it: the envelope, or why its bytes are not one.
 * <p>
 * With grpc-java's own protobuf marshaller, bytes that do not parse fail the call inside grpc-java ({@code INTERNAL},
 * "Invalid protobuf byte sequence") before the transport sees it, so such a request was neither counted as a
 * rejected frame nor logged like every other bad input. This marshaller keeps the failure, and the call handler
 * counts and refuses it like an envelope the codec refuses.
 *
 * @param envelope the envelope, or {@code null} if the bytes did not parse
 * @param failure why they did not parse, or {@code null}
 * @since 0.1.0
 */
record EnvelopeRequest(@Nullable EnvelopeMessage envelope, @Nullable IpcException failure) {

	/**
	 * Returns a marshaller that parses with a protobuf marshaller and keeps a parse failure instead of throwing.
	 * @param protobuf grpc-java's marshaller of the envelope
	 * @return the marshaller
	 */
	static MethodDescriptor.Marshaller<EnvelopeRequest> marshaller(
			MethodDescriptor.Marshaller<EnvelopeMessage> protobuf) {
		return new MethodDescriptor.Marshaller<>() {

			@Override
			public InputStream stream(EnvelopeRequest value) {
				if (value.envelope() == null) {
					throw new IllegalArgumentException("an unreadable envelope cannot be sent: " + value.failure());
				}
				return protobuf.stream(value.envelope());
			}

			@Override
			public EnvelopeRequest parse(InputStream stream) {
				try {
					return new EnvelopeRequest(protobuf.parse(stream), null);
				}
				catch (StatusRuntimeException ex) {
					String reason = (ex.getCause() != null) ? ex.getCause().getMessage()
							: ex.getStatus().getDescription();
					return new EnvelopeRequest(null, new IpcException(ErrorCode.MALFORMED_FRAME,
							"request is not a cdmf.ipc.v1.EnvelopeMessage: " + reason, ex));
				}
			}

		};
	}

}
