package io.cdmf.ipc.binding;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * A Java interface read as a service contract: each abstract method is a remote method. Built once per interface
 * and format; every rule is checked here, so a bad contract fails when a client or service is created, with a
 * message that names the method.
 * <p>
 * Rules: a remote method is named after its Java method unless {@link IpcMethod} says otherwise, and two methods
 * may not share a remote name (overloads need {@code @IpcMethod}); it returns {@code T}, {@code void},
 * {@code CompletableFuture<T>} or {@code CompletionStage<T>}, or is a {@code void} {@link OneWay} method; it takes
 * any number of parameters in formats that carry a tuple (JSON, MessagePack) and at most one in the others
 * (PROTOBUF, FLATBUFFERS, BINARY), of types the format's serializer supports. Default methods are not remote: they
 * run locally on the client.
 *
 * @since 0.1.0
 */
public final class ServiceContract {

	private final Class<?> type;

	private final SerializationFormat format;

	private final Map<Method, ContractMethod> byMethod;

	private final Map<String, ContractMethod> byName;

	private ServiceContract(Class<?> type, SerializationFormat format, Map<Method, ContractMethod> byMethod,
			Map<String, ContractMethod> byName) {
		this.type = type;
		this.format = format;
		this.byMethod = byMethod;
		this.byName = byName;
	}

	/**
	 * Reads and checks a contract.
	 * @param type the contract interface
	 * @param serializer the serializer of the service's format
	 * @return the contract
	 * @throws IllegalArgumentException if the type is not an interface or a method breaks a rule
	 */
	public static ServiceContract of(Class<?> type, Serializer serializer) {
		if (!type.isInterface()) {
			throw new IllegalArgumentException(type.getName() + " is not an interface: a contract must be one");
		}
		Map<Method, ContractMethod> byMethod = new LinkedHashMap<>();
		Map<String, ContractMethod> byName = new LinkedHashMap<>();
		for (Method method : type.getMethods()) {
			if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.isSynthetic()) {
				continue;
			}
			ContractMethod contractMethod = read(method, serializer);
			ContractMethod clash = byName.putIfAbsent(contractMethod.remoteName(), contractMethod);
			if (clash != null) {
				throw new IllegalArgumentException(contractMethod.describe() + " and " + clash.describe()
						+ " both call remote method '" + contractMethod.remoteName()
						+ "': give one of them another name with @IpcMethod");
			}
			byMethod.put(method, contractMethod);
		}
		if (byMethod.isEmpty()) {
			throw new IllegalArgumentException(type.getName() + " declares no method to call");
		}
		return new ServiceContract(type, serializer.format(), Collections.unmodifiableMap(byMethod),
				Collections.unmodifiableMap(byName));
	}

	private static ContractMethod read(Method method, Serializer serializer) {
		IpcMethod annotation = method.getAnnotation(IpcMethod.class);
		String name = (annotation != null) ? annotation.value() : method.getName();
		if (name.isBlank()) {
			throw new IllegalArgumentException("@IpcMethod on " + method + " names no method");
		}
		Class<?> returnType = method.getReturnType();
		ContractMethod.Kind kind;
		Type resultType;
		if (returnType == CompletableFuture.class || returnType == CompletionStage.class) {
			kind = ContractMethod.Kind.ASYNC;
			resultType = typeArgument(method.getGenericReturnType());
		}
		else if (method.isAnnotationPresent(OneWay.class)) {
			kind = ContractMethod.Kind.ONE_WAY;
			resultType = void.class;
		}
		else {
			kind = ContractMethod.Kind.SYNC;
			resultType = method.getGenericReturnType();
		}
		ContractMethod contractMethod = new ContractMethod(method, name, kind, method.getGenericParameterTypes(),
				resultType);
		check(contractMethod, serializer);
		return contractMethod;
	}

	private static void check(ContractMethod method, Serializer serializer) {
		SerializationFormat format = serializer.format();
		if (method.kind() == ContractMethod.Kind.ONE_WAY && method.method().getReturnType() != void.class) {
			throw new IllegalArgumentException(method.describe() + " is @OneWay but returns "
					+ method.method().getReturnType().getSimpleName() + ": a one-way method must return void");
		}
		Class<?>[] parameters = method.method().getParameterTypes();
		if (parameters.length > 1 && !serializer.supportsArgumentTuples()) {
			throw new IllegalArgumentException(method.describe() + " takes " + parameters.length
					+ " parameters, but " + format + " carries one value: take a single message type (or use JSON "
					+ "or MESSAGEPACK, which carry several)");
		}
		for (Class<?> parameter : parameters) {
			if (!serializer.supports(parameter)) {
				throw new IllegalArgumentException(method.describe() + " takes a " + parameter.getName()
						+ ", which " + format + " cannot carry");
			}
		}
		Class<?> result = rawClass(method.resultType());
		if (!method.isVoid() && result != null && !serializer.supports(result)) {
			throw new IllegalArgumentException(
					method.describe() + " returns a " + result.getName() + ", which " + format + " cannot carry");
		}
	}

	private static Type typeArgument(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			return parameterized.getActualTypeArguments()[0];
		}
		return Object.class;
	}

	private static @Nullable Class<?> rawClass(Type type) {
		if (type instanceof Class<?> c) {
			return c;
		}
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c) {
			return c;
		}
		return null;
	}

	/**
	 * Returns the contract interface.
	 * @return the interface
	 */
	public Class<?> type() {
		return this.type;
	}

	/**
	 * Returns the format the contract was checked for.
	 * @return the format
	 */
	public SerializationFormat format() {
		return this.format;
	}

	/**
	 * Returns the remote methods in declaration order.
	 * @return the methods
	 */
	public Collection<ContractMethod> methods() {
		return this.byMethod.values();
	}

	/**
	 * Returns the remote method of a Java method.
	 * @param method a method of the contract interface
	 * @return the remote method, or {@code null} if the method is not remote (default, static, from Object)
	 */
	public @Nullable ContractMethod method(Method method) {
		return this.byMethod.get(method);
	}

	/**
	 * Returns the remote method of a name.
	 * @param remoteName the remote name
	 * @return the method, or {@code null}
	 */
	public @Nullable ContractMethod method(String remoteName) {
		return this.byName.get(remoteName);
	}

	@Override
	public String toString() {
		return "ServiceContract[" + this.type.getName() + ", " + this.format + ", methods=" + this.byName.keySet()
				+ "]";
	}

}
