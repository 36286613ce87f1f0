package io.cdmf.ipc.observation;

import org.junit.jupiter.api.Test;

/**
 * A client span in this JVM and the server span in a forked one share the trace over {@code grpc://}:
 * {@link CrossProcessTracingContract} with this module's transport on the class path.
 */
class GrpcCrossProcessTracingTests extends CrossProcessTracingContract {

	@Test
	void shouldShareTheTraceAndMakeTheServerSpanAChildOfTheClientSpan() {
		assertTraced("grpc");
	}

}
