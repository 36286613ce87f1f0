package io.cdmf.ipc.transport.unix;

import java.util.Set;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportProvider;
import io.cdmf.ipc.transport.TransportType;

/**
 * Makes {@code unix://} transports.
 *
 * @since 0.1.0
 */
public final class UnixSocketTransportProvider implements TransportProvider {

	@Override
	public Set<TransportType> types() {
		return Set.of(TransportType.UNIX_SOCKET);
	}

	@Override
	public Transport create(TransportType type) {
		return new UnixSocketTransport();
	}

}
