package io.cdmf.ipc.benchmark;

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
		StubConfig config = StubConfig.custom(SERVICE)
			.endpoint(endpoint(socket))
			.inlineHandlers(kind != ServerKind.FRAMEWORK_EXECUTOR)
			.maxConcurrentRequests(MAX_CONCURRENT_REQUESTS)
			.build();
		ServiceStub stub = new ServiceStub(config);
		if (kind == ServerKind.TYPED_INLINE) {
			// What an application's server does: the binding decodes the byte[] and encodes the result.
			IpcBinding.export((Echo) payload -> payload, Echo.class, stub, SerializationFormat.BINARY);
		}
		else {
			// The request payload is already the stub's own copy, so the echo hands it back without copying again.
			stub.registerHandler(METHOD, ServiceRequest::payload);
		}
		stub.start();
		return stub;
	}

}
