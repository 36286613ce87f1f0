package io.cdmf.ipc.rpc;

/**
 * Cross-process calls over {@code grpc://} with {@code call-mode=unary}: the proxy sends each message as its own
 * unary {@code Envelope/Call} with a gRPC deadline (the suite it extends runs the default, one long-lived
 * {@code Envelope/Stream}). The server ignores the option, and the bound endpoint it reports keeps it, so the proxies
 * of the suite use unary calls.
 */
class GrpcUnaryCrossProcessTests extends GrpcCrossProcessTests {

	@Override
	protected String endpoint(String name) {
		return "grpc://127.0.0.1:0?call-mode=unary";
	}

}
