package io.cdmf.ipc.serialization;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serializers in use, one per {@link SerializationFormat}. Thread-safe: lookups are a single volatile read, and
 * {@link #register(Serializer)} may be called at any time.
 * <p>
 * {@link #ofDefaults()} registers {@link SerializationFormat#BINARY} and every other format whose library is on the
 * classpath. The serializer classes of the optional formats are loaded only when their library is present, so a
 * missing optional jar never causes a {@link NoClassDefFoundError}. To configure a format differently, such as JSON
 * with an application's own {@code JsonMapper}, {@link #register(Serializer) register} a serializer for it; it
 * replaces the default.
 *
 * @since 0.1.0
 */
public final class SerializerRegistry {

	private static final Logger logger = LoggerFactory.getLogger(SerializerRegistry.class);

	private final AtomicReferenceArray<@Nullable Serializer> serializers = new AtomicReferenceArray<>(
			SerializationFormat.values().length);

	private SerializerRegistry() {
	}

	/**
	 * Creates a registry with no serializers.
	 * @return the registry
	 */
	public static SerializerRegistry empty() {
		return new SerializerRegistry();
	}

	/**
	 * Creates a registry with {@link SerializationFormat#BINARY} and each format whose library is on the classpath
	 * that loaded this class, each with its default configuration.
	 * @return the registry
	 */
	public static SerializerRegistry ofDefaults() {
		SerializerRegistry registry = new SerializerRegistry();
		registry.register(new BinarySerializer());
		ClassLoader classLoader = SerializerRegistry.class.getClassLoader();
		for (OptionalFormat optional : OptionalFormat.values()) {
			if (!optional.isLibraryPresent(classLoader)) {
				logger.debug("{} not offered: {} is not on the classpath", optional.format, optional.artifact);
				continue;
			}
			Serializer serializer = optional.create(classLoader);
			if (serializer != null) {
				registry.register(serializer);
			}
		}
		logger.debug("Serialization formats available: {}", registry.formats());
		return registry;
	}

	/**
	 * Registers a serializer for its format, replacing any serializer registered for that format before.
	 * @param serializer the serializer
	 * @return this registry
	 */
	public SerializerRegistry register(Serializer serializer) {
		Objects.requireNonNull(serializer, "serializer must not be null");
		SerializationFormat format = Objects.requireNonNull(serializer.format(),
				() -> "serializer.format() must not be null: " + serializer);
		Serializer previous = this.serializers.getAndSet(format.ordinal(), serializer);
		if (previous != null && previous != serializer) {
			logger.debug("Replaced {} serializer {} with {}", format, previous, serializer);
		}
		return this;
	}

	/**
	 * Returns the serializer for a format.
	 * @param format the format
	 * @return the serializer
	 * @throws SerializationException if no serializer is registered for the format; the message says which library
	 * to add or what to register
	 */
	public Serializer get(SerializationFormat format) {
		Serializer serializer = this.serializers.get(format.ordinal());
		if (serializer == null) {
			throw SerializationException.formatUnavailable(format, remedy(format));
		}
		return serializer;
	}

	/**
	 * Returns the serializer for a format, if one is registered.
	 * @param format the format
	 * @return the serializer, or empty
	 */
	public Optional<Serializer> find(SerializationFormat format) {
		return Optional.ofNullable(this.serializers.get(format.ordinal()));
	}

	/**
	 * Returns the formats that have a serializer.
	 * @return an unmodifiable snapshot of the formats
	 */
	public Set<SerializationFormat> formats() {
		EnumSet<SerializationFormat> formats = EnumSet.noneOf(SerializationFormat.class);
		for (SerializationFormat format : SerializationFormat.values()) {
			if (this.serializers.get(format.ordinal()) != null) {
				formats.add(format);
			}
		}
		return Collections.unmodifiableSet(formats);
	}

	private static String remedy(SerializationFormat format) {
		String register = "register a Serializer for it with SerializerRegistry.register(Serializer)";
		OptionalFormat optional = OptionalFormat.of(format);
		if (optional == null) {
			return register;
		}
		if (!optional.isLibraryPresent(SerializerRegistry.class.getClassLoader())) {
			return "add " + optional.artifact + " to the classpath (SerializerRegistry.ofDefaults() then registers it)";
		}
		return "its library " + optional.artifact + " is on the classpath, but this registry has no serializer for it; "
				+ "create the registry with SerializerRegistry.ofDefaults() or " + register;
	}

	/**
	 * The formats that depend on an optional library, with the class that tells whether it is present.
	 */
	private enum OptionalFormat {

		JSON(SerializationFormat.JSON, "tools.jackson.core:jackson-databind",
				"io.cdmf.ipc.serialization.json.JacksonJsonSerializer", "tools.jackson.databind.json.JsonMapper"),

		PROTOBUF(SerializationFormat.PROTOBUF, "com.google.protobuf:protobuf-java",
				"io.cdmf.ipc.serialization.protobuf.ProtobufSerializer", "com.google.protobuf.MessageLite"),

		FLATBUFFERS(SerializationFormat.FLATBUFFERS, "com.google.flatbuffers:flatbuffers-java",
				"io.cdmf.ipc.serialization.flatbuffers.FlatBuffersSerializer", "com.google.flatbuffers.Table"),

		MESSAGEPACK(SerializationFormat.MESSAGEPACK, "org.msgpack:jackson-dataformat-msgpack",
				"io.cdmf.ipc.serialization.msgpack.MessagePackSerializer",
				"org.msgpack.jackson.dataformat.MessagePackFactory", "com.fasterxml.jackson.databind.ObjectMapper");

		private final SerializationFormat format;

		private final String artifact;

		private final String serializerClassName;

		private final String[] libraryClassNames;

		OptionalFormat(SerializationFormat format, String artifact, String serializerClassName,
				String... libraryClassNames) {
			this.format = format;
			this.artifact = artifact;
			this.serializerClassName = serializerClassName;
			this.libraryClassNames = libraryClassNames;
		}

		static @Nullable OptionalFormat of(SerializationFormat format) {
			for (OptionalFormat optional : values()) {
				if (optional.format == format) {
					return optional;
				}
			}
			return null;
		}

		boolean isLibraryPresent(@Nullable ClassLoader classLoader) {
			for (String className : this.libraryClassNames) {
				try {
					Class.forName(className, false, classLoader);
				}
				catch (ClassNotFoundException | LinkageError ex) {
					// The expected answer when the optional jar is absent, not a failure.
					return false;
				}
			}
			return true;
		}

		@Nullable Serializer create(@Nullable ClassLoader classLoader) {
			// Loaded by name so that this class never links against an optional library that may be missing.
			try {
				return Class.forName(this.serializerClassName, true, classLoader)
					.asSubclass(Serializer.class)
					.getDeclaredConstructor()
					.newInstance();
			}
			catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
				logger.warn("{} not offered: {} is on the classpath but {} could not be created", this.format,
						this.artifact, this.serializerClassName, ex);
				return null;
			}
		}

	}

}
