package io.cdmf.ipc.spring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.annotation.IpcClient;
import io.cdmf.ipc.spring.internal.AnnotationValues;
import org.jspecify.annotations.Nullable;

/**
 * A client interface as its {@link IpcClient @IpcClient} annotation describes it, before properties are applied.
 *
 * @param type the client interface
 * @param service the called service's name
 * @param version the expected version, empty for any
 * @param endpoints the endpoints from the annotation ({@code endpoint} first, then {@code endpoints}), possibly empty
 * @param serialization the format from the annotation, or {@code null} if it gives none
 * @param timeout the timeout from the annotation, or {@code null} if it gives none
 * @since 0.1.0
 */
public record IpcClientDefinition(Class<?> type, String service, String version, List<String> endpoints,
		@Nullable SerializationFormat serialization, @Nullable Duration timeout) {

	/**
	 * Copies the endpoints.
	 * @param type the client interface
	 * @param service the called service's name
	 * @param version the expected version
	 * @param endpoints the endpoints
	 * @param serialization the format, or {@code null}
	 * @param timeout the timeout, or {@code null}
	 */
	public IpcClientDefinition {
		endpoints = List.copyOf(endpoints);
	}

	/**
	 * Reads the definition of an annotated interface.
	 * @param type the interface
	 * @return the definition
	 * @throws IllegalArgumentException if the type is not an interface annotated with {@code @IpcClient}
	 * @throws IpcConfigurationException if an attribute is not usable, such as an endpoint given twice
	 */
	public static IpcClientDefinition of(Class<?> type) {
		IpcClient annotation = type.getAnnotation(IpcClient.class);
		if (!type.isInterface() || annotation == null) {
			throw new IllegalArgumentException(type.getName()
					+ " is not an interface annotated with @IpcClient: only such interfaces are clients");
		}
		String where = "@IpcClient on " + type.getName();
		return new IpcClientDefinition(type,
				annotation.service().isBlank() ? defaultService(type) : annotation.service(), annotation.version(),
				endpoints(annotation, where),
				AnnotationValues.format(annotation.serialization(), where + " (serialization)"),
				AnnotationValues.duration(annotation.timeout(), where + " (timeout)"));
	}

	/**
	 * Returns the service name a client calls when its annotation names none: the simple name of the contract it
	 * extends ({@code EchoClient extends Echo} calls {@code Echo}, as {@code @IpcService} names a service after its
	 * contract), or its own simple name if it extends no single interface.
	 * @param type the client interface
	 * @return the service name
	 */
	static String defaultService(Class<?> type) {
		Class<?>[] parents = type.getInterfaces();
		return (parents.length == 1) ? parents[0].getSimpleName() : type.getSimpleName();
	}

	private static List<String> endpoints(IpcClient annotation, String where) {
		List<String> endpoints = new ArrayList<>();
		if (!annotation.endpoint().isBlank()) {
			endpoints.add(annotation.endpoint().trim());
		}
		for (String endpoint : annotation.endpoints()) {
			if (endpoint.isBlank()) {
				throw new IpcConfigurationException(where + " (endpoints)", String.join(",", annotation.endpoints()),
						where + " lists a blank endpoint", "Remove the blank entry from endpoints.", null);
			}
			if (endpoints.contains(endpoint.trim())) {
				throw new IpcConfigurationException(where + " (endpoints)", endpoint,
						where + " gives the endpoint " + endpoint.trim() + " twice (endpoint and endpoints are merged)",
						"Give each endpoint once, in endpoint or in endpoints.", null);
			}
			endpoints.add(endpoint.trim());
		}
		return endpoints;
	}

}
