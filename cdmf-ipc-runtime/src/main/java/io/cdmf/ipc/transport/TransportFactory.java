package io.cdmf.ipc.transport;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates transports by endpoint scheme from the {@link TransportProvider}s on the classpath.
 *
 * @since 0.1.0
 */
public final class TransportFactory {

	private static final Logger logger = LoggerFactory.getLogger(TransportFactory.class);

	private static volatile Map<TransportType, TransportProvider> providers;

	private TransportFactory() {
	}

	/**
	 * Creates and initializes a transport for a configuration.
	 * @param config the configuration; its endpoint's scheme selects the transport
	 * @return the initialized transport, ready to {@link Transport#start()} or {@link Transport#connect()}
	 * @throws IpcException with {@code INVALID_ARGUMENT} if no usable transport serves the scheme
	 */
	public static Transport create(TransportConfig config) {
		TransportProvider provider = providers().get(config.type());
		if (provider == null) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "No transport for '" + config.type().scheme()
					+ "://' endpoints is on the classpath (endpoint " + config.endpoint() + ")"
					+ TransportDependency.moduleOf(config.type())
						.map((module) -> ": add the dependency " + module.coordinates())
						.orElse(""));
		}
		if (!provider.isAvailable()) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "The " + config.type().scheme()
					+ ":// transport cannot run here: " + provider.unavailableReason());
		}
		Transport transport = provider.create(config.type());
		transport.init(config);
		return transport;
	}

	/**
	 * Creates and initializes a transport for an endpoint with default settings.
	 * @param endpoint the endpoint URI
	 * @return the initialized transport
	 */
	public static Transport create(String endpoint) {
		return create(TransportConfig.of(endpoint));
	}

	/**
	 * Returns whether a transport for a type is on the classpath and usable.
	 * @param type the transport type
	 * @return whether {@link #create} can make one
	 */
	public static boolean isSupported(TransportType type) {
		TransportProvider provider = providers().get(type);
		return provider != null && provider.isAvailable();
	}

	/**
	 * Returns whether a transport for a type is usable with the classes a class loader sees: its provider is found
	 * through that loader and checks its libraries there. An application passes its own class loader; a test can
	 * pass one that hides a library.
	 * @param type the transport type
	 * @param classLoader the class loader to find providers and their libraries in
	 * @return whether a transport can be made
	 * @since 0.1.0
	 */
	public static boolean isSupported(TransportType type, ClassLoader classLoader) {
		TransportProvider provider = providers(classLoader).get(type);
		return provider != null && provider.isAvailable(classLoader);
	}

	/**
	 * Returns why no transport for a type can be made with the classes a class loader sees, naming what to add.
	 * @param type the transport type
	 * @param classLoader the class loader to find providers and their libraries in
	 * @return the explanation, empty if {@link #isSupported(TransportType, ClassLoader)}
	 * @since 0.1.0
	 */
	public static String unavailableReason(TransportType type, ClassLoader classLoader) {
		TransportProvider provider = providers(classLoader).get(type);
		if (provider == null) {
			Optional<TransportDependency> module = TransportDependency.moduleOf(type);
			if (module.isPresent()) {
				return type.scheme() + ":// is served by the module " + module.get().groupId() + ':'
						+ module.get().artifactId() + ", which is not on the class path. Add the dependency "
						+ module.get().coordinates() + " (the version of this cdmf-ipc-runtime): it brings the "
						+ "libraries the transport needs, at the versions this build was tested with"
						+ ((type == TransportType.SHARED_MEMORY_JOURNAL) ? ". On Java 17+ its Chronicle Queue also "
								+ "needs JVM flags (--add-exports and --add-opens, listed in docs/shared-memory.md); once "
								+ "the module is there, this message names any that are missing" : "");
			}
			return "no TransportProvider for " + type.scheme() + ":// is registered in META-INF/services/"
					+ TransportProvider.class.getName() + "; add the module that provides it";
		}
		return provider.isAvailable(classLoader) ? "" : provider.unavailableReason(classLoader);
	}

	/**
	 * Returns the artifacts to add so that a transport for a type can be made with the classes a class loader sees.
	 * @param type the transport type
	 * @param classLoader the class loader to find providers and their libraries in
	 * @return the artifacts with the versions this build uses, empty if none is missing or the lack is not an
	 * artifact
	 * @since 0.1.0
	 */
	public static List<TransportDependency> missingDependencies(TransportType type, ClassLoader classLoader) {
		TransportProvider provider = providers(classLoader).get(type);
		if (provider == null) {
			return TransportDependency.moduleOf(type).map(List::of).orElse(List.of());
		}
		return provider.isAvailable(classLoader) ? List.of() : provider.missingDependencies(classLoader);
	}

	private static Map<TransportType, TransportProvider> providers(ClassLoader classLoader) {
		// The runtime's own loader is the common case and is cached; any other is looked up afresh (cheap, and done
		// at configuration time only), so a filtering loader's view is not mixed with the cached one.
		return (classLoader == TransportFactory.class.getClassLoader()) ? providers() : load(classLoader);
	}

	private static Map<TransportType, TransportProvider> providers() {
		Map<TransportType, TransportProvider> result = providers;
		if (result == null) {
			result = load(TransportFactory.class.getClassLoader());
			providers = result;
		}
		return result;
	}

	private static Map<TransportType, TransportProvider> load(ClassLoader classLoader) {
		Map<TransportType, TransportProvider> result = new EnumMap<>(TransportType.class);
		Iterator<TransportProvider> found = ServiceLoader.load(TransportProvider.class, classLoader).iterator();
		while (true) {
			TransportProvider provider;
			try {
				if (!found.hasNext()) {
					return result;
				}
				provider = found.next();
			}
			catch (ServiceConfigurationError ex) {
				// A provider listed in a jar's META-INF/services whose class cannot load (a broken jar, or a class
				// loader that hides it): its schemes stay unserved, and asking for them names the module to add.
				// The other providers still load.
				logger.warn("Skipping a transport provider that cannot be loaded: {}", ex.getMessage());
				logger.debug("Why the transport provider cannot be loaded", ex);
				continue;
			}
			for (TransportType type : provider.types()) {
				result.putIfAbsent(type, provider);
			}
		}
	}

}
