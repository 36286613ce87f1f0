package io.cdmf.ipc.binding;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * One remote method of a {@link ServiceContract}: how a Java method maps to a call.
 *
 * @param method the Java method of the contract interface
 * @param remoteName the remote method name
 * @param kind how it is called
 * @param parameterTypes the generic parameter types
 * @param resultType the type of the result ({@code T} of {@code CompletableFuture<T>} for async methods;
 * {@code void.class} for none)
 * @since 0.1.0
 */
public record ContractMethod(Method method, String remoteName, Kind kind, Type[] parameterTypes, Type resultType) {

	/**
	 * How a contract method is called.
	 */
	public enum Kind {

		/** Returns {@code T} (or {@code void}): the caller waits for the response. */
		SYNC,
		/** Returns {@code CompletableFuture<T>} or {@code CompletionStage<T>}: completed by the response. */
		ASYNC,
		/** {@code void} with {@link OneWay}: no response. */
		ONE_WAY

	}

	/**
	 * Returns whether the method, or the interface declaring it, is marked {@link Idempotent}.
	 * @return whether a call may run more than once without harm
	 */
	public boolean isIdempotent() {
		return this.method.isAnnotationPresent(Idempotent.class)
				|| this.method.getDeclaringClass().isAnnotationPresent(Idempotent.class);
	}

	/**
	 * Returns whether the result is empty.
	 * @return whether the method returns nothing
	 */
	public boolean isVoid() {
		return this.resultType == void.class || this.resultType == Void.class;
	}

	/**
	 * Returns a short description for messages: {@code Calculator.add(int, int)}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(this.method.getDeclaringClass().getSimpleName()).append('.')
			.append(this.method.getName())
			.append('(');
		Class<?>[] types = this.method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return text.append(')').toString();
	}

}
