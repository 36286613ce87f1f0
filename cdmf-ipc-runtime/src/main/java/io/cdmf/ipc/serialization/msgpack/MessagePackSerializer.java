package io.cdmf.ipc.serialization.msgpack;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.msgpack.jackson.dataformat.MessagePackMapper;
import org.msgpack.jackson.dataformat.TimestampExtensionModule;

/**
 * The {@link SerializationFormat#MESSAGEPACK} serializer, on a Jackson 2 {@link ObjectMapper} over a
 * {@link MessagePackFactory} ({@code jackson-dataformat-msgpack} exists for Jackson 2 only; it works beside the
 * Jackson 3 that the JSON format uses).
 * <p>
 * Handles what the mapper handles: records, beans, collections, maps, and generic types given as a
 * {@link java.lang.reflect.ParameterizedType}. {@code null} is written as {@code nil} and read back as {@code null}.
 * Argument tuples are a MessagePack array with one element per argument, each read as its declared type. Values are
 * written by their runtime class.
 * <p>
 * Before data binding, every payload is checked to be exactly one complete MessagePack value nested at most 500
 * deep: trailing bytes, truncation and excessive nesting are errors whatever the mapper's configuration. (Do not
 * enable {@code FAIL_ON_TRAILING_TOKENS} on a mapper given here: the msgpack parser reports the end of input as an
 * error, so Jackson's own check fails every payload that contains an {@link java.time.Instant}.)
 * <p>
 * The default mapper ({@link #createDefaultObjectMapper()}) behaves like the Jackson 3 defaults of the JSON format:
 * unknown properties are ignored and {@code null} for a primitive is an error. It writes {@link java.time.Instant} as
 * a MessagePack timestamp; other {@code java.time} types need a mapper with {@code jackson-datatype-jsr310}
 * registered.
 *
 * @since 0.1.0
 */
public final class MessagePackSerializer implements Serializer {

	private static final SerializationFormat FORMAT = SerializationFormat.MESSAGEPACK;

	/** Past this many target types, readers are made per call rather than kept (types come from code). */
	private static final int MAX_CACHED_READERS = 1024;

	/** The mapper and what it allows; {@code null} until first use for the default mapper. */
	private volatile @Nullable Mapping mapping;

	private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

	/**
	 * Creates a serializer with the {@link #createDefaultObjectMapper() default mapper}, made on first use: building a
	 * Jackson 2 mapper loads some 450 classes, which an application that never uses MessagePack (the registry of
	 * {@link io.cdmf.ipc.serialization.SerializerRegistry#ofDefaults()} offers it whenever the library is present)
	 * should not pay for at start-up.
	 */
	public MessagePackSerializer() {
	}

	/**
	 * Creates a serializer on a mapper.
	 * @param objectMapper the mapper to write and read with; its factory must be a {@link MessagePackFactory}
	 */
	public MessagePackSerializer(ObjectMapper objectMapper) {
		Objects.requireNonNull(objectMapper, "objectMapper must not be null");
		if (!(objectMapper.getFactory() instanceof MessagePackFactory)) {
			throw new IllegalArgumentException("objectMapper must use a MessagePackFactory: "
					+ objectMapper.getFactory().getClass().getName());
		}
		this.mapping = new Mapping(objectMapper, MessagePackBinary.matches(objectMapper));
	}

