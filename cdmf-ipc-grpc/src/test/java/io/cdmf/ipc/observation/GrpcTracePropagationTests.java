package io.cdmf.ipc.observation;

import org.junit.jupiter.api.Test;

/**
 * The trace context crosses {@code grpc://} in the message headers: {@link TracePropagationContract} with this
 * module's transport on the class path.
 */
class GrpcTracePropagationTests extends TracePropagationContract {

	@Test
	void shouldMakeTheServerSpanAChildOfTheClientSpan() {
		assertTraced("grpc");
	}

}
