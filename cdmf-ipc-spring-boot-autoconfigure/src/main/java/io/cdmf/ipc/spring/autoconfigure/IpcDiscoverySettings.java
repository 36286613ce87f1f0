package io.cdmf.ipc.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.embedded.EmbeddedDiscovery;
import io.cdmf.ipc.discovery.simple.StaticDiscovery;
import io.cdmf.ipc.factory.TransportSelector;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.transport.TransportType;
import org.springframework.util.ClassUtils;

/**
 * Turns {@code cdmf.ipc.discovery.*} into a {@link ServiceDiscovery} and a {@link TransportSelector}, each failure
 * naming the property to fix.
 */
final class IpcDiscoverySettings {

	static final String ZOOKEEPER_CLASS = "io.cdmf.ipc.discovery.zookeeper.ZooKeeperDiscovery";

	static final String DISCOVERY_CLIENT_CLASS = "org.springframework.cloud.client.discovery.DiscoveryClient";

	private static final String TYPE_PROPERTY = IpcDiscoveryProperties.PREFIX + ".type";

	private IpcDiscoverySettings() {
	}

	/**
	 * Creates the registry of the configured type: a built-in one, or through the factory of that type.
	 */
	static ServiceDiscovery create(IpcDiscoveryProperties properties, List<IpcServiceDiscoveryFactory> factories,
			ClassLoader classLoader) {
		String type = normalize(properties.getType());
		for (IpcServiceDiscoveryFactory factory : factories) {
			if (normalize(factory.type()).equals(type)) {
				return factory.create(properties);
			}
		}
		return switch (type) {
			case IpcDiscoveryProperties.TYPE_EMBEDDED -> embedded(properties);
			case IpcDiscoveryProperties.TYPE_STATIC -> staticDiscovery(properties);
			case IpcDiscoveryProperties.TYPE_ZOOKEEPER -> throw zooKeeperMissing(classLoader);
			case IpcDiscoveryProperties.TYPE_SPRING_CLOUD -> throw new IpcConfigurationException(TYPE_PROPERTY,
					properties.getType(),
					"cdmf.ipc.discovery.type is spring-cloud but Spring Cloud's DiscoveryClient is not on the class path",
					"Add org.springframework.cloud:spring-cloud-commons (a Spring Cloud discovery starter brings it), "
							+ "or set " + TYPE_PROPERTY + " to embedded, static or none.",
					null);
			default -> throw new IpcConfigurationException(TYPE_PROPERTY, properties.getType(),
					"Unknown service registry type '" + properties.getType() + "'",
					"Set " + TYPE_PROPERTY + " to one of " + knownTypes(factories)
							+ ", or define an IpcServiceDiscoveryFactory bean of type '" + type + "'.",
					null);
		};
	}

	private static ServiceDiscovery embedded(IpcDiscoveryProperties properties) {
		EmbeddedDiscovery.Builder builder = EmbeddedDiscovery.builder();
		IpcDiscoveryProperties.Embedded embedded = properties.getEmbedded();
		if (embedded.getDirectory() != null) {
			builder.directory(embedded.getDirectory());
		}
		IpcSettings.check(IpcDiscoveryProperties.PREFIX + ".embedded.poll-interval", embedded.getPollInterval(),
				() -> builder.pollInterval(embedded.getPollInterval()));
		return builder.build();
	}

	private static ServiceDiscovery staticDiscovery(IpcDiscoveryProperties properties) {
		StaticDiscovery.Builder builder = StaticDiscovery.builder();
		for (Map.Entry<String, List<IpcDiscoveryProperties.Instance>> service : properties.getStatic()
			.getServices()
			.entrySet()) {
			List<IpcDiscoveryProperties.Instance> instances = service.getValue();
			for (int i = 0; i < instances.size(); i++) {
				IpcDiscoveryProperties.Instance instance = instances.get(i);
				String property = IpcDiscoveryProperties.PREFIX + ".static.services." + service.getKey() + "[" + i
						+ "].endpoints";
				List<String> endpoints = instance.getEndpoints().stream().map(String::trim).filter(e -> !e.isEmpty())
					.toList();
				if (endpoints.isEmpty()) {
					throw new IpcConfigurationException(property, null,
							"Static instance " + i + " of service '" + service.getKey() + "' lists no endpoint",
							"Set " + property + "=unix:///tmp/" + service.getKey() + ".sock (the endpoints that "
									+ "instance listens on).",
							null);
				}
				for (String endpoint : endpoints) {
					IpcSettings.endpoint(property, endpoint, "unix:///tmp/" + service.getKey() + ".sock");
				}
				IpcSettings.check(property, String.join(",", endpoints), () -> builder.instance(service.getKey(),
						instance.getVersion().trim(), endpoints.toArray(String[]::new)));
			}
		}
		return IpcSettings.check(IpcDiscoveryProperties.PREFIX + ".static.services", "(as listed)",
				"List each instance of a service once.", builder::build);
	}

