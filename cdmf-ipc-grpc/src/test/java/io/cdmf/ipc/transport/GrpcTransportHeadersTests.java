package io.cdmf.ipc.transport;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * {@link TransportHeadersTests} on {@code grpc://}, in both call modes: headers travel in the gRPC envelope, both
 * ways. This {@code transports()} hides the runtime's, so the inherited cases run on gRPC only.
 */
class GrpcTransportHeadersTests extends TransportHeadersTests {

	static Stream<Arguments> transports() {
		return Stream.of(transport("grpc stream", "grpc://127.0.0.1:0", Function.identity()),
				transport("grpc unary", "grpc://127.0.0.1:0", (bound) -> withOption(bound, "call-mode=unary")));
	}

}
