package io.cdmf.ipc.serialization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.stream.Collectors;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.flatbuffers.FlatBuffersSerializer;
import io.cdmf.ipc.serialization.json.JacksonJsonSerializer;
import io.cdmf.ipc.serialization.msgpack.MessagePackSerializer;
import io.cdmf.ipc.serialization.protobuf.ProtobufSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SerializerRegistry}.
 */
class SerializerRegistryTests {

	@Test
	void shouldRegisterEveryFormatWhoseLibraryIsPresent() {
		SerializerRegistry registry = SerializerRegistry.ofDefaults();
		assertThat(registry.formats()).containsExactlyInAnyOrder(SerializationFormat.values());
		assertThat(registry.get(SerializationFormat.BINARY)).isInstanceOf(BinarySerializer.class);
		assertThat(registry.get(SerializationFormat.JSON)).isInstanceOf(JacksonJsonSerializer.class);
		assertThat(registry.get(SerializationFormat.PROTOBUF)).isInstanceOf(ProtobufSerializer.class);
		assertThat(registry.get(SerializationFormat.FLATBUFFERS)).isInstanceOf(FlatBuffersSerializer.class);
		assertThat(registry.get(SerializationFormat.MESSAGEPACK)).isInstanceOf(MessagePackSerializer.class);
	}

	@Test
	void shouldKeyEachSerializerByItsOwnFormat() {
		SerializerRegistry registry = SerializerRegistry.ofDefaults();
		for (SerializationFormat format : SerializationFormat.values()) {
			assertThat(registry.get(format).format()).isEqualTo(format);
		}
	}

	@Test
	void whenRegisteredThenReplacesTheSerializerOfItsFormat() {
		SerializerRegistry registry = SerializerRegistry.ofDefaults();
		JacksonJsonSerializer custom = new JacksonJsonSerializer(JsonMapper.builder().build());
		assertThat(registry.register(custom)).isSameAs(registry);
		assertThat(registry.get(SerializationFormat.JSON)).isSameAs(custom);
		assertThat(registry.find(SerializationFormat.JSON)).containsSame(custom);
		assertThat(registry.formats()).hasSize(SerializationFormat.values().length);
	}

	@Test
	void whenEmptyThenFindsNothing() {
		SerializerRegistry registry = SerializerRegistry.empty();
		assertThat(registry.formats()).isEmpty();
		assertThat(registry.find(SerializationFormat.BINARY)).isEmpty();
	}

	@Test
	void whenFormatNotRegisteredButLibraryPresentThenSaysHowToRegister() {
		SerializerRegistry registry = SerializerRegistry.empty().register(new BinarySerializer());
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> registry.get(SerializationFormat.PROTOBUF))
			.withMessageContaining("No serializer for format PROTOBUF")
			.withMessageContaining("SerializerRegistry.ofDefaults()")
			.withMessageContaining("SerializerRegistry.register(Serializer)")
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.SERIALIZATION_ERROR);
				assertThat(ex.getFormat()).isEqualTo(SerializationFormat.PROTOBUF);
			});
	}

	@Test
	void whenBinaryNotRegisteredThenSaysToRegisterIt() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> SerializerRegistry.empty().get(SerializationFormat.BINARY))
			.withMessageContaining("SerializerRegistry.register(Serializer)");
	}

	@Test
	void shouldReturnAnUnmodifiableSnapshotOfFormats() {
		SerializerRegistry registry = SerializerRegistry.empty();
		Set<SerializationFormat> formats = registry.formats();
		registry.register(new BinarySerializer());
		assertThat(formats).isEmpty();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> registry.formats().add(SerializationFormat.JSON));
	}

	@ParameterizedTest
	@CsvSource({ "com.google.protobuf., PROTOBUF, com.google.protobuf:protobuf-java",
			"tools.jackson., JSON, tools.jackson.core:jackson-databind",
			"com.google.flatbuffers., FLATBUFFERS, com.google.flatbuffers:flatbuffers-java",
			"org.msgpack., MESSAGEPACK, org.msgpack:jackson-dataformat-msgpack",
			"com.fasterxml.jackson.databind., MESSAGEPACK, org.msgpack:jackson-dataformat-msgpack" })
	void whenLibraryMissingThenLeavesFormatOutAndSaysWhichJarToAdd(String hiddenPackage, String format,
			String artifact) throws Exception {
		ClassLoader loader = new HidingClassLoader(getClass().getClassLoader(), hiddenPackage);
		Class<?> registryClass = loader.loadClass(SerializerRegistry.class.getName());
		Object registry = registryClass.getMethod("ofDefaults").invoke(null);
		assertThat(formatNames(registryClass, registry)).hasSize(4).doesNotContain(format).contains("BINARY");
		Class<?> formatClass = loader.loadClass(SerializationFormat.class.getName());
		Method get = registryClass.getMethod("get", formatClass);
		Object missing = formatClass.getMethod("valueOf", String.class).invoke(null, format);
		assertThatExceptionOfType(InvocationTargetException.class).isThrownBy(() -> get.invoke(registry, missing))
			.extracting(Throwable::getCause)
			.satisfies((cause) -> {
				assertThat(cause.getClass().getName()).isEqualTo(SerializationException.class.getName());
				assertThat(cause.getMessage()).contains("add " + artifact + " to the classpath");
			});
	}

	@Test
	void whenEveryOptionalLibraryMissingThenOffersBinaryOnly() throws Exception {
		ClassLoader loader = new HidingClassLoader(getClass().getClassLoader(), "com.google.", "tools.jackson.",
				"org.msgpack.", "com.fasterxml.jackson.");
		Class<?> registryClass = loader.loadClass(SerializerRegistry.class.getName());
		Object registry = registryClass.getMethod("ofDefaults").invoke(null);
		assertThat(formatNames(registryClass, registry)).containsExactly("BINARY");
	}

	private static Set<String> formatNames(Class<?> registryClass, Object registry) throws Exception {
		Set<?> formats = (Set<?>) registryClass.getMethod("formats").invoke(registry);
		return formats.stream().map(Object::toString).collect(Collectors.toSet());
	}

}
