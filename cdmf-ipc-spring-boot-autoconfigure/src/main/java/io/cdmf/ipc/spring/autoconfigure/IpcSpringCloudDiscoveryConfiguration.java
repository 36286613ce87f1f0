package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.cloud.SpringCloudServiceDiscovery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes {@code cdmf.ipc.discovery.type=spring-cloud} available when Spring Cloud Commons is on the class path: the
 * registry is a {@link SpringCloudServiceDiscovery} over the application's {@link DiscoveryClient}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = IpcDiscoverySettings.DISCOVERY_CLIENT_CLASS)
class IpcSpringCloudDiscoveryConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "springCloudIpcServiceDiscoveryFactory")
	IpcServiceDiscoveryFactory springCloudIpcServiceDiscoveryFactory(ObjectProvider<DiscoveryClient> clients) {
		return IpcServiceDiscoveryFactory.of(IpcDiscoveryProperties.TYPE_SPRING_CLOUD, properties -> {
			DiscoveryClient client = clients.getIfAvailable();
			String property = IpcDiscoveryProperties.PREFIX + ".type";
			if (client == null) {
				throw new IpcConfigurationException(property, IpcDiscoveryProperties.TYPE_SPRING_CLOUD,
						"cdmf.ipc.discovery.type is spring-cloud but the application has no Spring Cloud "
								+ "DiscoveryClient bean",
						"Add a Spring Cloud discovery starter (Consul, Eureka, Kubernetes, Zookeeper), or list "
								+ "instances under spring.cloud.discovery.client.simple.instances, or set " + property
								+ " to embedded.",
						null);
			}
			IpcDiscoveryProperties.SpringCloud settings = properties.getSpringCloud();
			return IpcSettings.check(IpcDiscoveryProperties.PREFIX + ".spring-cloud.poll-interval",
					settings.getPollInterval(), () -> new SpringCloudServiceDiscovery(client,
							settings.getPollInterval(), settings.getServiceIds()));
		});
	}

}
