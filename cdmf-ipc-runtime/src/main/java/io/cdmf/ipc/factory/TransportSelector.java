package io.cdmf.ipc.factory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.cdmf.ipc.InvalidEndpointException;
import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.discovery.HostIdentity;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.TransportType;
import io.cdmf.ipc.transport.shm.ShmDescriptor;
import io.cdmf.ipc.transport.shm.ShmOptions;
import org.jspecify.annotations.Nullable;

/**
 * Picks, among the endpoints an instance advertises, the one a client takes, by locality:
 * <ul>
 * <li>same process: {@code inproc://}, then as for the same host;</li>
 * <li>same host (the instance's {@link HostIdentity} is this host's): {@code shm://}, then {@code unix://}, then
 * {@code tcp://}, {@code grpc://}, {@code grpcs://};</li>
 * <li>another host: {@code grpc://}, {@code grpcs://}, then {@code tcp://}.</li>
 * </ul>
 * {@link Builder#prefer} moves transports to the front of both orders (the {@code cdmf.ipc.discovery.prefer-transport}
 * property in Spring). One-way and datagram transports ({@code shm+journal://}, {@code udp://},
 * {@code unix+dgram://}) are never chosen for calls. Each candidate is checked before it is taken: its transport is on
 * the classpath; a shared-memory endpoint's server file and a Unix socket file exist and this process may open them
 * (a container with another {@code /dev/shm} or another file system cannot); an {@code inproc://} endpoint is in
 * this JVM. A candidate that fails a check is skipped, with the reason kept in the {@link TransportChoice}.
 * An instance whose host is not known (a static entry) gets its locality from each endpoint's address instead.
 *
 * @since 0.1.0
 */
public final class TransportSelector {

	private static final List<TransportType> SAME_HOST_ORDER = List.of(TransportType.SHARED_MEMORY,
			TransportType.UNIX_SOCKET, TransportType.TCP, TransportType.GRPC, TransportType.GRPC_TLS);

	private static final List<TransportType> OTHER_HOST_ORDER = List.of(TransportType.GRPC, TransportType.GRPC_TLS,
			TransportType.TCP);

	private static final Set<TransportType> NEVER = Set.of(TransportType.SHARED_MEMORY_JOURNAL, TransportType.UDP,
			TransportType.UNIX_DATAGRAM);

	private static final TransportSelector DEFAULTS = custom().build();

	private final List<TransportType> preferred;

	private final boolean checkReachable;

	private TransportSelector(Builder builder) {
		this.preferred = List.copyOf(builder.preferred);
		this.checkReachable = builder.checkReachable;
	}

	/**
	 * Returns the selector with the default orders and checks.
	 * @return the selector
	 */
	public static TransportSelector ofDefaults() {
		return DEFAULTS;
	}

	/**
	 * Starts a selector configuration.
	 * @return a builder
	 */
	public static Builder custom() {
		return new Builder();
	}

	/**
	 * Chooses the endpoint of an instance.
	 * @param instance the instance
	 * @return the choice, with no endpoint when none can be used
	 */
	public TransportChoice select(ServiceEndpoint instance) {
		return select(instance, Set.of());
	}

	/**
	 * Chooses the endpoint of an instance, passing over some that failed to connect.
	 * @param instance the instance
	 * @param failed endpoint URIs to pass over, such as those that could not be connected to
	 * @return the choice, with no endpoint when none can be used
	 */
	public TransportChoice select(ServiceEndpoint instance, Collection<String> failed) {
		HostIdentity host = instance.host();
		boolean known = host.isKnown();
		boolean sameHost = known && host.isSameHost(HostIdentity.local());
		boolean sameProcess = sameHost && Long.toString(ProcessHandle.current().pid())
			.equals(instance.metadata(ServiceEndpoint.METADATA_PID));
		List<String> skipped = new ArrayList<>();
		List<Candidate> candidates = new ArrayList<>();
		for (String uri : instance.endpoints()) {
			EndpointUri endpoint;
			try {
				endpoint = EndpointUri.parse(uri);
			}
			catch (InvalidEndpointException ex) {
				skipped.add(uri + ": " + ex.getMessage());
				continue;
			}
			Locality locality = known ? (sameProcess && endpoint.type() == TransportType.IN_PROCESS
					? Locality.SAME_PROCESS : sameHost ? Locality.SAME_HOST : Locality.OTHER_HOST)
					: Locality.of(endpoint);
			int rank = rank(endpoint.type(), locality);
			if (rank < 0) {
				skipped.add(uri + ": " + notForCalls(endpoint.type(), locality));
				continue;
			}
			candidates.add(new Candidate(endpoint, locality, rank));
		}
		candidates.sort((a, b) -> Integer.compare(a.rank, b.rank));
		for (Candidate candidate : candidates) {
			String uri = candidate.endpoint.uri();
			if (failed.contains(uri)) {
				skipped.add(uri + ": could not be connected to");
				continue;
			}
			String problem = this.checkReachable ? unreachable(candidate.endpoint) : null;
			if (problem != null) {
				skipped.add(uri + ": " + problem);
				continue;
			}
			return new TransportChoice(instance, uri, candidate.locality, reason(candidate, skipped), skipped);
		}
		Locality locality = sameHost ? Locality.SAME_HOST : Locality.OTHER_HOST;
		return new TransportChoice(instance, null, locality, "no advertised endpoint can be used from here", skipped);
	}

