package io.cdmf.ipc.transport.grpc;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeGrpc;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * CDMF services served on a gRPC server that the application runs itself (a Spring gRPC server, for one) instead of
 * on a server of their own. The application adds {@link #envelopeService()} to its server and sets
 * {@link #fallbackRegistry()} as the server's fallback handler registry; a {@code grpc://} endpoint with option
 * {@value GrpcTransport#OPTION_SERVER}{@code =<name>} then serves on that server: its transport opens no port, and it
 * reports the port the application tells {@link #serverStarted(int)}.
 * <p>
 * Several transports (one per service) can share a host. A call of the envelope service goes to the transport whose
 * {@value GrpcTransport#OPTION_SERVICE} option names the service in the call's {@value #SERVICE_HEADER} header (a
 * client sends it when its own endpoint has {@value GrpcTransport#OPTION_SERVICE}), or, without the header, to the
 * only transport there is. A call of a standard gRPC client to {@code /<package>.<Service>/<method>} goes to the
 * transport whose {@value GrpcTransport#OPTION_SERVICE} option names {@code <package>.<Service>}.
 *
 * @since 0.1.0
 */
public final class GrpcServiceHost implements AutoCloseable {

	/** The request header naming the CDMF service an envelope is for, on a server that several services share. */
	public static final String SERVICE_HEADER = "cdmf-service";

	static final Metadata.Key<String> SERVICE_KEY = Metadata.Key.of(SERVICE_HEADER, Metadata.ASCII_STRING_MARSHALLER);

	private static final Context.Key<String> ROUTE = Context.key("cdmf-service-route");

	private static final Set<String> RESERVED = Set.of(EnvelopeGrpc.SERVICE_NAME, "grpc.health.v1.Health",
			"grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

	private static final int MAX_CACHED_METHODS = 1024;

	private static final Map<String, GrpcServiceHost> hosts = new ConcurrentHashMap<>();

	private final String name;

	private final List<Hosted> hosted = new CopyOnWriteArrayList<>();

	private final Map<String, ServerMethodDefinition<?, ?>> rawMethods = new ConcurrentHashMap<>();

	private final PeerInterceptor peers = new PeerInterceptor();

	private volatile int port = -1;

	private GrpcServiceHost(String name) {
		this.name = name;
	}

	/**
	 * Creates a host and registers it under a name that endpoints can give as option
	 * {@value GrpcTransport#OPTION_SERVER}.
	 * @param name the name, unique in this JVM
	 * @return the host; {@link #close()} unregisters it
	 * @throws IllegalArgumentException if the name is empty or already registered
	 */
	public static GrpcServiceHost register(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name must not be empty: '" + name + "'");
		}
		GrpcServiceHost host = new GrpcServiceHost(name);
		if (hosts.putIfAbsent(name, host) != null) {
			throw new IllegalArgumentException("a gRPC service host named '" + name + "' is registered already");
		}
		return host;
	}

	static GrpcServiceHost require(String name, String endpoint) {
		GrpcServiceHost host = hosts.get(name);
		if (host == null) {
			throw new IpcException(ErrorCode.UNAVAILABLE, "Cannot serve " + endpoint + ": no gRPC server named '"
					+ name + "' was registered (GrpcServiceHost.register) in this JVM");
		}
		return host;
	}

	/**
	 * Returns the name endpoints refer to this host by.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the envelope service ({@code cdmf.ipc.v1.Envelope}) to add to the application's server.
	 * @return the service; each of its calls goes to the transport it names
	 */
	public BindableService envelopeService() {
		return () -> ServerInterceptors.intercept(EnvelopeCalls.definition(this::routeEnvelope), this.peers,
				new RouteInterceptor());
	}

	/**
	 * Returns the registry to set as the application server's fallback handler registry, so that standard gRPC
	 * clients reach stub methods at {@code /<package>.<Service>/<method>}.
	 * @return the registry
	 */
	public HandlerRegistry fallbackRegistry() {
		return new HandlerRegistry() {

			@Override
			public @Nullable ServerMethodDefinition<?, ?> lookupMethod(String fullMethodName,
					@Nullable String authority) {
				return rawMethod(fullMethodName);
			}

		};
	}

	/**
	 * Tells the host the port the application's server listens on, so that the transports report it.
	 * @param port the bound port
	 */
	public void serverStarted(int port) {
		this.port = port;
	}

	/**
	 * Returns the port the application's server listens on.
	 * @return the port, empty until {@link #serverStarted(int)}
	 */
	public OptionalInt port() {
		int current = this.port;
		return (current >= 0) ? OptionalInt.of(current) : OptionalInt.empty();
	}

	/**
	 * Returns the service names of the transports served here now.
	 * @return the names given by their {@value GrpcTransport#OPTION_SERVICE} options
	 */
	public List<Set<String>> servedServices() {
		return this.hosted.stream().map(Hosted::services).toList();
	}

	/**
	 * Unregisters the host: endpoints can no longer name it; transports already served stay until they stop.
	 */
	@Override
	public void close() {
		hosts.remove(this.name, this);
	}

	void add(GrpcTransport transport, Set<String> services) {
		this.hosted.add(new Hosted(transport, Set.copyOf(services)));
	}

	void remove(GrpcTransport transport) {
		this.hosted.removeIf(entry -> entry.transport() == transport);
	}

	private GrpcTransport routeEnvelope() {
		String service = ROUTE.get();
		List<Hosted> current = this.hosted;
		if (service == null || service.isEmpty()) {
			if (current.size() == 1) {
				return current.get(0).transport();
			}
			throw Status.FAILED_PRECONDITION
				.withDescription(current.isEmpty() ? "no CDMF service is served here"
						: current.size() + " CDMF services share this gRPC server: name one in header "
								+ SERVICE_HEADER + " (a CDMF client: endpoint option service=<name>)")
				.asRuntimeException();
		}
		GrpcTransport transport = find(service);
		if (transport == null) {
			throw Status.UNIMPLEMENTED.withDescription("no CDMF service '" + service + "' is served here")
				.asRuntimeException();
		}
		return transport;
	}

	private @Nullable GrpcTransport find(String service) {
		GrpcTransport any = null;
		int open = 0;
		for (Hosted entry : this.hosted) {
			if (entry.services().contains(service)) {
				return entry.transport();
			}
			if (entry.services().isEmpty()) {
				any = entry.transport();
				open++;
			}
		}
		// A transport that names no service takes any name, as on a server of its own, if it is the only one.
		return (open == 1) ? any : null;
	}

	private @Nullable ServerMethodDefinition<?, ?> rawMethod(String fullMethodName) {
		String service = MethodDescriptor.extractFullServiceName(fullMethodName);
		String method = MethodDescriptor.extractBareMethodName(fullMethodName);
		if (service == null || method == null || method.isEmpty() || RESERVED.contains(service)
				|| find(service) == null) {
			return null;
		}
		ServerMethodDefinition<?, ?> cached = this.rawMethods.get(fullMethodName);
		if (cached != null) {
			return cached;
		}
		ServerMethodDefinition<byte[], byte[]> plain = RawMethodRegistry.definition(
				RawMethodRegistry.descriptor(fullMethodName, null), (bare, request, responses) -> {
					GrpcTransport transport = find(service);
					if (transport == null) {
						responses.onError(Status.UNIMPLEMENTED
							.withDescription("no CDMF service '" + service + "' is served here")
							.asRuntimeException());
						return;
					}
					EnvelopeCalls.raw(transport, bare, request, responses);
				});
		ServerCallHandler<byte[], byte[]> handler = plain.getServerCallHandler();
		ServerMethodDefinition<byte[], byte[]> definition = ServerMethodDefinition.create(plain.getMethodDescriptor(),
				(call, headers) -> this.peers.interceptCall(call, headers, handler));
		if (this.rawMethods.size() < MAX_CACHED_METHODS) {
			this.rawMethods.put(fullMethodName, definition);
		}
		return definition;
	}

	/**
	 * A transport served here and the service names it answers to.
	 */
	private record Hosted(GrpcTransport transport, Set<String> services) {

	}

	/**
	 * Puts the {@value #SERVICE_HEADER} header of a call into its context, for the router.
	 */
	private static final class RouteInterceptor implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			String service = headers.get(SERVICE_KEY);
			if (service == null) {
				return next.startCall(call, headers);
			}
			return Contexts.interceptCall(Context.current().withValue(ROUTE, service), call, headers, next);
		}

	}

}
