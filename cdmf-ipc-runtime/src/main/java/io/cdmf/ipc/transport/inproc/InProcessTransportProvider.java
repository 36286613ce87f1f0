package io.cdmf.ipc.transport.inproc;

import java.util.Set;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportProvider;
import io.cdmf.ipc.transport.TransportType;

/**
 * Makes {@code inproc://} transports.
 *
 * @since 0.1.0
 */
public final class InProcessTransportProvider implements TransportProvider {

	@Override
	public Set<TransportType> types() {
		return Set.of(TransportType.IN_PROCESS);
	}

	@Override
	public Transport create(TransportType type) {
		return new InProcessTransport();
	}

}
