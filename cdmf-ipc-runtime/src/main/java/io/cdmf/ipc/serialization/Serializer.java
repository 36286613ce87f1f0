package io.cdmf.ipc.serialization;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;

import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;

/**
 * Turns values into payloads of one {@link SerializationFormat} and payloads back into values.
 * <p>
 * A payload is a {@link ByteBuffer} whose position-to-limit range is the content. Serializers never move the
 * position of a buffer they are given: they read through {@link ByteBuffer#duplicate()} views or absolute indexes.
 * Every failure, whatever the library underneath threw, comes out as a {@link SerializationException} that names the
 * format and the Java type.
 * <p>
 * How {@code null} is handled depends on the format: JSON writes the {@code null} literal and MESSAGEPACK writes
 * {@code nil}, and both read them back as {@code null} (a {@link SerializationException} for a primitive type);
 * BINARY writes {@code null} as an empty payload; PROTOBUF and FLATBUFFERS reject it.
 * <p>
 * Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface Serializer {

	/**
	 * Returns the format this serializer writes and reads.
	 * @return the format
	 */
	SerializationFormat format();

	/**
	 * Returns whether this serializer can write and read values of a type.
	 * @param type the type
	 * @return whether the type is handled
	 */
	boolean supports(Class<?> type);

	/**
	 * Serializes a value.
	 * @param value the value, may be {@code null} where the format allows it
	 * @return a buffer whose position-to-limit range is the payload; it may share memory with the value
	 * @throws SerializationException if the value cannot be serialized
	 */
	ByteBuffer serialize(@Nullable Object value);

	/**
	 * Deserializes a payload.
	 * @param <T> the type of the value
	 * @param payload the payload, from its position to its limit; its position is left as it is
	 * @param type the type to read, a {@link Class} or a generic type such as a
	 * {@link java.lang.reflect.ParameterizedType}
	 * @return the value, {@code null} only where the format encodes {@code null}
	 * @throws SerializationException if the payload is not a valid value of the type
	 */
	<T> @Nullable T deserialize(ByteBuffer payload, Type type);

	/**
	 * Returns whether this serializer can carry several values in one payload, as an ordered tuple, for methods with
	 * more than one parameter.
	 * @return whether {@link #serializeArguments} and {@link #deserializeArguments} are supported
	 */
	default boolean supportsArgumentTuples() {
		return false;
	}

	/**
	 * Serializes an ordered tuple of values, such as the arguments of a method call.
	 * @param args the values, any of which may be {@code null}
	 * @param types the declared type of each value, as many as there are values
	 * @return a buffer whose position-to-limit range is the payload
	 * @throws SerializationException if the format carries one value only, or a value cannot be serialized
	 */
	default ByteBuffer serializeArguments(@Nullable Object[] args, Type[] types) {
		throw SerializationException.singleValueOnly(format());
	}

	/**
	 * Deserializes an ordered tuple of values, each read as its own type.
	 * @param payload the payload, from its position to its limit; its position is left as it is
	 * @param types the type of each value, in order
	 * @return the values, one per type
	 * @throws SerializationException if the format carries one value only, or the payload is not a tuple of values of
	 * these types
	 */
	default @Nullable Object[] deserializeArguments(ByteBuffer payload, Type[] types) {
		throw SerializationException.singleValueOnly(format());
	}

}
