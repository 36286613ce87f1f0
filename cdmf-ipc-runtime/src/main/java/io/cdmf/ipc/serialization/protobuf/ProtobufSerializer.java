package io.cdmf.ipc.serialization.protobuf;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Objects;

import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SerializationFormat#PROTOBUF} serializer, for generated Protocol Buffers messages (any
 * {@link MessageLite}, so both {@code protobuf-java} and {@code protobuf-javalite} messages).
 * <p>
 * A payload is read with the target class's own {@link Parser}, found once per class through its static
 * {@code parser()} method, straight from the payload buffer: a heap payload is parsed from its backing array and a
 * direct one (shared memory) from its memory where protobuf's unsafe access is available, without copying it first.
 * Parsed messages do not alias the payload, so they stay valid after it is released.
 * <p>
 * An empty payload is the message with every field at its default. {@code null} cannot be serialized. Protocol
 * Buffers carries no type name, so bytes of another message type usually parse (as unknown fields) rather than fail.
 *
 * @since 0.1.0
 */
public final class ProtobufSerializer implements Serializer {

	private static final SerializationFormat FORMAT = SerializationFormat.PROTOBUF;

	private static final String ACCEPTED = "generated messages (com.google.protobuf.MessageLite)";

	private static final ClassValue<ParserLookup> PARSERS = new ClassValue<>() {

		@Override
		protected ParserLookup computeValue(Class<?> type) {
			return ParserLookup.of(type);
		}

	};

	private final ExtensionRegistryLite extensionRegistry;

	/**
	 * Creates a serializer that reads no extensions.
	 */
	public ProtobufSerializer() {
		this(ExtensionRegistryLite.getEmptyRegistry());
	}

	/**
	 * Creates a serializer that reads the extensions of a registry, for proto2 messages that declare extensions.
	 * @param extensionRegistry the extensions to recognise
	 */
	public ProtobufSerializer(ExtensionRegistryLite extensionRegistry) {
		this.extensionRegistry = Objects.requireNonNull(extensionRegistry, "extensionRegistry must not be null");
	}

	@Override
	public SerializationFormat format() {
		return FORMAT;
	}

	@Override
	public boolean supports(Class<?> type) {
		return MessageLite.class.isAssignableFrom(type);
	}

	@Override
	public ByteBuffer serialize(@Nullable Object value) {
		if (value == null) {
			throw SerializationException.nullValue(FORMAT);
		}
		if (!(value instanceof MessageLite message)) {
			throw SerializationException.unsupportedType(FORMAT, value.getClass(), ACCEPTED);
		}
		try {
			return ByteBuffer.wrap(message.toByteArray());
		}
		catch (RuntimeException ex) {
			throw SerializationException.serializationFailed(FORMAT, value, ex);
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T deserialize(ByteBuffer payload, Type type) {
		if (!(type instanceof Class<?> cls) || !supports(cls)) {
			throw SerializationException.unsupportedType(FORMAT, type, ACCEPTED);
		}
		ParserLookup lookup = PARSERS.get(cls);
		Parser<?> parser = lookup.parser();
		if (parser == null) {
			throw SerializationException.unsupportedType(FORMAT, type, ACCEPTED + " with a static parser() method; "
					+ lookup.problem());
		}
		try {
			// Parses a heap payload from its array and a direct one from its memory (no copy); parseFrom also
			// rejects a stray end-group tag and missing proto2 required fields. The duplicate keeps the caller's
			// position safe whatever path the parser takes.
			return (T) parser.parseFrom(payload.duplicate(), this.extensionRegistry);
		}
		catch (IOException | RuntimeException ex) {
			throw SerializationException.deserializationFailed(FORMAT, type, ex);
		}
	}

	/**
	 * A class's parser, or why it has none.
	 *
	 * @param parser the parser, or {@code null}
	 * @param problem why there is no parser, or {@code null}
	 */
	private record ParserLookup(@Nullable Parser<?> parser, @Nullable String problem) {

		static ParserLookup of(Class<?> type) {
			if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
				return new ParserLookup(null, type.getName() + " is not a concrete message class");
			}
			try {
				Method method = type.getMethod("parser");
				if (!Modifier.isStatic(method.getModifiers())
						|| !Parser.class.isAssignableFrom(method.getReturnType())) {
					return new ParserLookup(null,
							type.getName() + ".parser() is not a static method returning a Parser");
				}
				Object parser = method.invoke(null);
				if (parser == null) {
					return new ParserLookup(null, type.getName() + ".parser() returned null");
				}
				return new ParserLookup((Parser<?>) parser, null);
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
				return new ParserLookup(null, "cannot call " + type.getName() + ".parser(): " + ex);
			}
		}

	}

}
