package io.cdmf.ipc.transport.udp;

import java.util.Set;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportProvider;
import io.cdmf.ipc.transport.TransportType;

/**
 * Makes {@link UdpTransport}s for {@code udp://} endpoints; registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/io.cdmf.ipc.transport.TransportProvider}.
 *
 * @since 0.1.0
 */
public final class UdpTransportProvider implements TransportProvider {

	/**
	 * Creates the provider; {@link java.util.ServiceLoader} calls this.
	 */
	public UdpTransportProvider() {
	}

	@Override
	public Set<TransportType> types() {
		return Set.of(TransportType.UDP);
	}

	@Override
	public Transport create(TransportType type) {
		return new UdpTransport();
	}

}
