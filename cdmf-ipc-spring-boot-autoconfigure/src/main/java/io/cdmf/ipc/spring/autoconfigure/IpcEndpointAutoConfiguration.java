package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.spring.actuate.endpoint.IpcEndpoint;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link IpcEndpoint} Actuator endpoint, when Actuator is present and the endpoint is
 * enabled and exposed ({@code management.endpoints.web.exposure.include=ipc}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { IpcDiscoveryAutoConfiguration.class, IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class })
@ConditionalOnClass({ IpcServerLifecycle.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(IpcEndpoint.class)
public final class IpcEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IpcEndpoint ipcEndpoint(ObjectProvider<IpcServerLifecycle> server, ObjectProvider<IpcClientRegistry> clients,
			ObjectProvider<ServiceDiscovery> discovery) {
		return new IpcEndpoint(server.getIfAvailable(), clients.getIfAvailable(), discovery.getIfUnique());
	}

}
