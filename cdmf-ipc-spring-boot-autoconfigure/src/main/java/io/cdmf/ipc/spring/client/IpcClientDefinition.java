package io.cdmf.ipc.spring.client;

import java.time.Duration;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.spring.annotation.IpcClient;
import io.cdmf.ipc.spring.internal.AnnotationValues;
import org.jspecify.annotations.Nullable;

/**
 * A client interface as its {@link IpcClient @IpcClient} annotation describes it, before properties are applied.
 *
 * @param type the client interface
 * @param service the called service's name
 * @param version the expected version, empty for any
 * @param endpoint the endpoint from the annotation, or {@code null} if it gives none
 * @param serialization the format from the annotation, or {@code null} if it gives none
 * @param timeout the timeout from the annotation, or {@code null} if it gives none
 * @since 0.1.0
 */
public record IpcClientDefinition(Class<?> type, String service, String version, @Nullable String endpoint,
		@Nullable SerializationFormat serialization, @Nullable Duration timeout) {

	/**
	 * Reads the definition of an annotated interface.
	 * @param type the interface
	 * @return the definition
	 * @throws IllegalArgumentException if the type is not an interface annotated with {@code @IpcClient}
	 */
	public static IpcClientDefinition of(Class<?> type) {
		IpcClient annotation = type.getAnnotation(IpcClient.class);
		if (!type.isInterface() || annotation == null) {
			throw new IllegalArgumentException(
					type.getName() + " is not an interface annotated with @IpcClient: only such interfaces are clients");
		}
		String where = "@IpcClient on " + type.getName();
		return new IpcClientDefinition(type,
				annotation.service().isBlank() ? defaultService(type) : annotation.service(), annotation.version(),
				annotation.endpoint().isBlank() ? null : annotation.endpoint(),
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

}
