package io.cdmf.ipc.spring.autoconfigure.health;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.spring.autoconfigure.IpcClientAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcDiscoveryAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcServerAutoConfiguration;
import io.cdmf.ipc.spring.client.IpcClientRegistry;
import io.cdmf.ipc.spring.health.IpcHealthIndicator;
import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the {@code ipc} health contributor ({@code management.health.ipc.enabled}), when the
 * application serves or calls services, or has a service registry.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { IpcDiscoveryAutoConfiguration.class, IpcServerAutoConfiguration.class,
				IpcClientAutoConfiguration.class },
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, IpcServerLifecycle.class })
@Conditional(IpcHealthContributorAutoConfiguration.OnServerOrClients.class)
@ConditionalOnEnabledHealthIndicator("ipc")
public final class IpcHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "ipcHealthIndicator")
	IpcHealthIndicator ipcHealthIndicator(ObjectProvider<IpcServerLifecycle> server,
			ObjectProvider<IpcClientRegistry> clients, ObjectProvider<ServiceDiscovery> discovery) {
		return new IpcHealthIndicator(server.getIfAvailable(), clients.getIfAvailable(), discovery.getIfUnique());
	}

	static final class OnServerOrClients extends AnyNestedCondition {

		OnServerOrClients() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(IpcServerLifecycle.class)
		static final class Server {

		}

		@ConditionalOnBean(IpcClientRegistry.class)
		static final class Clients {

		}

		@ConditionalOnBean(ServiceDiscovery.class)
		static final class Discovery {

		}

	}

}
