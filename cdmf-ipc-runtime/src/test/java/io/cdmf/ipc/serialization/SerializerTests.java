package io.cdmf.ipc.serialization;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;

import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the default methods of {@link Serializer}.
 */
class SerializerTests {

	private final Serializer serializer = new SingleValueSerializer();

	@Test
	void shouldNotSupportArgumentTuplesByDefault() {
		assertThat(this.serializer.supportsArgumentTuples()).isFalse();
	}

	@Test
	void whenArgumentTuplesNotSupportedThenSerializationErrorNamesTheFormat() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.serializeArguments(new Object[] { "a" }, new Type[] { String.class }))
			.withMessage("PROTOBUF carries one value per payload, not an argument tuple; use a method with one"
					+ " parameter, or JSON or MESSAGEPACK")
			.satisfies((ex) -> assertThat(ex.getFormat()).isEqualTo(SerializationFormat.PROTOBUF));
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.deserializeArguments(ByteBuffer.allocate(0), new Type[0]))
			.withMessageContaining("PROTOBUF carries one value per payload");
	}

	private static final class SingleValueSerializer implements Serializer {

		@Override
		public SerializationFormat format() {
			return SerializationFormat.PROTOBUF;
		}

		@Override
		public boolean supports(Class<?> type) {
			return false;
		}

		@Override
		public ByteBuffer serialize(@Nullable Object value) {
			return ByteBuffer.allocate(0);
		}

		@Override
		public <T> @Nullable T deserialize(ByteBuffer payload, Type type) {
			return null;
		}

	}

}
