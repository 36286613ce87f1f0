package io.cdmf.ipc.transport.unix;

import java.util.Set;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportProvider;
import io.cdmf.ipc.transport.TransportType;

/**
 * Makes {@link UnixDatagramTransport}s for {@code unix+dgram://} endpoints; registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.cdmf.ipc.transport.TransportProvider}.
 *
 * @since 0.1.0
 */
public final class UnixDatagramTransportProvider implements TransportProvider {

	private static final Set<TransportType> TYPES = Set.of(TransportType.UNIX_DATAGRAM);

	/**
	 * Creates the provider; {@link java.util.ServiceLoader} calls this.
	 */
	public UnixDatagramTransportProvider() {
	}

	@Override
	public Set<TransportType> types() {
		return TYPES;
	}

	/**
	 * Returns whether libc could be bound through jnr-ffi on this platform (Linux only).
	 * @return whether the transport can run here
	 */
	@Override
	public boolean isAvailable() {
		return UnixDatagramNative.isAvailable();
	}

	@Override
	public String unavailableReason() {
		return UnixDatagramNative.unavailableReason();
	}

	@Override
	public Transport create(TransportType type) {
		if (!TYPES.contains(type)) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"UnixDatagramTransportProvider makes " + TYPES + " transports, not " + type);
		}
		return new UnixDatagramTransport();
	}

}
