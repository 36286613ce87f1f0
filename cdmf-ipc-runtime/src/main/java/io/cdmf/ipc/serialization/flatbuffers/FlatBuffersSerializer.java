package io.cdmf.ipc.serialization.flatbuffers;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.flatbuffers.FlatBufferBuilder;
import com.google.flatbuffers.Table;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SerializationFormat#FLATBUFFERS} serializer: zero copy in both directions.
 * <p>
 * {@link #serialize(Object)} accepts a finished {@link FlatBufferBuilder} (its {@link FlatBufferBuilder#dataBuffer()
 * data buffer}), a {@link ByteBuffer} holding a FlatBuffer, or a root {@link Table} (the buffer it reads); the
 * returned payload shares memory with them. {@code null} is rejected.
 * <p>
 * {@link #deserialize(ByteBuffer, Type)} to a generated {@link Table} subclass calls its static
 * {@code getRootAs<SimpleName>(ByteBuffer)} method (found once per class) on a read-only, little-endian view of the
 * payload, so the table reads the received bytes in place. The table is therefore valid only as long as the payload
 * is: for a payload received through shared memory, until the handler returns. Deserializing to {@link ByteBuffer}
 * returns that view itself.
 * <p>
 * Before handing out a view, the root table is checked: the root offset, its vtable and every field offset of the root
 * table must lie inside the payload. Fields further in (strings, vectors, nested tables) are read lazily by the
 * generated accessors and are not checked; the view's bounds keep those reads inside the payload, and a malformed
 * buffer makes an accessor throw {@link IndexOutOfBoundsException}, or {@link IllegalArgumentException} for a string
 * that is not UTF-8 ({@code Invalid UTF-8}, from FlatBuffers' {@code Utf8Safe}); a handler should answer either as a
 * bad request.
 *
 * @since 0.1.0
 */
public final class FlatBuffersSerializer implements Serializer {

	private static final Logger logger = LoggerFactory.getLogger(FlatBuffersSerializer.class);

	private static final SerializationFormat FORMAT = SerializationFormat.FLATBUFFERS;

	private static final String ACCEPTED = "generated com.google.flatbuffers.Table classes, java.nio.ByteBuffer and"
			+ " (to serialize) a finished com.google.flatbuffers.FlatBufferBuilder";

	private static final ClassValue<RootAccessor> ROOT_ACCESSORS = new ClassValue<>() {

		@Override
		protected RootAccessor computeValue(Class<?> type) {
			return RootAccessor.of(type);
		}

	};

	private static final @Nullable VarHandle TABLE_POSITION = findTablePosition();

	@Override
	public SerializationFormat format() {
		return FORMAT;
	}

	@Override
	public boolean supports(Class<?> type) {
		return Table.class.isAssignableFrom(type) || FlatBufferBuilder.class.isAssignableFrom(type)
				|| ByteBuffer.class.isAssignableFrom(type);
	}

	@Override
	public ByteBuffer serialize(@Nullable Object value) {
		if (value == null) {
			throw SerializationException.nullValue(FORMAT);
		}
		try {
			if (value instanceof FlatBufferBuilder builder) {
				return builder.dataBuffer().duplicate().order(ByteOrder.LITTLE_ENDIAN);
			}
			if (value instanceof ByteBuffer buffer) {
				return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
			}
			if (value instanceof Table table) {
				return bufferOf(table);
			}
		}
		catch (SerializationException ex) {
			throw ex;
		}
		catch (RuntimeException | AssertionError ex) {
			// FlatBufferBuilder.dataBuffer() throws AssertionError when finish() was not called.
			throw SerializationException.serializationFailed(FORMAT, value, ex);
		}
		throw SerializationException.unsupportedType(FORMAT, value.getClass(), ACCEPTED);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T deserialize(ByteBuffer payload, Type type) {
		@Nullable MethodHandle getRootAs = null;
		if (type != ByteBuffer.class) {
			if (!(type instanceof Class<?> cls) || !Table.class.isAssignableFrom(cls)) {
				throw SerializationException.unsupportedType(FORMAT, type, ACCEPTED);
			}
			RootAccessor accessor = ROOT_ACCESSORS.get(cls);
			getRootAs = accessor.getRootAs();
			if (getRootAs == null) {
				throw SerializationException.unsupportedType(FORMAT, type, ACCEPTED + "; " + accessor.problem());
			}
		}
		// A slice, so that no offset in a malformed buffer can reach bytes before the payload (in shared memory,
		// another message); read-only, so that the handler cannot write into the sender's bytes.
		ByteBuffer view = payload.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
		String problem = FlatBuffersRootCheck.check(view);
		if (problem != null) {
			throw SerializationException.invalidPayload(FORMAT, type, problem);
		}
		if (getRootAs == null) {
			return (T) view;
		}
		try {
			return (T) (Table) getRootAs.invokeExact(view);
		}
		catch (Error err) {
			throw err;
		}
		catch (Throwable ex) {
			throw SerializationException.deserializationFailed(FORMAT, type, ex);
		}
	}

	private static ByteBuffer bufferOf(Table table) {
		ByteBuffer buffer = table.getByteBuffer();
		if (buffer == null) {
			throw SerializationException.invalidValue(FORMAT, table, "the table is not bound to a buffer");
		}
		ByteBuffer content = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		if (TABLE_POSITION != null) {
			// Sending the buffer of a nested table would send its root instead: refuse rather than send other data.
			int tablePosition = (int) TABLE_POSITION.get(table);
			int rootPosition = content.position() + content.getInt(content.position());
			if (tablePosition != rootPosition) {
				throw SerializationException.invalidValue(FORMAT, table, "the table is not the root of its buffer;"
						+ " serialize the root table or the FlatBufferBuilder that built it");
			}
		}
		return content;
	}

	private static @Nullable VarHandle findTablePosition() {
		try {
			return MethodHandles.privateLookupIn(Table.class, MethodHandles.lookup())
				.findVarHandle(Table.class, "bb_pos", int.class);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Cannot read Table.bb_pos; tables will be serialized without checking that they are roots",
					ex);
			return null;
		}
	}

	/**
	 * A table class's {@code getRootAs<SimpleName>(ByteBuffer)} method, or why it has none.
	 *
	 * @param getRootAs the method, typed {@code (ByteBuffer)Table}, or {@code null}
	 * @param problem why there is no method, or {@code null}
	 */
	private record RootAccessor(@Nullable MethodHandle getRootAs, @Nullable String problem) {

		static RootAccessor of(Class<?> type) {
			if (Modifier.isAbstract(type.getModifiers())) {
				return new RootAccessor(null, type.getName() + " is not a concrete table class");
			}
			String name = "getRootAs" + type.getSimpleName();
			try {
				MethodHandle handle = MethodHandles.publicLookup()
					.findStatic(type, name, MethodType.methodType(type, ByteBuffer.class));
				return new RootAccessor(handle.asType(MethodType.methodType(Table.class, ByteBuffer.class)), null);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return new RootAccessor(null, type.getName() + " has no public static " + type.getSimpleName() + " "
						+ name + "(ByteBuffer) method: " + ex);
			}
		}

	}

}
