package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.factory.TransportSelector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of service discovery: the {@link ServiceDiscovery} that {@code @IpcService}s register in and
 * {@code @IpcClient}s without endpoints find their service in, of the {@code cdmf.ipc.discovery.type} (the embedded
 * registry unless said otherwise; none for {@code none}), and the {@link TransportSelector} that picks among the
 * transports an instance advertises. An application's own bean of either type wins. Registries that are not built
 * in come from an {@link IpcServiceDiscoveryFactory} bean of their type, such as the Spring Cloud adapter's.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IpcAutoConfiguration.class,
		before = { IpcServerAutoConfiguration.class, IpcClientAutoConfiguration.class })
@ConditionalOnClass(ServiceDiscovery.class)
@ConditionalOnBooleanProperty(name = "cdmf.ipc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IpcDiscoveryProperties.class)
@Import({ IpcSpringCloudDiscoveryConfiguration.class, IpcZooKeeperDiscoveryConfiguration.class })
public final class IpcDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TransportSelector ipcTransportSelector(IpcDiscoveryProperties properties) {
		return IpcDiscoverySettings.transportSelector(properties);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@Conditional(OnRegistryType.class)
	ServiceDiscovery ipcServiceDiscovery(IpcDiscoveryProperties properties,
			ObjectProvider<IpcServiceDiscoveryFactory> factories, ResourceLoader resourceLoader) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		return IpcDiscoverySettings.create(properties, factories.orderedStream().toList(),
				(classLoader != null) ? classLoader : ClassUtils.getDefaultClassLoader());
	}

	/**
	 * Matches unless {@code cdmf.ipc.discovery.type} is {@code none}.
	 */
	static final class OnRegistryType extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String type = context.getEnvironment()
				.getProperty(IpcDiscoveryProperties.PREFIX + ".type", IpcDiscoveryProperties.TYPE_EMBEDDED);
			return IpcDiscoverySettings.normalize(type).equals(IpcDiscoveryProperties.TYPE_NONE)
					? ConditionOutcome.noMatch("cdmf.ipc.discovery.type is none")
					: ConditionOutcome.match("cdmf.ipc.discovery.type is " + type);
		}

	}

}
