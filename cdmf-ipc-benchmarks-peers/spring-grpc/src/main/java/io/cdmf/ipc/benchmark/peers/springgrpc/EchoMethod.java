package io.cdmf.ipc.benchmark.peers.springgrpc;

import com.google.protobuf.BytesValue;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/**
 * The echo method both applications share: what protoc would generate for
 * {@code rpc Echo(google.protobuf.BytesValue) returns (google.protobuf.BytesValue)}, written out to keep the build
 * free of protoc.
 *
 * @since 0.1.0
 */
public final class EchoMethod {

	/** The unary method {@code cdmf.bench.Echo/Echo}. */
	public static final MethodDescriptor<BytesValue, BytesValue> ECHO = MethodDescriptor.<BytesValue, BytesValue>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName("cdmf.bench.Echo", "Echo"))
		.setRequestMarshaller(ProtoUtils.marshaller(BytesValue.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(BytesValue.getDefaultInstance()))
		.build();

	private EchoMethod() {
	}

}
