package io.cdmf.ipc.transport;

import java.util.Set;

/**
 * Service-provider interface: makes transports for some schemes. Providers are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.cdmf.ipc.transport.TransportProvider}), so a
 * transport module only needs to be on the classpath.
 *
 * @since 0.1.0
 */
public interface TransportProvider {

	/**
	 * Returns the transport types this provider makes.
	 * @return the types
	 */
	Set<TransportType> types();

	/**
	 * Returns whether this provider can work here (its libraries and JVM flags are present).
	 * @return whether it is usable
	 */
	default boolean isAvailable() {
		return true;
	}

	/**
	 * Returns why this provider is not available, with what to do about it.
	 * @return the explanation, used in error messages
	 */
	default String unavailableReason() {
		return "";
	}

	/**
	 * Creates a transport, not yet initialized.
	 * @param type one of {@link #types()}
	 * @return the transport
	 */
	Transport create(TransportType type);

}
