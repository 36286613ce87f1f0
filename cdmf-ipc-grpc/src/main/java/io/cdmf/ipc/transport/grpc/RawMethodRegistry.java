package io.cdmf.ipc.transport.grpc;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * The server's fallback registry: serves {@code /<package>.<Service>/<method>} for methods nobody declared to gRPC,
 * by building a unary method definition with a {@link ByteArrayMarshaller} on the fly, so that a standard gRPC
 * client reaches the stub method of that name with its protobuf request bytes.
 * <p>
 * Only the configured service names are served, or any name when none is configured; the transport's own services
 * (envelope, health, reflection) never fall through to here.
 *
 * @since 0.1.0
 */
final class RawMethodRegistry extends HandlerRegistry {

	private static final int MAX_CACHED_METHODS = 1024;

	private final Set<String> services;

	private final Set<String> reserved;

	private final RawHandler handler;

	private final Map<String, ServerMethodDefinition<byte[], byte[]>> cache = new ConcurrentHashMap<>();

	/**
	 * Serves one request of a method the registry made up.
	 */
	@FunctionalInterface
	interface RawHandler {

		/**
		 * Handles a request.
		 * @param method the bare method name
		 * @param request the request message's bytes
		 * @param responses where the answer goes
		 */
		void handle(String method, byte[] request, StreamObserver<byte[]> responses);

	}

	/**
	 * Creates the registry.
	 * @param services the service names served; empty for any
	 * @param reserved service names that are never served here
	 * @param handler what serves the requests
	 */
	RawMethodRegistry(Set<String> services, Set<String> reserved, RawHandler handler) {
		this.services = Set.copyOf(services);
		this.reserved = Set.copyOf(reserved);
		this.handler = handler;
	}

	@Override
	public @Nullable ServerMethodDefinition<?, ?> lookupMethod(String fullMethodName, @Nullable String authority) {
		ServerMethodDefinition<byte[], byte[]> cached = this.cache.get(fullMethodName);
		if (cached != null) {
			return cached;
		}
		String service = MethodDescriptor.extractFullServiceName(fullMethodName);
		String method = MethodDescriptor.extractBareMethodName(fullMethodName);
		if (service == null || method == null || method.isEmpty() || this.reserved.contains(service)
				|| (!this.services.isEmpty() && !this.services.contains(service))) {
			return null;
		}
		ServerMethodDefinition<byte[], byte[]> definition = definition(descriptor(fullMethodName, null), this.handler);
		// Cache the names configured services use; a client inventing names must not grow the map without bound.
		if (this.cache.size() < MAX_CACHED_METHODS) {
			this.cache.put(fullMethodName, definition);
		}
		return definition;
	}

	/**
	 * Builds a unary method definition on raw bytes.
	 * @param descriptor the method, from {@link #descriptor(String, Object)}
	 * @param handler what serves the requests
	 * @return the definition
	 */
	static ServerMethodDefinition<byte[], byte[]> definition(MethodDescriptor<byte[], byte[]> descriptor,
			RawHandler handler) {
		String method = descriptor.getBareMethodName();
		String bare = (method != null) ? method : descriptor.getFullMethodName();
		ServerCallHandler<byte[], byte[]> call = ServerCalls
			.asyncUnaryCall((request, responses) -> handler.handle(bare, request, responses));
		return ServerMethodDefinition.create(descriptor, call);
	}

	/**
	 * Builds a unary method descriptor on raw bytes.
	 * @param fullMethodName {@code package.Service/method}
	 * @param schema the schema descriptor, or {@code null}
	 * @return the descriptor
	 */
	static MethodDescriptor<byte[], byte[]> descriptor(String fullMethodName, @Nullable Object schema) {
		return MethodDescriptor.newBuilder(ByteArrayMarshaller.INSTANCE, ByteArrayMarshaller.INSTANCE)
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(fullMethodName)
			.setSchemaDescriptor(schema)
			.build();
	}

}
