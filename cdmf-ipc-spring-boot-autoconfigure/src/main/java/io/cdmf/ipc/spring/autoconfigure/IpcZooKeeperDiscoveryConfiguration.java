package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.discovery.zookeeper.ZooKeeperDiscovery;
import io.cdmf.ipc.spring.IpcConfigurationException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes {@code cdmf.ipc.discovery.type=zookeeper} available when module {@code cdmf-ipc-discovery-zookeeper} is on
 * the class path: the registry is a {@link ZooKeeperDiscovery} built from the {@code cdmf.ipc.discovery.zookeeper.*}
 * properties, unset ones keeping the module's defaults.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = IpcDiscoverySettings.ZOOKEEPER_CLASS)
class IpcZooKeeperDiscoveryConfiguration {

	private static final String PREFIX = IpcDiscoveryProperties.PREFIX + ".zookeeper";

	@Bean
	@ConditionalOnMissingBean(name = "zooKeeperIpcServiceDiscoveryFactory")
	IpcServiceDiscoveryFactory zooKeeperIpcServiceDiscoveryFactory() {
		return IpcServiceDiscoveryFactory.of(IpcDiscoveryProperties.TYPE_ZOOKEEPER, properties -> {
			IpcDiscoveryProperties.Zookeeper settings = properties.getZookeeper();
			ZooKeeperDiscovery.Builder builder = IpcSettings.check(PREFIX + ".connect-string",
					settings.getConnectString(), () -> ZooKeeperDiscovery.builder(settings.getConnectString()));
			if (settings.getSessionTimeout() != null) {
				IpcSettings.check(PREFIX + ".session-timeout", settings.getSessionTimeout(),
						() -> builder.sessionTimeout(settings.getSessionTimeout()));
			}
			if (settings.getConnectionTimeout() != null) {
				IpcSettings.check(PREFIX + ".connection-timeout", settings.getConnectionTimeout(),
						() -> builder.connectionTimeout(settings.getConnectionTimeout()));
			}
			if (settings.getBasePath() != null) {
				IpcSettings.check(PREFIX + ".base-path", settings.getBasePath(),
						() -> builder.basePath(settings.getBasePath()));
			}
			try {
				return IpcSettings.check(PREFIX + ".connection-timeout", settings.getConnectionTimeout(),
						builder::build);
			}
			catch (IpcException ex) {
				throw new IpcConfigurationException(PREFIX + ".connect-string", settings.getConnectString(),
						ex.getMessage(), "Start ZooKeeper at " + settings.getConnectString() + ", fix " + PREFIX
								+ ".connect-string, or set " + IpcDiscoveryProperties.PREFIX + ".type to embedded.",
						ex);
			}
		});
	}

}
