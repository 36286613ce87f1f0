package io.cdmf.ipc;

import java.lang.reflect.Type;
import java.util.StringJoiner;

import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;

/**
 * A value that could not be serialized, or a payload that could not be deserialized, in a given
 * {@link SerializationFormat}. The only exception a {@code Serializer} throws, whatever went wrong inside the
 * serialization library.
 * <p>
 * Created through the static factories, which name the format and the Java type involved so that the message says
 * what to look at.
 *
 * @since 0.1.0
 */
public class SerializationException extends IpcException {

	private static final long serialVersionUID = 1L;

	private static final int MAX_CAUSE_LENGTH = 200;

	private final @Nullable SerializationFormat format;

	private final @Nullable String targetType;

	/**
	 * Creates an exception with no format or type attached.
	 * @param message what failed and, where possible, what to do
	 * @param cause the underlying failure
	 */
	public SerializationException(String message, @Nullable Throwable cause) {
		this(null, null, message, cause);
	}

	/**
	 * Creates an exception.
	 * @param format the format involved, if known
	 * @param targetType the name of the Java type being written or read, if known
	 * @param message what failed and, where possible, what to do
	 * @param cause the underlying failure
	 */
	public SerializationException(@Nullable SerializationFormat format, @Nullable String targetType, String message,
			@Nullable Throwable cause) {
		super(ErrorCode.SERIALIZATION_ERROR, message, cause);
		this.format = format;
		this.targetType = targetType;
	}

	/**
	 * Creates an exception for a value that the serialization library failed to write.
	 * @param format the format
	 * @param value the value, may be {@code null}
	 * @param cause what the library threw
	 * @return the exception
	 */
	public static SerializationException serializationFailed(SerializationFormat format, @Nullable Object value,
			Throwable cause) {
		String type = typeNameOf(value);
		return new SerializationException(format, type,
				"Cannot serialize " + type + " as " + format + ": " + summary(cause), cause);
	}

	/**
	 * Creates an exception for a value that is of a handled type but cannot be serialized as it is.
	 * @param format the format
	 * @param value the value
	 * @param reason what is wrong with the value and, where possible, what to do
	 * @return the exception
	 */
	public static SerializationException invalidValue(SerializationFormat format, Object value, String reason) {
		String type = typeNameOf(value);
		return new SerializationException(format, type, "Cannot serialize " + type + " as " + format + ": " + reason,
				null);
	}

	/**
	 * Creates an exception for an argument tuple that the serialization library failed to write.
	 * @param format the format
	 * @param argumentTypes the declared types of the tuple's values
	 * @param cause what the library threw
	 * @return the exception
	 */
	public static SerializationException argumentSerializationFailed(SerializationFormat format,
			Type[] argumentTypes, Throwable cause) {
		String type = tupleTypeName(argumentTypes);
		return new SerializationException(format, type,
				"Cannot serialize arguments " + type + " as " + format + ": " + summary(cause), cause);
	}

	/**
	 * Creates an exception for a payload that the serialization library failed to read.
	 * @param format the format
	 * @param targetType the type the payload was to be read as
	 * @param cause what the library threw
	 * @return the exception
	 */
	public static SerializationException deserializationFailed(SerializationFormat format, Type targetType,
			Throwable cause) {
		return deserializationFailed(format, targetType.getTypeName(), cause);
	}

	/**
	 * Creates an exception for an argument tuple payload that the serialization library failed to read.
	 * @param format the format
	 * @param argumentTypes the types the tuple's values were to be read as
	 * @param cause what the library threw
	 * @return the exception
	 */
	public static SerializationException deserializationFailed(SerializationFormat format, Type[] argumentTypes,
			Throwable cause) {
		return deserializationFailed(format, tupleTypeName(argumentTypes), cause);
	}

	/**
	 * Creates an exception for a payload found invalid before it reached the serialization library, or a result
	 * that is not allowed.
	 * @param format the format
	 * @param targetType the type the payload was to be read as
	 * @param reason what is wrong with the payload
	 * @return the exception
	 */
	public static SerializationException invalidPayload(SerializationFormat format, Type targetType, String reason) {
		return invalidPayload(format, targetType.getTypeName(), reason);
	}

