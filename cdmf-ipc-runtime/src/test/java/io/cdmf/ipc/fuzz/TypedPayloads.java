package io.cdmf.ipc.fuzz;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.serialization.Serializer;
import io.cdmf.ipc.serialization.TestValues.Item;
import io.cdmf.ipc.serialization.TestValues.Order;
import io.cdmf.ipc.serialization.TestValues.Page;
import io.cdmf.ipc.serialization.TestValues.Reading;
import io.cdmf.ipc.serialization.TypeCapture;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzes a serializer that maps payloads to typed values (JSON, MessagePack) the way typed interfaces use it: one
 * value of a method's parameter or result type, or the tuple of a method's parameters.
 * <p>
 * The first input byte picks the type; the rest is the payload, read once from a heap buffer and once from a direct
 * one. Invariants: only a {@link SerializationException} escapes, the payload buffer's position does not move, and
 * a value that was read is written and read again to an equal value.
 *
 * @since 0.1.0
 */
public final class TypedPayloads {

	private static final Type PAGE_OF_ITEMS = new TypeCapture<Page<Item>>() {
	}.getType();

	private static final Type LIST_OF_ITEMS = new TypeCapture<List<Item>>() {
	}.getType();

	private static final Type MAP_OF_LONGS = new TypeCapture<Map<String, Long>>() {
	}.getType();

	/** The types a method of a typed interface may take or return, as the fuzzer picks them. */
	private static final Type[] TYPES = { Order.class, PAGE_OF_ITEMS, Reading.class, Item.class, String.class,
			int.class, Integer.class, double.class, long[].class, MAP_OF_LONGS, LIST_OF_ITEMS, Object.class };

	/** The parameter types of methods that take more than one argument. */
	private static final Type[][] TUPLES = { { String.class, int.class, LIST_OF_ITEMS },
			{ Order.class, Reading.class }, { long.class, long.class } };

	private TypedPayloads() {
	}

	/**
	 * Reads one fuzzed input with a serializer and checks the invariants.
	 * @param serializer the serializer
	 * @param input the first byte picks the type, the rest is the payload
	 */
	public static void fuzz(Serializer serializer, byte[] input) {
		if (input.length == 0) {
			return;
		}
		int choice = input[0] & 0xFF;
		byte[] payload = Arrays.copyOfRange(input, 1, input.length);
		if (choice >= TYPES.length && serializer.supportsArgumentTuples()) {
			fuzzTuple(serializer, TUPLES[choice % TUPLES.length], payload);
			return;
		}
		Type type = TYPES[choice % TYPES.length];
		Object value = readTwice(serializer, payload, type);
		if (value == SerializationException.class) {
			return;
		}
		ByteBuffer written = serializer.serialize(value);
		Object again = serializer.deserialize(written, type);
		if (!deepEquals(value, again)) {
			throw new AssertionError(type.getTypeName() + ": " + describe(value) + " was read back as " + describe(again));
		}
	}

	private static void fuzzTuple(Serializer serializer, Type[] types, byte[] payload) {
		@Nullable Object[] values;
		try {
			values = serializer.deserializeArguments(readOnly(ByteBuffer.wrap(payload)), types);
		}
		catch (SerializationException ex) {
			return;
		}
		if (values.length != types.length) {
			throw new AssertionError(values.length + " arguments read for " + types.length + " parameters");
		}
		@Nullable Object[] again = serializer.deserializeArguments(serializer.serializeArguments(values, types), types);
		if (!Arrays.deepEquals(values, again)) {
			throw new AssertionError(Arrays.deepToString(values) + " was read back as " + Arrays.deepToString(again));
		}
	}

	/**
	 * Reads the payload from a heap and from a direct buffer: both must fail alike or give equal values.
	 * @return the value, or {@code SerializationException.class} if both failed
	 */
	private static @Nullable Object readTwice(Serializer serializer, byte[] payload, Type type) {
		Object heap = readOnce(serializer, ByteBuffer.wrap(payload), type);
		ByteBuffer direct = ByteBuffer.allocateDirect(payload.length).put(payload).flip();
		Object fromDirect = readOnce(serializer, direct, type);
		if (!deepEquals(heap, fromDirect)) {
			throw new AssertionError(type.getTypeName() + ": a heap buffer gave " + describe(heap)
					+ ", a direct one " + describe(fromDirect));
		}
		return heap;
	}

	private static @Nullable Object readOnce(Serializer serializer, ByteBuffer buffer, Type type) {
		int position = buffer.position();
		try {
			return serializer.deserialize(buffer, type);
		}
		catch (SerializationException ex) {
			return SerializationException.class;
		}
		finally {
			if (buffer.position() != position) {
				throw new AssertionError("deserialize moved the payload's position from " + position + " to "
						+ buffer.position());
			}
		}
	}

	private static ByteBuffer readOnly(ByteBuffer buffer) {
		return buffer.asReadOnlyBuffer();
	}

	private static boolean deepEquals(@Nullable Object a, @Nullable Object b) {
		return Arrays.deepEquals(new Object[] { a }, new Object[] { b });
	}

	private static String describe(@Nullable Object value) {
		return (value instanceof long[] longs) ? Arrays.toString(longs) : String.valueOf(value);
	}

}