	private int rank(TransportType type, Locality locality) {
		if (NEVER.contains(type)) {
			return -1;
		}
		if (type == TransportType.IN_PROCESS) {
			return (locality == Locality.SAME_PROCESS) ? 0 : -1;
		}
		List<TransportType> order = (locality == Locality.OTHER_HOST) ? OTHER_HOST_ORDER : SAME_HOST_ORDER;
		int base = order.indexOf(type);
		if (base < 0) {
			return -1;
		}
		int preferredAt = this.preferred.indexOf(type);
		return (preferredAt >= 0) ? 1 + preferredAt : 1 + this.preferred.size() + base;
	}

	private static String notForCalls(TransportType type, Locality locality) {
		if (NEVER.contains(type)) {
			return type.scheme() + ":// carries no calls with replies";
		}
		return type.scheme() + ":// reaches only " + ((type == TransportType.IN_PROCESS) ? "its own process"
				: "its own host") + ", and the instance is " + describe(locality);
	}

	private String reason(Candidate candidate, List<String> skipped) {
		String where = describe(candidate.locality);
		String why = this.preferred.contains(candidate.endpoint.type()) ? "preferred by configuration"
				: "the nearest transport it offers";
		return candidate.endpoint.type().scheme() + "://: instance is " + where + ", " + why
				+ (skipped.isEmpty() ? "" : "; " + skipped.size() + " skipped");
	}

	private static String describe(Locality locality) {
		return switch (locality) {
			case SAME_PROCESS -> "in this process";
			case SAME_HOST -> "on this host";
			case OTHER_HOST -> "on another host";
		};
	}

	/** Why this process cannot open an endpoint, or {@code null} when it looks openable. */
	static @Nullable String unreachable(EndpointUri endpoint) {
		TransportType type = endpoint.type();
		if (!TransportFactory.isSupported(type)) {
			return type.scheme() + ":// is not available in this JVM (its library is not on the classpath)";
		}
		if (type == TransportType.UNIX_SOCKET) {
			Path socket = endpoint.requirePath();
			if (!Files.exists(socket)) {
				return "socket file " + socket + " does not exist here (another file system or container?)";
			}
			if (!Files.isWritable(socket)) {
				return "socket file " + socket + " is not writable by this user";
			}
		}
		if (type == TransportType.SHARED_MEMORY) {
			ShmOptions options = ShmOptions.from(TransportConfig.of(endpoint.uri()));
			Path directory = options.endpointDirectory(endpoint.requireName());
			Path server = directory.resolve(ShmDescriptor.SERVER_FILE);
			if (!Files.exists(server)) {
				return "shared-memory file " + server + " does not exist here (another /dev/shm?)";
			}
			if (!Files.isReadable(server) || !Files.isWritable(server) || !Files.isWritable(directory)) {
				return "shared-memory files under " + directory + " are not readable and writable by this user";
			}
		}
		return null;
	}

	private record Candidate(EndpointUri endpoint, Locality locality, int rank) {

	}

	/**
	 * Builds a {@link TransportSelector}.
	 */
	public static final class Builder {

		private final List<TransportType> preferred = new ArrayList<>();

		private boolean checkReachable = true;

		private Builder() {
		}

		/**
		 * Moves transports to the front, in this order, wherever the locality allows them ({@code shm://} is still
		 * never taken for an instance on another host).
		 * @param types the preferred transports
		 * @return this builder
		 */
		public Builder prefer(TransportType... types) {
			for (TransportType type : types) {
				Objects.requireNonNull(type, "type must not be null");
				if (NEVER.contains(type)) {
					throw new IllegalArgumentException(type.scheme() + ":// carries no calls with replies");
				}
				if (!this.preferred.contains(type)) {
					this.preferred.add(type);
				}
			}
			return this;
		}

		/**
		 * Sets whether candidates are checked before they are taken (by default they are).
		 * @param checkReachable whether to check
		 * @return this builder
		 */
		public Builder checkReachable(boolean checkReachable) {
			this.checkReachable = checkReachable;
			return this;
		}

		/**
		 * Builds the selector.
		 * @return the selector
		 */
		public TransportSelector build() {
			return new TransportSelector(this);
		}

	}

}
