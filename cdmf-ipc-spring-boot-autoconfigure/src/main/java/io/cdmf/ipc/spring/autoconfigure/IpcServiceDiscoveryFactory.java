package io.cdmf.ipc.spring.autoconfigure;

import java.util.Objects;
import java.util.function.Function;

import io.cdmf.ipc.discovery.ServiceDiscovery;

/**
 * Creates the {@link ServiceDiscovery} of one {@code cdmf.ipc.discovery.type}: the extension point through which a
 * registry that is not built in (ZooKeeper, Spring Cloud, one of the application's own) becomes selectable by
 * property. The auto-configuration creates the registry through the bean of this type whose {@link #type()} is the
 * configured type; the built-in types {@code embedded}, {@code static} and {@code none} need none.
 *
 * <pre>{@code
 * @Bean
 * IpcServiceDiscoveryFactory etcdDiscovery() {
 *     return IpcServiceDiscoveryFactory.of("etcd", properties -> new EtcdDiscovery(...));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface IpcServiceDiscoveryFactory {

	/**
	 * Returns the value of {@code cdmf.ipc.discovery.type} that selects this factory.
	 * @return the type, such as {@code zookeeper}
	 */
	String type();

	/**
	 * Creates the registry; the application context closes it when it closes.
	 * @param properties the discovery properties
	 * @return the registry
	 * @throws io.cdmf.ipc.spring.IpcConfigurationException if a setting is missing or not usable
	 */
	ServiceDiscovery create(IpcDiscoveryProperties properties);

	/**
	 * Returns a factory of a type.
	 * @param type the type
	 * @param create creates the registry from the properties
	 * @return the factory
	 */
	static IpcServiceDiscoveryFactory of(String type, Function<IpcDiscoveryProperties, ServiceDiscovery> create) {
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(create, "create must not be null");
		return new IpcServiceDiscoveryFactory() {

			@Override
			public String type() {
				return type;
			}

			@Override
			public ServiceDiscovery create(IpcDiscoveryProperties properties) {
				return create.apply(properties);
			}

			@Override
			public String toString() {
				return "IpcServiceDiscoveryFactory(" + type + ")";
			}

		};
	}

}