	private static IpcConfigurationException zooKeeperMissing(ClassLoader classLoader) {
		if (ClassUtils.isPresent(ZOOKEEPER_CLASS, classLoader)) {
			return new IpcConfigurationException(TYPE_PROPERTY, IpcDiscoveryProperties.TYPE_ZOOKEEPER,
					"The ZooKeeper registry is on the class path but nothing creates it: no IpcServiceDiscoveryFactory "
							+ "bean of type 'zookeeper' is defined",
					"Define an IpcServiceDiscoveryFactory bean of type 'zookeeper' that builds the "
							+ "ZooKeeperDiscovery from the cdmf.ipc.discovery.zookeeper.* properties, or set "
							+ TYPE_PROPERTY + " to embedded.",
					null);
		}
		return new IpcConfigurationException(TYPE_PROPERTY, IpcDiscoveryProperties.TYPE_ZOOKEEPER,
				"cdmf.ipc.discovery.type is zookeeper but the ZooKeeper registry (" + ZOOKEEPER_CLASS
						+ ") is not on the class path",
				"Add io.cdmf:cdmf-ipc-discovery-zookeeper to the application's dependencies, or set " + TYPE_PROPERTY
						+ " to embedded (one host), static or none.",
				null);
	}

	private static String knownTypes(List<IpcServiceDiscoveryFactory> factories) {
		TreeSet<String> types = new TreeSet<>(List.of(IpcDiscoveryProperties.TYPE_EMBEDDED,
				IpcDiscoveryProperties.TYPE_ZOOKEEPER, IpcDiscoveryProperties.TYPE_STATIC,
				IpcDiscoveryProperties.TYPE_SPRING_CLOUD, IpcDiscoveryProperties.TYPE_NONE));
		factories.forEach(factory -> types.add(normalize(factory.type())));
		return String.join(", ", types);
	}

	static String normalize(String type) {
		return type.trim().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	static boolean isNone(IpcDiscoveryProperties properties) {
		return normalize(properties.getType()).equals(IpcDiscoveryProperties.TYPE_NONE);
	}

	/**
	 * Creates the selector, preferring the transports of {@code cdmf.ipc.discovery.prefer-transport} in order.
	 */
	static TransportSelector transportSelector(IpcDiscoveryProperties properties) {
		String property = IpcDiscoveryProperties.PREFIX + ".prefer-transport";
		List<TransportType> preferred = new ArrayList<>();
		for (String scheme : properties.getPreferTransport()) {
			String name = scheme.trim();
			if (name.endsWith("://")) {
				name = name.substring(0, name.length() - 3);
			}
			if (name.isEmpty()) {
				continue;
			}
			TransportType type = TransportType.ofScheme(name.toLowerCase(Locale.ROOT));
			if (type == null) {
				throw new IpcConfigurationException(property, String.join(",", properties.getPreferTransport()),
						"'" + scheme + "' is not a transport scheme",
						"Set " + property + " to schemes such as unix, shm, grpc or tcp, in the order to prefer them.",
						null);
			}
			preferred.add(type);
		}
		return IpcSettings.check(property, String.join(",", properties.getPreferTransport()),
				"Set " + property + " to transports that carry calls with replies, such as unix, shm, grpc or tcp.",
				() -> TransportSelector.custom().prefer(preferred.toArray(TransportType[]::new)).build());
	}

}
