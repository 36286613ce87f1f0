package io.cdmf.ipc.serialization;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;

import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SerializationFormat#BINARY} serializer: {@code byte[]} and {@link ByteBuffer} values are passed through
 * as the payload, without copying.
 * <ul>
 * <li>{@code serialize(byte[])} wraps the array; {@code serialize(ByteBuffer)} returns a duplicate sharing its bytes;
 * {@code serialize(null)} returns an empty payload.</li>
 * <li>Deserializing as {@link ByteBuffer} returns a read-only view of the payload, positioned at zero.</li>
 * <li>Deserializing as {@code byte[]} returns the payload's backing array itself when the payload is a writable heap
 * buffer that covers all of it, and a copy otherwise.</li>
 * </ul>
 * The values share memory with the payload, so they are valid as long as the payload is: for a payload received
 * through shared memory, until the handler returns.
 *
 * @since 0.1.0
 */
public final class BinarySerializer implements Serializer {

	private static final String ACCEPTED = "byte[] and java.nio.ByteBuffer";

	@Override
	public SerializationFormat format() {
		return SerializationFormat.BINARY;
	}

	@Override
	public boolean supports(Class<?> type) {
		return type == byte[].class || ByteBuffer.class.isAssignableFrom(type);
	}

	@Override
	public ByteBuffer serialize(@Nullable Object value) {
		if (value == null) {
			return ByteBuffer.allocate(0);
		}
		if (value instanceof byte[] bytes) {
			return ByteBuffer.wrap(bytes);
		}
		if (value instanceof ByteBuffer buffer) {
			return buffer.duplicate();
		}
		throw SerializationException.unsupportedType(SerializationFormat.BINARY, value.getClass(), ACCEPTED);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T deserialize(ByteBuffer payload, Type type) {
		if (type == ByteBuffer.class) {
			return (T) payload.slice().asReadOnlyBuffer();
		}
		if (type == byte[].class) {
			return (T) toArray(payload);
		}
		throw SerializationException.unsupportedType(SerializationFormat.BINARY, type, ACCEPTED);
	}

	private static byte[] toArray(ByteBuffer payload) {
		if (payload.hasArray() && payload.arrayOffset() == 0 && payload.position() == 0
				&& payload.limit() == payload.array().length) {
			return payload.array();
		}
		byte[] bytes = new byte[payload.remaining()];
		payload.get(payload.position(), bytes);
		return bytes;
	}

}
