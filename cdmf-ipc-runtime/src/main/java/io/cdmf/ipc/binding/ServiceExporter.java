package io.cdmf.ipc.binding;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ServiceRequest;
import io.cdmf.ipc.rpc.ServiceStub;
import org.jspecify.annotations.Nullable;

/**
 * Serves an object that implements a contract: registers one handler per remote method on a {@link ServiceStub}.
 * Each handler reads the arguments in the format the request declares, calls the object, and writes the result in
 * the same format. A method returning {@code CompletableFuture<T>} is answered when the future completes.
 * <p>
 * What crosses the wire when the object throws: an {@link io.cdmf.ipc.IpcException} gives its own code and message;
 * any other exception gives {@code INTERNAL} with the exception's class name and message, and the context
 * {@code Service.method}. Stack traces stay on the server (logged at WARN).
 */
final class ServiceExporter {

	private ServiceExporter() {
	}

	static void export(Object service, ServiceContract contract, ServiceStub stub, PayloadCodec codec) {
		if (!contract.type().isInstance(service)) {
			throw new IllegalArgumentException(service.getClass().getName() + " does not implement "
					+ contract.type().getName());
		}
		for (ContractMethod method : contract.methods()) {
			MethodHandle handle = bind(method.method(), service);
			if (method.kind() == ContractMethod.Kind.ASYNC) {
				stub.registerAsyncHandler(method.remoteName(), request -> {
					SerializationFormat format = request.format();
					CompletionStage<?> stage = (CompletionStage<?>) invoke(handle, method, codec, request);
					if (stage == null) {
						throw new IllegalStateException(method.describe() + " returned null instead of a future");
					}
					return stage.thenApply(result -> codec.encodeResult(method, format, result));
				});
			}
			else {
				stub.registerHandler(method.remoteName(), request -> codec.encodeResult(method, request.format(),
						invoke(handle, method, codec, request)));
			}
		}
	}

	private static @Nullable Object invoke(MethodHandle handle, ContractMethod method, PayloadCodec codec,
			ServiceRequest request) throws Exception {
		@Nullable Object[] args = codec.decodeArguments(method, request.format(), request.payload());
		try {
			// invokeExact on the spreader made once: invokeWithArguments would adapt the handle on every call.
			return (Object) handle.invokeExact(args);
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MethodHandle bind(Method method, Object service) {
		try {
			Method target = method;
			if (!method.canAccess(service)) {
				method.setAccessible(true);
			}
			MethodHandle bound = MethodHandles.lookup().unreflect(target).bindTo(service);
			return bound.asSpreader(Object[].class, method.getParameterCount())
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (IllegalAccessException | RuntimeException ex) {
			throw new IllegalArgumentException("Cannot call " + method + " on " + service.getClass().getName()
					+ ": make the contract interface public", ex);
		}
	}

}
