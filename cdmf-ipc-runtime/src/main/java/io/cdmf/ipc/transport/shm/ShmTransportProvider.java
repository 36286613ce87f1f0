package io.cdmf.ipc.transport.shm;

import java.util.Set;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportProvider;
import io.cdmf.ipc.transport.TransportType;

/**
 * Makes {@code shm://} transports; available when the JVM exports {@code jdk.internal.misc} to Agrona.
 *
 * @since 0.1.0
 */
public final class ShmTransportProvider implements TransportProvider {

	@Override
	public Set<TransportType> types() {
		return Set.of(TransportType.SHARED_MEMORY);
	}

	@Override
	public boolean isAvailable() {
		return ShmJvmCheck.isAgronaUsable();
	}

	@Override
	public String unavailableReason() {
		return isAvailable() ? "" : ShmJvmCheck.missingFlagMessage();
	}

	@Override
	public Transport create(TransportType type) {
		return new ShmTransport();
	}

}