	private Mapping mapping() {
		Mapping current = this.mapping;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			current = this.mapping;
			if (current == null) {
				ObjectMapper objectMapper = createDefaultObjectMapper();
				current = new Mapping(objectMapper, MessagePackBinary.matches(objectMapper));
				this.mapping = current;
			}
			return current;
		}
	}

	/**
	 * Creates the mapper a default serializer uses, as a base for one's own: resources are not reused across
	 * parsers or generators of a thread (so a custom (de)serializer may call the mapper again, and no payload stays
	 * referenced from a thread-local), unknown properties are ignored, {@code null} for a primitive is an error, and
	 * {@link java.time.Instant} is written as a MessagePack timestamp.
	 * @return a new mapper
	 */
	public static ObjectMapper createDefaultObjectMapper() {
		MessagePackFactory factory = new MessagePackFactory().setReuseResourceInParser(false)
			.setReuseResourceInGenerator(false);
		return MessagePackMapper.builder(factory)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.addModule(TimestampExtensionModule.INSTANCE)
			.build();
	}

	/**
	 * Returns the mapper this serializer writes and reads with.
	 * @return the mapper
	 */
	public ObjectMapper getObjectMapper() {
		return mapping().objectMapper();
	}

	@Override
	public SerializationFormat format() {
		return FORMAT;
	}

	@Override
	public boolean supports(Class<?> type) {
		return type != void.class;
	}

	@Override
	public ByteBuffer serialize(@Nullable Object value) {
		Mapping current = mapping();
		try {
			if (current.fastBytes() && value instanceof byte[] bytes) {
				return ByteBuffer.wrap(MessagePackBinary.write(bytes));
			}
			return ByteBuffer.wrap(current.objectMapper().writeValueAsBytes(value));
		}
		catch (IOException | RuntimeException | StackOverflowError ex) {
			// MessagePackGenerator does not enforce Jackson's nesting limit, so a cyclic value recurses until the
			// stack overflows; the stack is unwound by the time the error is caught here.
			throw SerializationException.serializationFailed(FORMAT, value, ex);
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T deserialize(ByteBuffer payload, Type type) {
		if (mapping().fastBytes() && type == byte[].class) {
			byte[] bytes = MessagePackBinary.read(payload);
			if (bytes != null) {
				return (T) bytes;
			}
		}
		T value;
		try {
			Window window = Window.of(payload);
			String problem = MessagePackStructureCheck.check(window.array(), window.offset(), window.length());
			if (problem != null) {
				throw SerializationException.invalidPayload(FORMAT, type, problem);
			}
			value = reader(type).readValue(window.array(), window.offset(), window.length());
		}
		catch (SerializationException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw SerializationException.deserializationFailed(FORMAT, type, ex);
		}
		return checkNotNullForPrimitive(value, type);
	}

	@Override
	public boolean supportsArgumentTuples() {
		return true;
	}

	@Override
	public ByteBuffer serializeArguments(@Nullable Object[] args, Type[] types) {
		if (args.length != types.length) {
			throw SerializationException.argumentCountMismatch(FORMAT, args.length, types.length);
		}
		try {
			return ByteBuffer.wrap(getObjectMapper().writeValueAsBytes(args));
		}
		catch (IOException | RuntimeException | StackOverflowError ex) {
			throw SerializationException.argumentSerializationFailed(FORMAT, types, ex);
		}
	}

	@Override
	public @Nullable Object[] deserializeArguments(ByteBuffer payload, Type[] types) {
		Window window = Window.of(payload);
		try {
			String problem = MessagePackStructureCheck.check(window.array(), window.offset(), window.length());
			if (problem != null) {
				throw SerializationException.invalidPayload(FORMAT, types, problem);
			}
		}
		catch (SerializationException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw SerializationException.deserializationFailed(FORMAT, types, ex);
		}
		try (JsonParser parser = getObjectMapper().createParser(window.array(), window.offset(), window.length())) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw invalidTuple(types, "not a MessagePack array");
			}
			@Nullable Object[] values = new Object[types.length];
			for (int i = 0; i < types.length; i++) {
				JsonToken token = parser.nextToken();
				if (token == null || token == JsonToken.END_ARRAY) {
					throw invalidTuple(types, "the array has " + i + " elements");
				}
				values[i] = checkNotNullForPrimitive(reader(types[i]).readValue(parser), types[i]);
			}
			if (parser.nextToken() != JsonToken.END_ARRAY) {
				throw invalidTuple(types, "the array has more elements");
			}
			// Nothing follows the array: the structure check said so.
			return values;
		}
		catch (SerializationException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw SerializationException.deserializationFailed(FORMAT, types, ex);
		}
	}

	private ObjectReader reader(Type type) {
		// Readers are immutable and thread-safe: one per target type, made on first use.
		ObjectReader reader = this.readers.get(type);
		if (reader == null) {
			// The structure check has already refused trailing content; the parser cannot report the end of input
			// the way Jackson's own trailing-token check expects.
			ObjectMapper objectMapper = getObjectMapper();
			reader = objectMapper.readerFor(objectMapper.constructType(type))
				.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
			if (this.readers.size() < MAX_CACHED_READERS) {
				this.readers.putIfAbsent(type, reader);
			}
		}
		return reader;
	}

	private static <T> @Nullable T checkNotNullForPrimitive(@Nullable T value, Type type) {
		if (value == null && type instanceof Class<?> cls && cls.isPrimitive()) {
			throw SerializationException.invalidPayload(FORMAT, type, "nil is not a valid " + cls.getName());
		}
		return value;
	}

	private static SerializationException invalidTuple(Type[] types, String reason) {
		return SerializationException.invalidPayload(FORMAT, types,
				"expected a MessagePack array of " + types.length + " elements, but " + reason);
	}

	/**
	 * The mapper a serializer writes and reads with.
	 *
	 * @param objectMapper the mapper
	 * @param fastBytes whether {@code byte[]} may bypass the mapper ({@link MessagePackBinary#matches})
	 */
	private record Mapping(ObjectMapper objectMapper, boolean fastBytes) {

	}

	/**
	 * A payload as a range of an array: the buffer's own array when it has one, a copy otherwise.
	 *
	 * @param array the array
	 * @param offset where the payload starts
	 * @param length the payload length
	 */
	private record Window(byte[] array, int offset, int length) {

		static Window of(ByteBuffer payload) {
			if (payload.hasArray()) {
				return new Window(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
			}
			// Direct or read-only: msgpack-core reads direct memory through internals that Java 17 closes
			// (--add-opens java.base/java.nio), so read a heap copy instead.
			byte[] copy = new byte[payload.remaining()];
			payload.get(payload.position(), copy);
			return new Window(copy, 0, copy.length);
		}

	}

}
