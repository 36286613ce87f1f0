package io.cdmf.ipc.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.testsupport.RawBytesMarshaller;
import io.cdmf.ipc.transport.EndpointUri;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterAll;

/**
 * Cross-process calls over {@code grpc://} on loopback, servers on port 0, proxies in the default call mode (one
 * long-lived {@code Envelope/Stream}). Garbage is sent as malformed envelopes
 * from a raw gRPC client.
 */
class GrpcCrossProcessTests extends AbstractCrossProcessRpcTests {

	private static final MethodDescriptor<byte[], byte[]> RAW_CALL = MethodDescriptor
		.newBuilder(RawBytesMarshaller.INSTANCE, RawBytesMarshaller.INSTANCE)
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("cdmf.ipc.v1.Envelope/Call")
		.build();

	private final Map<String, ManagedChannel> rawChannels = new ConcurrentHashMap<>();

	@Override
	String scheme() {
		return "grpc";
	}

	@Override
	protected String endpoint(String name) {
		return "grpc://127.0.0.1:0";
	}

	@Override
	protected boolean leavesSocketFile() {
		return false;
	}

	@Override
	boolean sendGarbage(String endpoint, byte[] garbage) {
		ManagedChannel channel = this.rawChannels.computeIfAbsent(endpoint, uri -> {
			EndpointUri server = EndpointUri.parse(uri);
			return Grpc.newChannelBuilderForAddress(server.host(), server.port(), InsecureChannelCredentials.create())
				.build();
		});
		try {
			ClientCalls.blockingUnaryCall(channel, RAW_CALL, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
					garbage);
			return true;
		}
		catch (StatusRuntimeException ex) {
			// The expected answer: the envelope was refused with a status, and the channel goes on.
			return true;
		}
	}

	@AfterAll
	void closeRawChannels() throws InterruptedException {
		for (ManagedChannel channel : this.rawChannels.values()) {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
