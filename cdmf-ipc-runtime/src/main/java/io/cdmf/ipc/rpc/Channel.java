package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How a client calls one service: synchronous, asynchronous and one-way calls and a health check, whatever the
 * endpoints, connections, load balancing and resilience behind it. {@link ServiceProxy} and the channels of
 * {@link io.cdmf.ipc.channel.ManagedChannel} implement it; the typed binding
 * ({@link io.cdmf.ipc.binding.IpcBinding}) and the Spring starter call through it.
 * <p>
 * A call never throws for a remote or transport failure: it returns a failed {@link CallResult} whose
 * {@link io.cdmf.ipc.ErrorCode} says why. Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface Channel extends AutoCloseable {

	/**
	 * Returns the name of the called service, used in logs, statistics and circuit breakers.
	 * @return the service name
	 */
	String getServiceName();

	/**
	 * Calls a method and waits for its result.
	 * @param method the method name
	 * @param request the request payload (its position-to-limit range; it is encoded before this returns)
	 * @param options per-call settings
	 * @return the result
	 */
	CallResult call(String method, ByteBuffer request, CallOptions options);

	/**
	 * Calls a method without waiting.
	 * @param method the method name
	 * @param request the request payload (encoded before this returns)
	 * @param options per-call settings
	 * @return the future result; it never completes exceptionally
	 */
	CompletableFuture<CallResult> callAsync(String method, ByteBuffer request, CallOptions options);

	/**
	 * Sends a request that expects no response, and says why if it could not be sent.
	 * @param method the method name
	 * @param request the request payload (encoded before this returns)
	 * @param options per-call settings
	 * @return a successful empty result once the request is handed to a transport, else the failure
	 */
	CallResult sendOneWay(String method, ByteBuffer request, CallOptions options);

	/**
	 * Asks the service whether it is there, with a heartbeat that runs no handler.
	 * @param timeout how long to wait
	 * @return a successful result if a server answered
	 */
	CallResult ping(Duration timeout);

	/**
	 * Calls a method and waits for its result, with the default timeout.
	 * @param method the method name
	 * @param request the request payload
	 * @return the result
	 */
	default CallResult call(String method, byte[] request) {
		return call(method, ByteBuffer.wrap(request), CallOptions.DEFAULTS);
	}

	/**
	 * Calls a method and waits for its result.
	 * @param method the method name
	 * @param request the request payload
	 * @param timeout how long one attempt waits for its response
	 * @return the result
	 */
	default CallResult call(String method, byte[] request, Duration timeout) {
		return call(method, ByteBuffer.wrap(request), CallOptions.timeout(timeout));
	}

	/**
	 * Calls a method without waiting, with the default timeout.
	 * @param method the method name
	 * @param request the request payload
	 * @return the future result; it never completes exceptionally
	 */
	default CompletableFuture<CallResult> callAsync(String method, byte[] request) {
		return callAsync(method, ByteBuffer.wrap(request), CallOptions.DEFAULTS);
	}

	/**
	 * Calls a method without waiting.
	 * @param method the method name
	 * @param request the request payload
	 * @param timeout how long one attempt waits for its response
	 * @return the future result; it never completes exceptionally
	 */
	default CompletableFuture<CallResult> callAsync(String method, byte[] request, Duration timeout) {
		return callAsync(method, ByteBuffer.wrap(request), CallOptions.timeout(timeout));
	}

	/**
	 * Sends a request that expects no response.
	 * @param method the method name
	 * @param request the request payload
	 * @return whether it was handed to a transport
	 */
	default boolean callOneWay(String method, byte[] request) {
		return sendOneWay(method, ByteBuffer.wrap(request), CallOptions.DEFAULTS).isSuccess();
	}

	/**
	 * Sends a request that expects no response.
	 * @param method the method name
	 * @param request the request payload
	 * @param options per-call settings
	 * @return whether it was handed to a transport
	 */
	default boolean callOneWay(String method, ByteBuffer request, CallOptions options) {
		return sendOneWay(method, request, options).isSuccess();
	}

	/**
	 * Closes the channel: calls waiting on it fail with {@code UNAVAILABLE}, later calls fail at once. Idempotent.
	 */
	@Override
	void close();

}
