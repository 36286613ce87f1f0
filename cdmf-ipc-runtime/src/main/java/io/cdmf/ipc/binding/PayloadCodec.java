package io.cdmf.ipc.binding;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;

import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.Serializer;
import io.cdmf.ipc.serialization.SerializerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Turns a contract method's arguments and result into payloads and back: no parameter is an empty payload, one is
 * the value itself, several are a tuple; a void result is an empty payload. Payloads are read in the format their
 * message declares.
 */
final class PayloadCodec {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	/** Shared: an empty array has nothing a handler could change. */
	private static final @Nullable Object[] NO_ARGUMENTS = new Object[0];

	private final SerializerRegistry registry;

	PayloadCodec(SerializerRegistry registry) {
		this.registry = registry;
	}

	ByteBuffer encodeArguments(ContractMethod method, SerializationFormat format, @Nullable Object @Nullable [] args) {
		int count = (args != null) ? args.length : 0;
		if (count == 0) {
			return EMPTY.duplicate();
		}
		Serializer serializer = this.registry.get(format);
		return (count == 1) ? serializer.serialize(args[0])
				: serializer.serializeArguments(args, method.parameterTypes());
	}

	@Nullable Object[] decodeArguments(ContractMethod method, SerializationFormat format, ByteBuffer payload) {
		Type[] types = method.parameterTypes();
		if (types.length == 0) {
			return NO_ARGUMENTS;
		}
		Serializer serializer = this.registry.get(format);
		@Nullable Object[] values = (types.length == 1) ? new Object[] { serializer.deserialize(payload, types[0]) }
				: serializer.deserializeArguments(payload, types);
		// A primitive parameter's generic type is its class: no copy of getParameterTypes() per call.
		for (int i = 0; i < values.length; i++) {
			if (values[i] == null && types[i] instanceof Class<?> c && c.isPrimitive()) {
				throw new SerializationException(format, c.getName(), "parameter " + i + " of " + method.describe()
						+ " is a " + c + " but the payload holds null", null);
			}
		}
		return values;
	}

	ByteBuffer encodeResult(ContractMethod method, SerializationFormat format, @Nullable Object result) {
		if (method.isVoid()) {
			return EMPTY.duplicate();
		}
		return this.registry.get(format).serialize(result);
	}

	@Nullable Object decodeResult(ContractMethod method, SerializationFormat format, ByteBuffer payload) {
		if (method.isVoid()) {
			return null;
		}
		Object value = this.registry.get(format).deserialize(payload, method.resultType());
		if (value == null && method.resultType() instanceof Class<?> c && c.isPrimitive()) {
			throw new SerializationException(format, c.getName(),
					method.describe() + " returns a " + c + " but the response holds null", null);
		}
		return value;
	}

}
