package io.cdmf.ipc.binding;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.Channel;
import org.jspecify.annotations.Nullable;

/**
 * Implements a contract interface over a {@link Channel}: each call of a remote method becomes a request, and
 * its result or failure comes back as the method's return value or an {@link IpcException}.
 * <p>
 * {@code equals}, {@code hashCode} and {@code toString} answer locally (identity and a description), and default
 * methods run locally.
 */
final class ClientInvocationHandler implements InvocationHandler {

	private final ServiceContract contract;

	private final Channel proxy;

	private final PayloadCodec codec;

	private final SerializationFormat format;

	private final Map<Method, CallOptions> options = new ConcurrentHashMap<>();

	ClientInvocationHandler(ServiceContract contract, Channel proxy, PayloadCodec codec) {
		this.contract = contract;
		this.proxy = proxy;
		this.codec = codec;
		this.format = contract.format();
	}

	@Override
	public @Nullable Object invoke(Object target, Method method, @Nullable Object @Nullable [] args)
			throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return invokeObjectMethod(target, method, args);
		}
		if (method.isDefault()) {
			return InvocationHandler.invokeDefault(target, method, args);
		}
		ContractMethod remote = this.contract.method(method);
		if (remote == null) {
			throw new IllegalStateException(method + " is not a remote method of " + this.contract.type().getName());
		}
		ByteBuffer payload = this.codec.encodeArguments(remote, this.format, args);
		CallOptions callOptions = this.options.get(method);
		if (callOptions == null) {
			// Looked up first: computeIfAbsent with a capturing lambda would allocate the lambda on every call.
			callOptions = this.options.computeIfAbsent(method, m -> {
				CallOptions.Builder builder = CallOptions.custom().format(this.format);
				return remote.isIdempotent() ? builder.idempotent(true).build() : builder.build();
			});
		}
		return switch (remote.kind()) {
			case SYNC -> decode(remote, this.proxy.call(remote.remoteName(), payload, callOptions));
			case ASYNC -> this.proxy.callAsync(remote.remoteName(), payload, callOptions).thenApply(result -> {
				try {
					return decode(remote, result);
				}
				catch (IpcException ex) {
					throw new CompletionException(ex);
				}
			});
			case ONE_WAY -> {
				CallResult sent = this.proxy.sendOneWay(remote.remoteName(), payload, callOptions);
				if (!sent.isSuccess()) {
					throw IpcException.from(sent.errorInfo());
				}
				yield null;
			}
		};
	}

	private @Nullable Object decode(ContractMethod method, CallResult result) {
		if (!result.isSuccess()) {
			throw IpcException.from(result.errorInfo());
		}
		return this.codec.decodeResult(method, result.format(), result.dataBuffer());
	}

	private @Nullable Object invokeObjectMethod(Object target, Method method, @Nullable Object @Nullable [] args) {
		return switch (method.getName()) {
			case "equals" -> args != null && args.length == 1 && args[0] == target;
			case "hashCode" -> System.identityHashCode(target);
			case "toString" -> "IpcClient[" + this.contract.type().getName() + " -> " + this.proxy + ", "
					+ this.format + "]";
			default -> throw new UnsupportedOperationException(method.toString());
		};
	}

	static boolean isClient(Object object) {
		return Proxy.isProxyClass(object.getClass())
				&& Proxy.getInvocationHandler(object) instanceof ClientInvocationHandler;
	}

}
