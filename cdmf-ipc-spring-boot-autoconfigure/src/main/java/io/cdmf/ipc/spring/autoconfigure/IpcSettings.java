package io.cdmf.ipc.spring.autoconfigure;

import java.util.function.Supplier;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.InvalidEndpointException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportFactory;
import org.jspecify.annotations.Nullable;

/**
 * Checks shared by the service and client configuration: endpoints, formats and builder values, each failure naming
 * its property.
 */
final class IpcSettings {

	private IpcSettings() {
	}

	static @Nullable <T> T first(@Nullable T property, @Nullable T annotation) {
		return (property != null) ? property : annotation;
	}

	static TransportConfig endpoint(String property, String endpoint, String example) {
		TransportConfig config;
		try {
			config = TransportConfig.of(endpoint);
		}
		catch (InvalidEndpointException ex) {
			throw new IpcConfigurationException(property, endpoint, ex.getMessage(),
					"Set " + property + " to a valid endpoint URI, such as " + example + ".", ex);
		}
		if (!TransportFactory.isSupported(config.type())) {
			throw new IpcConfigurationException(property, endpoint,
					"No usable transport for '" + config.type().scheme() + "://' endpoints is on the classpath",
					"Add the module of the " + config.type().scheme() + ":// transport, or set " + property
							+ " to an endpoint of an available transport, such as " + example + ".",
					null);
		}
		return config;
	}

	static SerializationFormat format(String property, SerializationFormat format, SerializerRegistry registry) {
		try {
			registry.get(format);
			return format;
		}
		catch (IpcException ex) {
			throw new IpcConfigurationException(property, format.name(), ex.getMessage(),
					"Add the library the message names, or set " + property + " to one of " + registry.formats()
							+ ".",
					ex);
		}
	}

	static <T> T check(String property, Object value, Supplier<T> apply) {
		return check(property, value, "Set " + property + " to a value in range.", apply);
	}

	static <T> T check(String property, Object value, String action, Supplier<T> apply) {
		try {
			return apply.get();
		}
		catch (IllegalArgumentException ex) {
			throw new IpcConfigurationException(property, String.valueOf(value), ex.getMessage(), action, ex);
		}
	}

}
