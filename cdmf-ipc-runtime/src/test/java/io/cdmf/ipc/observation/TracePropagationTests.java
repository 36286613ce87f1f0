package io.cdmf.ipc.observation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TracePropagationContract} over the runtime's own transports; {@code grpc://} and {@code shm+journal://} are
 * checked in their modules.
 */
class TracePropagationTests extends TracePropagationContract {

	@ParameterizedTest
	@ValueSource(strings = { "unix", "unix+dgram", "inproc", "shm", "tcp", "udp" })
	void shouldMakeTheServerSpanAChildOfTheClientSpan(String scheme) {
		assertTraced(scheme);
	}

}
