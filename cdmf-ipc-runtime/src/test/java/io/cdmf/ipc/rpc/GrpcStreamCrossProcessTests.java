package io.cdmf.ipc.rpc;

/**
 * Cross-process calls over {@code grpc://} with {@code call-mode=stream}: the proxy sends every message on one
 * long-lived {@code Envelope/Stream} call. The server ignores the option, and the bound endpoint it reports keeps it,
 * so the proxies of the suite use the stream.
 */
class GrpcStreamCrossProcessTests extends GrpcCrossProcessTests {

	@Override
	protected String endpoint(String name) {
		return "grpc://127.0.0.1:0?call-mode=stream";
	}

}
