package io.cdmf.ipc.transport.tcp;

import java.util.Set;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportProvider;
import io.cdmf.ipc.transport.TransportType;

/**
 * Makes {@link TcpTransport}s for {@code tcp://} endpoints; registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/io.cdmf.ipc.transport.TransportProvider}.
 *
 * @since 0.1.0
 */
public final class TcpTransportProvider implements TransportProvider {

	/**
	 * Creates the provider; {@link java.util.ServiceLoader} calls this.
	 */
	public TcpTransportProvider() {
	}

	@Override
	public Set<TransportType> types() {
		return Set.of(TransportType.TCP);
	}

	@Override
	public Transport create(TransportType type) {
		return new TcpTransport();
	}

}