	/**
	 * Creates an exception for an argument tuple payload found invalid, such as one with too few values.
	 * @param format the format
	 * @param argumentTypes the types the tuple's values were to be read as
	 * @param reason what is wrong with the payload
	 * @return the exception
	 */
	public static SerializationException invalidPayload(SerializationFormat format, Type[] argumentTypes,
			String reason) {
		return invalidPayload(format, tupleTypeName(argumentTypes), reason);
	}

	/**
	 * Creates an exception for a Java type that a format does not handle.
	 * @param format the format
	 * @param type the type that was given
	 * @param accepted the types the format accepts, for the message
	 * @return the exception
	 */
	public static SerializationException unsupportedType(SerializationFormat format, Type type, String accepted) {
		String name = type.getTypeName();
		return new SerializationException(format, name,
				format + " does not handle " + name + "; it accepts " + accepted, null);
	}

	/**
	 * Creates an exception for a {@code null} value given to a format that has no encoding for it.
	 * @param format the format
	 * @return the exception
	 */
	public static SerializationException nullValue(SerializationFormat format) {
		return new SerializationException(format, null,
				format + " cannot serialize null; send a value, or use JSON or MESSAGEPACK for nullable values",
				null);
	}

	/**
	 * Creates an exception for an argument tuple given to a format that carries a single value.
	 * @param format the format
	 * @return the exception
	 */
	public static SerializationException singleValueOnly(SerializationFormat format) {
		return new SerializationException(format, null, format + " carries one value per payload, not an argument"
				+ " tuple; use a method with one parameter, or JSON or MESSAGEPACK", null);
	}

	/**
	 * Creates an exception for an argument tuple whose values and types do not pair up.
	 * @param format the format
	 * @param values the number of values
	 * @param types the number of types
	 * @return the exception
	 */
	public static SerializationException argumentCountMismatch(SerializationFormat format, int values, int types) {
		return new SerializationException(format, null,
				format + " argument tuple has " + values + " values but " + types + " types", null);
	}

	/**
	 * Creates an exception for a format that has no serializer.
	 * @param format the format
	 * @param remedy what to do about it
	 * @return the exception
	 */
	public static SerializationException formatUnavailable(SerializationFormat format, String remedy) {
		return new SerializationException(format, null, "No serializer for format " + format + ": " + remedy, null);
	}

	/**
	 * Returns the format involved.
	 * @return the format, or {@code null} if not known
	 */
	public @Nullable SerializationFormat getFormat() {
		return this.format;
	}

	/**
	 * Returns the name of the Java type that was being written or read, as {@link Type#getTypeName()} gives it.
	 * @return the type name, or {@code null} if not known
	 */
	public @Nullable String getTargetType() {
		return this.targetType;
	}

	private static SerializationException deserializationFailed(SerializationFormat format, String type,
			Throwable cause) {
		return new SerializationException(format, type,
				"Cannot deserialize " + format + " payload as " + type + ": " + summary(cause), cause);
	}

	private static SerializationException invalidPayload(SerializationFormat format, String type, String reason) {
		return new SerializationException(format, type,
				"Cannot deserialize " + format + " payload as " + type + ": " + reason, null);
	}

	private static String tupleTypeName(Type[] types) {
		StringJoiner joiner = new StringJoiner(", ", "(", ")");
		for (Type type : types) {
			joiner.add(type.getTypeName());
		}
		return joiner.toString();
	}

	private static String typeNameOf(@Nullable Object value) {
		return (value != null) ? value.getClass().getName() : "null";
	}

	private static String summary(Throwable cause) {
		// Library messages can span lines (Jackson appends a location) and quote input: keep the first line, bounded.
		String message = cause.getMessage();
		if (message == null || message.isBlank()) {
			return cause.getClass().getName();
		}
		int newline = message.indexOf('\n');
		String line = (newline >= 0) ? message.substring(0, newline) : message;
		if (line.length() > MAX_CAUSE_LENGTH) {
			line = line.substring(0, MAX_CAUSE_LENGTH) + "...";
		}
		return cause.getClass().getSimpleName() + ": " + line.strip();
	}

}
