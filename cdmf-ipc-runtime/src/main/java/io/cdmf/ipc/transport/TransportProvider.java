package io.cdmf.ipc.transport;

import java.util.List;
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
	 * Returns whether this provider can work with the classes a class loader sees. Providers of optional
	 * technologies override this so that a caller's class loader (an application's, or a test's filtering one) is
	 * honoured; the default ignores it.
	 * @param classLoader the class loader to look for the provider's libraries in
	 * @return whether it is usable
	 * @since 0.1.0
	 */
	default boolean isAvailable(ClassLoader classLoader) {
		return isAvailable();
	}

	/**
	 * Returns why this provider is not available with the classes a class loader sees, with what to do about it.
	 * @param classLoader the class loader to look for the provider's libraries in
	 * @return the explanation, empty if it is available
	 * @since 0.1.0
	 */
	default String unavailableReason(ClassLoader classLoader) {
		return unavailableReason();
	}

	/**
	 * Returns the artifacts to add so that this provider becomes available, with the versions this build uses.
	 * @param classLoader the class loader to look for the provider's libraries in
	 * @return the artifacts, empty if none are missing (or if what is missing is not an artifact, such as a JVM flag)
	 * @since 0.1.0
	 */
	default List<TransportDependency> missingDependencies(ClassLoader classLoader) {
		return List.of();
	}

	/**
	 * Creates a transport, not yet initialized.
	 * @param type one of {@link #types()}
	 * @return the transport
	 */
	Transport create(TransportType type);

}
