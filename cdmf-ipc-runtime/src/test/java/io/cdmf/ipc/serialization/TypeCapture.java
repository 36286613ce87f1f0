package io.cdmf.ipc.serialization;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type for tests, the way Jackson's {@code TypeReference} does:
 * {@code new TypeCapture<List<Item>>() { }.getType()} is the {@link ParameterizedType} {@code List<Item>}.
 *
 * @param <T> the captured type
 */
public abstract class TypeCapture<T> {

	private final Type type;

	/**
	 * Captures the type argument of the anonymous subclass.
	 */
	protected TypeCapture() {
		this.type = ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
	}

	/**
	 * Returns the captured type.
	 * @return the type
	 */
	public Type getType() {
		return this.type;
	}

}
