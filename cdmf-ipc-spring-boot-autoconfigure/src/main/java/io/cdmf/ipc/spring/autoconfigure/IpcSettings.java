package io.cdmf.ipc.spring.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.InvalidEndpointException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportDependency;
import io.cdmf.ipc.transport.TransportFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

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
		// The application's class loader (the thread context one, as Spring uses it), so that what the application
		// sees is what is checked; a test's filtering class loader is honoured the same way.
		ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
		if (classLoader == null) {
			classLoader = IpcSettings.class.getClassLoader();
		}
		if (!TransportFactory.isSupported(config.type(), classLoader)) {
			String scheme = config.type().scheme();
			throw new IpcConfigurationException(property, endpoint,
					"The " + scheme + ":// transport cannot be used: "
							+ TransportFactory.unavailableReason(config.type(), classLoader),
					unavailableAction(property, example, TransportFactory.missingDependencies(config.type(), classLoader)),
					null);
		}
		return config;
	}

	private static String unavailableAction(String property, String example, List<TransportDependency> missing) {
		String otherwise = "set " + property + " to an endpoint of an available transport, such as " + example + ".";
		if (missing.isEmpty()) {
			return "Do what the description says (it names what this JVM or OS lacks), or " + otherwise;
		}
		StringBuilder action = new StringBuilder(
				"Add these dependencies (the versions this build of cdmf-ipc is built with) to your build:\n\n");
		for (TransportDependency dependency : missing) {
			action.append("    ").append(dependency.toMavenXml().replace("\n", "\n    ")).append('\n');
		}
		missing.stream()
			.filter((dependency) -> dependency.artifactId().equals("protobuf-java"))
			.findFirst()
			.ifPresent((protobuf) -> action
				.append("\nDeclare protobuf-java directly (or import com.google.protobuf:protobuf-bom:" + protobuf.version()
						+ " in <dependencyManagement>): otherwise io.grpc:grpc-protobuf brings an older protobuf-java "
						+ "3.x, also under spring-boot-starter-parent.\n"));
		return action.append("\nOr ").append(otherwise).toString();
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
