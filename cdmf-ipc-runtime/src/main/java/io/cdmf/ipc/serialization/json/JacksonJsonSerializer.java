package io.cdmf.ipc.serialization.json;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.ByteBufferBackedInputStream;

/**
 * The {@link SerializationFormat#JSON} serializer, on a Jackson 3 {@link JsonMapper}.
 * <p>
 * Handles whatever the mapper handles: records, beans, collections, maps, and generic types given as a
 * {@link java.lang.reflect.ParameterizedType}. {@code null} is written as the {@code null} literal and read back as
 * {@code null}. Argument tuples are a JSON array with one element per argument, each read as its declared type.
 * Values are written by their runtime class.
 * <p>
 * The default mapper is {@code JsonMapper.builder().build()}, with Jackson 3's defaults: unknown properties are
 * ignored, {@code null} for a primitive and trailing content after the value are errors. To use an application's own
 * mapper (for instance Spring Boot's {@code JsonMapper} bean), construct this serializer with it and register it in
 * the {@link io.cdmf.ipc.serialization.SerializerRegistry}.
 * <p>
 * The writer and one reader per target type are made once and reused (they are immutable and thread-safe). A
 * {@code byte[]} is written and read as a Base64 string by the JDK's codec when the mapper is checked, once, to use
 * the same form (see {@code Base64Strings}); other payloads go through the mapper. The default mapper is built on the
 * first call that needs it.
 *
 * @since 0.1.0
 */
public final class JacksonJsonSerializer implements Serializer {

	private static final SerializationFormat FORMAT = SerializationFormat.JSON;

	/** Past this many target types, readers are made per call rather than kept (types come from code). */
	private static final int MAX_CACHED_READERS = 1024;

	/** The mapper, its writer and what it allows; {@code null} until first use for the default mapper. */
	private volatile @Nullable Mapping mapping;

	private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

	private final Map<Type, ObjectReader> elementReaders = new ConcurrentHashMap<>();

	/**
	 * Creates a serializer with a default {@link JsonMapper}, made on first use: building a mapper loads some 500
	 * classes, which an application whose calls never use JSON, or that registers its own mapper (Spring Boot's) in
	 * place of this serializer, should not pay for at start-up.
	 */
	public JacksonJsonSerializer() {
	}

	/**
	 * Creates a serializer on a mapper.
	 * @param jsonMapper the mapper to write and read with
	 */
	public JacksonJsonSerializer(JsonMapper jsonMapper) {
		this.mapping = Mapping.of(Objects.requireNonNull(jsonMapper, "jsonMapper must not be null"));
	}

	private Mapping mapping() {
		Mapping current = this.mapping;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			current = this.mapping;
			if (current == null) {
				current = Mapping.of(JsonMapper.builder().build());
				this.mapping = current;
			}
			return current;
		}
	}

	/**
	 * Returns whether the mapper exists yet: always for a serializer given one, for the default mapper once a call
	 * or {@link #getJsonMapper()} has built it.
	 * @return whether the mapper is built
	 */
	public boolean isMapperBuilt() {
		return this.mapping != null;
	}

	/**
	 * Returns the mapper this serializer writes and reads with.
	 * @return the mapper
	 */
	public JsonMapper getJsonMapper() {
		return mapping().jsonMapper();
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
				return ByteBuffer.wrap(Base64Strings.write(bytes));
			}
			return ByteBuffer.wrap(current.writer().writeValueAsBytes(value));
		}
		catch (RuntimeException ex) {
			throw SerializationException.serializationFailed(FORMAT, value, ex);
		}
	}

	@Override
	public <T> @Nullable T deserialize(ByteBuffer payload, Type type) {
		T value;
		try {
			value = read(payload, type);
		}
		catch (RuntimeException ex) {
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
			return ByteBuffer.wrap(mapping().writer().writeValueAsBytes(args));
		}
		catch (RuntimeException ex) {
			throw SerializationException.argumentSerializationFailed(FORMAT, types, ex);
		}
	}

	@Override
	public @Nullable Object[] deserializeArguments(ByteBuffer payload, Type[] types) {
		try (JsonParser parser = createParser(payload)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw invalidTuple(types, "not a JSON array");
			}
			@Nullable Object[] values = new Object[types.length];
			for (int i = 0; i < types.length; i++) {
				JsonToken token = parser.nextToken();
				if (token == null || token == JsonToken.END_ARRAY) {
					throw invalidTuple(types, "the array has " + i + " elements");
				}
				// The element is followed by the next one: the trailing-token check applies to the whole array.
				Object value = elementReader(types[i]).readValue(parser);
				values[i] = checkNotNullForPrimitive(value, types[i]);
			}
			if (parser.nextToken() != JsonToken.END_ARRAY) {
				throw invalidTuple(types, "the array has more elements");
			}
			if (parser.nextToken() != null) {
				throw invalidTuple(types, "content follows the array");
			}
			return values;
		}
		catch (SerializationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw SerializationException.deserializationFailed(FORMAT, types, ex);
		}
	}

	@SuppressWarnings("unchecked")
	private <T> @Nullable T read(ByteBuffer payload, Type type) {
		if (mapping().fastBytes() && type == byte[].class) {
			byte[] bytes = Base64Strings.read(payload);
			if (bytes != null) {
				return (T) bytes;
			}
		}
		if (payload.hasArray()) {
			return reader(type).readValue(payload.array(), payload.arrayOffset() + payload.position(),
					payload.remaining());
		}
		return reader(type).readValue(new ByteBufferBackedInputStream(payload.duplicate()));
	}

	private ObjectReader reader(Type type) {
		ObjectReader reader = this.readers.get(type);
		if (reader == null) {
			JsonMapper jsonMapper = getJsonMapper();
			reader = jsonMapper.readerFor(jsonMapper.constructType(type));
			if (this.readers.size() < MAX_CACHED_READERS) {
				this.readers.putIfAbsent(type, reader);
			}
		}
		return reader;
	}

	private ObjectReader elementReader(Type type) {
		ObjectReader reader = this.elementReaders.get(type);
		if (reader == null) {
			reader = reader(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
			if (this.elementReaders.size() < MAX_CACHED_READERS) {
				this.elementReaders.putIfAbsent(type, reader);
			}
		}
		return reader;
	}

	private JsonParser createParser(ByteBuffer payload) {
		if (payload.hasArray()) {
			return getJsonMapper().createParser(payload.array(), payload.arrayOffset() + payload.position(),
					payload.remaining());
		}
		return getJsonMapper().createParser(new ByteBufferBackedInputStream(payload.duplicate()));
	}

	private static <T> @Nullable T checkNotNullForPrimitive(@Nullable T value, Type type) {
		if (value == null && type instanceof Class<?> cls && cls.isPrimitive()) {
			throw SerializationException.invalidPayload(FORMAT, type, "null is not a valid " + cls.getName());
		}
		return value;
	}

	private static SerializationException invalidTuple(Type[] types, String reason) {
		return SerializationException.invalidPayload(FORMAT, types,
				"expected a JSON array of " + types.length + " elements, but " + reason);
	}

	private record Mapping(JsonMapper jsonMapper, ObjectWriter writer, boolean fastBytes) {

		static Mapping of(JsonMapper jsonMapper) {
			return new Mapping(jsonMapper, jsonMapper.writer(), Base64Strings.matches(jsonMapper));
		}

	}

}
