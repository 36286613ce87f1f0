package io.cdmf.ipc.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.MethodDescriptor;

/**
 * A grpc-java marshaller that sends and takes bytes as they are, for tests that speak to a gRPC server below the
 * envelope (raw echo methods, bad envelopes).
 */
public final class RawBytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {

	/** The one instance: it keeps no state. */
	public static final RawBytesMarshaller INSTANCE = new RawBytesMarshaller();

	private RawBytesMarshaller() {
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
			throw new UncheckedIOException(ex);
		}
	}

}
