package io.cdmf.ipc.observation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CrossProcessTracingContract} over the runtime's own transports; {@code grpc://} and {@code shm+journal://} are
 * checked in their modules.
 */
class CrossProcessTracingTests extends CrossProcessTracingContract {

	@ParameterizedTest
	@ValueSource(strings = { "unix", "shm" })
	void shouldShareTheTraceAndMakeTheServerSpanAChildOfTheClientSpan(String scheme) {
		assertTraced(scheme);
	}

}
