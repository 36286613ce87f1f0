package io.cdmf.ipc.benchmark;

import java.util.List;
import java.util.stream.Collectors;

import java.nio.file.Path;

import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ServiceRequest;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;

/**
 * The framework side of the benchmark: a {@link ServiceStub} serving {@value #METHOD} over {@code unix://}, as a raw
 * handler or, for {@link ServerKind#TYPED_INLINE}, as the {@link Echo} contract exported through {@link IpcBinding}.
 *
 * @since 0.1.0
 */
final class FrameworkServer {

	/** The service's name. */
	static final String SERVICE = "benchmark";

	/** The echo method's name. */
	static final String METHOD = "echo";

	/**
	 * Requests the stub may run at once: above any window the asynchronous cases use, so that no call is refused
	 * with {@code RESOURCE_EXHAUSTED}.
	 */
	static final int MAX_CONCURRENT_REQUESTS = BenchmarkOptions.MAX_WINDOW;

	private FrameworkServer() {
	}

	/**
	 * Returns the endpoint URI of a socket file.
	 * @param socket the socket file
	 * @return the {@code unix://} URI
	 */
	static String endpoint(Path socket) {
		return "unix://" + socket.toAbsolutePath();
	}

	/**
	 * Returns the socket files a server kind listens on: the given one, and for
	 * {@link ServerKind#FRAMEWORK_THREE_ENDPOINTS} two more beside it.
	 * @param kind the server kind
	 * @param socket the socket file of the case
	 * @return the socket files
	 */
	static List<Path> sockets(ServerKind kind, Path socket) {
		if (kind != ServerKind.FRAMEWORK_THREE_ENDPOINTS) {
			return List.of(socket);
		}
		String name = socket.getFileName().toString();
		return List.of(socket, socket.resolveSibling(name + "-b"), socket.resolveSibling(name + "-c"));
	}

	/**
	 * Returns the endpoints a client of a server kind calls: comma-separated when there are several.
	 * @param kind the server kind
	 * @param socket the socket file of the case
	 * @return the endpoint list
	 */
	static String endpoints(ServerKind kind, Path socket) {
		return sockets(kind, socket).stream().map(FrameworkServer::endpoint).collect(Collectors.joining(","));
	}

	/**
	 * Starts the stub.
	 * @param kind {@link ServerKind#FRAMEWORK_INLINE}, {@link ServerKind#FRAMEWORK_EXECUTOR} or
	 * {@link ServerKind#TYPED_INLINE}
	 * @param socket the socket file to listen on
	 * @return the running stub
	 */
	static ServiceStub start(ServerKind kind, Path socket) {
		if (!kind.isFramework()) {
			throw new IllegalArgumentException("not a framework server kind: " + kind);
		}
		StubConfig.Builder builder = StubConfig.custom(SERVICE)
			.inlineHandlers(kind != ServerKind.FRAMEWORK_EXECUTOR)
			.maxConcurrentRequests(MAX_CONCURRENT_REQUESTS);
		for (Path each : sockets(kind, socket)) {
			builder.endpoint(endpoint(each));
		}
		StubConfig config = builder.build();
		ServiceStub stub = new ServiceStub(config);
		if (kind == ServerKind.TYPED_INLINE) {
			// What an application's server does: the binding decodes the byte[] and encodes the result.
			IpcBinding.export((Echo) payload -> payload, Echo.class, stub, SerializationFormat.BINARY);
			IpcBinding.export((ProtoEcho) payload -> payload, ProtoEcho.class, stub, SerializationFormat.PROTOBUF);
		}
		else {
			// The request payload is already the stub's own copy, so the echo hands it back without copying again.
			stub.registerHandler(METHOD, ServiceRequest::payload);
		}
		stub.start();
		return stub;
	}

}
