package io.cdmf.ipc.transport.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Passes a gRPC message's bytes through unchanged: the marshaller of methods that the transport serves without
 * knowing their message types, handing the protobuf bytes to the stub as the payload.
 *
 * @since 0.1.0
 */
final class ByteArrayMarshaller implements MethodDescriptor.Marshaller<byte[]> {

	static final ByteArrayMarshaller INSTANCE = new ByteArrayMarshaller();

	private ByteArrayMarshaller() {
	}

	@Override
	public InputStream stream(byte[] value) {
		return new ByteArrayInputStream(value);
	}

	@Override
	public byte[] parse(InputStream stream) {
		try {
			return stream.readAllBytes();
		}
		catch (IOException ex) {
			throw Status.INTERNAL.withDescription("cannot read the request: " + ex.getMessage())
				.withCause(ex)
				.asRuntimeException();
		}
	}

}
