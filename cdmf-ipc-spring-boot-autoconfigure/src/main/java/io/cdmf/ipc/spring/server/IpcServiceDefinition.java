package io.cdmf.ipc.spring.server;

import java.time.Duration;
import java.util.List;

import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;

/**
 * A bean to serve, as its {@link io.cdmf.ipc.spring.annotation.IpcService @IpcService} annotation describes it,
 * before properties are applied.
 *
 * @param beanName the bean's name
 * @param bean the bean
 * @param contract the contract interface it serves
 * @param name the service's name
 * @param version the service's version, empty for none
 * @param endpoints the endpoint URIs from the annotation
 * @param serialization the format from the annotation, or {@code null} if it gives none
 * @param maxConcurrentRequests the limit from the annotation, or -1 if it gives none
 * @param requestTimeout the timeout from the annotation, or {@code null} if it gives none
 * @since 0.1.0
 */
public record IpcServiceDefinition(String beanName, Object bean, Class<?> contract, String name, String version,
		List<String> endpoints, @Nullable SerializationFormat serialization, int maxConcurrentRequests,
		@Nullable Duration requestTimeout) {

	/**
	 * Creates a definition.
	 * @param beanName the bean's name
	 * @param bean the bean
	 * @param contract the contract interface
	 * @param name the service's name
	 * @param version the version
	 * @param endpoints the endpoints
	 * @param serialization the format or {@code null}
	 * @param maxConcurrentRequests the limit or -1
	 * @param requestTimeout the timeout or {@code null}
	 */
	public IpcServiceDefinition {
		endpoints = List.copyOf(endpoints);
	}

}
