package io.cdmf.ipc.transport.shm.journal;

import java.util.List;
import java.util.Set;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportDependency;
import io.cdmf.ipc.transport.TransportProvider;
import io.cdmf.ipc.transport.TransportType;

/**
 * Makes {@code shm+journal://} transports. Available only when Chronicle Queue (an optional dependency) is on the
 * classpath and the JVM has the flags it needs; this class never touches a Chronicle class itself, so it loads
 * without Chronicle.
 *
 * @since 0.1.0
 */
public final class JournalTransportProvider implements TransportProvider {

	@Override
	public Set<TransportType> types() {
		return Set.of(TransportType.SHARED_MEMORY_JOURNAL);
	}

	@Override
	public boolean isAvailable() {
		return ChronicleSupport.unavailableReason().isEmpty();
	}

	@Override
	public String unavailableReason() {
		return ChronicleSupport.unavailableReason();
	}

	@Override
	public boolean isAvailable(ClassLoader classLoader) {
		return ChronicleSupport.unavailableReason(classLoader).isEmpty();
	}

	@Override
	public String unavailableReason(ClassLoader classLoader) {
		return ChronicleSupport.unavailableReason(classLoader);
	}

	@Override
	public List<TransportDependency> missingDependencies(ClassLoader classLoader) {
		return ChronicleSupport.isOnClasspath(classLoader) ? List.of() : List.of(ChronicleSupport.CHRONICLE_QUEUE);
	}

	@Override
	public Transport create(TransportType type) {
		// Before the first Chronicle class loads: Chronicle reads these settings in static initializers.
		ChronicleSupport.applyQuietDefaults();
		return new JournalTransport();
	}

}
