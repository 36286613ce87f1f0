package io.cdmf.ipc.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;

/**
 * Creates transports by endpoint scheme from the {@link TransportProvider}s on the classpath.
 *
 * @since 0.1.0
 */
public final class TransportFactory {

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
					+ "://' endpoints is on the classpath (endpoint " + config.endpoint() + ")");
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

	private static Map<TransportType, TransportProvider> providers() {
		Map<TransportType, TransportProvider> result = providers;
		if (result == null) {
			result = new EnumMap<>(TransportType.class);
			for (TransportProvider provider : ServiceLoader.load(TransportProvider.class,
					TransportFactory.class.getClassLoader())) {
				for (TransportType type : provider.types()) {
					result.putIfAbsent(type, provider);
				}
			}
			providers = result;
		}
		return result;
	}

}
