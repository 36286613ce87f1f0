package io.cdmf.ipc.factory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.channel.ChannelStats;
import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.channel.SubchannelState;
import io.cdmf.ipc.channel.SubchannelStats;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cached proxy of a {@link ServiceProxyFactory} and the watch that keeps its channel's endpoints equal to the
 * healthy instances of its service: each instance becomes one endpoint, the one the {@link TransportSelector}
 * chooses. An endpoint that never connected while its instance stays registered is passed over for
 * {@value #FAILED_RETRY_MILLIS} ms, so the next transport of that instance is used instead (the calls meanwhile go
 * to other instances, or wait for the reconnect within their timeout).
 */
final class DiscoveredService implements AutoCloseable {

	static final long FAILED_RETRY_MILLIS = 30_000;

	/** Connect failures of a never-ready endpoint before the next transport of its instance is tried. */
	private static final int FAILED_CONNECTS = 2;

	private static final Logger logger = LoggerFactory.getLogger(ServiceProxyFactory.class);

	private final String serviceName;

	private final VersionRange version;

	private final ServiceProxy proxy;

	private final TransportSelector selector;

	private final EndpointConfigurer endpointConfig;

	private final Set<String> everReady = ConcurrentHashMap.newKeySet();

	private final Map<String, Long> failedUntil = new ConcurrentHashMap<>();

	private final Map<String, Integer> connectFailures = new ConcurrentHashMap<>();

	private volatile List<ServiceEndpoint> instances = List.of();

	private volatile List<TransportChoice> choices = List.of();

	private volatile ServiceDiscovery.@Nullable Watch watch;

	DiscoveredService(String serviceName, VersionRange version, ServiceProxy proxy, TransportSelector selector,
			EndpointConfigurer endpointConfig) {
		this.serviceName = serviceName;
		this.version = version;
		this.proxy = proxy;
		this.selector = selector;
		this.endpointConfig = endpointConfig;
	}

	void start(ServiceDiscovery discovery) {
		this.watch = discovery.watch(this.serviceName, this.version, this::onInstances);
	}

	ServiceProxy proxy() {
		return this.proxy;
	}

	List<ServiceEndpoint> instances() {
		return this.instances;
	}

	List<TransportChoice> choices() {
		return this.choices;
	}

	private synchronized void onInstances(List<ServiceEndpoint> found) {
		this.instances = found;
		apply();
	}

	/** Chooses an endpoint per healthy instance and hands the set to the channel. */
	private synchronized void apply() {
		long now = System.currentTimeMillis();
		this.failedUntil.values().removeIf(until -> until <= now);
		List<TransportChoice> chosen = new ArrayList<>();
		List<ChannelEndpoint> endpoints = new ArrayList<>();
		Set<String> uris = new HashSet<>();
		for (ServiceEndpoint instance : this.instances) {
			if (!instance.healthy()) {
				chosen.add(new TransportChoice(instance, null,
						instance.isLocal() ? Locality.SAME_HOST : Locality.OTHER_HOST,
						"instance reports itself unhealthy", List.of()));
				continue;
			}
			TransportChoice choice = this.selector.select(instance, this.failedUntil.keySet());
			chosen.add(choice);
			String uri = choice.endpoint();
			if (uri != null && uris.add(uri)) {
				endpoints.add(ChannelEndpoint.of(transport(uri)).withLocality(choice.locality())
					.withWeight(weight(instance)));
			}
		}
		List<TransportChoice> previous = this.choices;
		this.choices = List.copyOf(chosen);
		if (!sameEndpoints(previous, chosen)) {
			logger.info("{} {}: {} instance(s), calling {}", this.serviceName, this.version, this.instances.size(),
					chosen);
		}
		this.proxy.getChannel().updateEndpoints(endpoints);
	}

	/**
	 * Looks at the channel's endpoints: one that failed to connect again and again and was never ready is passed
	 * over for a while, so its instance is reached through its next transport.
	 */
	void checkConnections() {
		ChannelStats stats = this.proxy.getChannelStats();
		boolean changed = false;
		for (SubchannelStats endpoint : stats.endpoints()) {
			String uri = endpoint.endpoint();
			if (endpoint.state() == SubchannelState.READY || endpoint.state() == SubchannelState.EJECTED) {
				this.everReady.add(uri);
				this.connectFailures.remove(uri);
			}
			else if (endpoint.state() == SubchannelState.TRANSIENT_FAILURE && !this.everReady.contains(uri)
					&& this.connectFailures.merge(uri, 1, Integer::sum) >= FAILED_CONNECTS && hasAlternative(uri)) {
				logger.warn("{}: {} could not be connected to ({}); trying the instance's next transport for {} s",
						this.serviceName, uri, endpoint.lastError(), FAILED_RETRY_MILLIS / 1000);
				this.failedUntil.put(uri, System.currentTimeMillis() + FAILED_RETRY_MILLIS);
				this.connectFailures.remove(uri);
				changed = true;
			}
		}
		long now = System.currentTimeMillis();
		if (changed || this.failedUntil.values().stream().anyMatch(until -> until <= now)) {
			apply();
		}
	}

	private boolean hasAlternative(String uri) {
		for (TransportChoice choice : this.choices) {
			if (uri.equals(choice.endpoint())) {
				return choice.instance().endpoints().size() > 1;
			}
		}
		return false;
	}

	private static boolean sameEndpoints(List<TransportChoice> previous, List<TransportChoice> next) {
		if (previous.size() != next.size()) {
			return false;
		}
		for (int i = 0; i < next.size(); i++) {
			TransportChoice a = previous.get(i);
			TransportChoice b = next.get(i);
			if (!a.instance().instanceId().equals(b.instance().instanceId())
					|| !java.util.Objects.equals(a.endpoint(), b.endpoint())) {
				return false;
			}
		}
		return true;
	}

	private TransportConfig transport(String uri) {
		EndpointUri endpoint = EndpointUri.parse(uri);
		TransportConfig.Builder builder = TransportConfig.custom(endpoint);
		this.endpointConfig.configure(this.serviceName, endpoint, builder);
		return builder.build();
	}

	private static int weight(ServiceEndpoint instance) {
		String weight = instance.metadata(ServiceEndpoint.METADATA_WEIGHT);
		if (weight == null) {
			return ChannelEndpoint.DEFAULT_WEIGHT;
		}
		try {
			return Math.max(1, Math.min(ChannelEndpoint.MAX_WEIGHT, Integer.parseInt(weight.trim())));
		}
		catch (NumberFormatException ex) {
			logger.warn("Instance {} has weight '{}', not a whole number; it gets weight 1", instance.instanceId(),
					weight);
			return ChannelEndpoint.DEFAULT_WEIGHT;
		}
	}

	@Override
	public void close() {
		ServiceDiscovery.Watch current = this.watch;
		if (current != null) {
			current.close();
		}
		this.proxy.close();
	}

}
