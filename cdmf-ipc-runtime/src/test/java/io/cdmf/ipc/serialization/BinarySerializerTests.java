package io.cdmf.ipc.serialization;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BinarySerializer}.
 */
class BinarySerializerTests {

	private static final byte[] CONTENT = "binary payload".getBytes(StandardCharsets.US_ASCII);

	private final BinarySerializer serializer = new BinarySerializer();

	@Test
	void shouldDescribeItsFormatAndTypes() {
		assertThat(this.serializer.format()).isEqualTo(SerializationFormat.BINARY);
		assertThat(this.serializer.supports(byte[].class)).isTrue();
		assertThat(this.serializer.supports(ByteBuffer.class)).isTrue();
		assertThat(this.serializer.supports(ByteBuffer.allocateDirect(1).getClass())).isTrue();
		assertThat(this.serializer.supports(String.class)).isFalse();
		assertThat(this.serializer.supportsArgumentTuples()).isFalse();
	}

	@Test
	void shouldWrapByteArrayWithoutCopying() {
		ByteBuffer payload = this.serializer.serialize(CONTENT);
		assertThat(payload.array()).isSameAs(CONTENT);
		assertThat(payload.position()).isZero();
		assertThat(payload.remaining()).isEqualTo(CONTENT.length);
	}

	@Test
	void shouldPassByteBufferThroughAsDuplicate() {
		ByteBuffer value = TestPayloads.heap(CONTENT);
		ByteBuffer payload = this.serializer.serialize(value);
		assertThat(payload).isNotSameAs(value);
		assertThat(payload.array()).isSameAs(value.array());
		assertThat(payload.position()).isEqualTo(value.position());
		assertThat(payload.limit()).isEqualTo(value.limit());
		payload.get();
		assertThat(value.position()).isEqualTo(5);
	}

	@Test
	void whenNullThenSerializesAsEmptyPayload() {
		assertThat(this.serializer.serialize(null).remaining()).isZero();
	}

	@Test
	void whenUnsupportedValueThenSerializationError() {
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.serialize("text"))
			.withMessageContaining("BINARY")
			.withMessageContaining("java.lang.String");
	}

	@Test
	void shouldDeserializeByteBufferAsReadOnlyViewOfPayload() {
		ByteBuffer payload = TestPayloads.heap(CONTENT);
		ByteBuffer view = this.serializer.deserialize(payload, ByteBuffer.class);
		assertThat(view.isReadOnly()).isTrue();
		assertThat(view.position()).isZero();
		assertThat(TestPayloads.bytes(view)).isEqualTo(CONTENT);
		payload.array()[payload.position()] = 'B';
		assertThat(view.get(0)).isEqualTo((byte) 'B');
		assertThatExceptionOfType(ReadOnlyBufferException.class).isThrownBy(() -> view.put(0, (byte) 0));
	}

	@Test
	void whenPayloadCoversWholeArrayThenDeserializesToThatArray() {
		byte[] array = CONTENT.clone();
		byte[] value = this.serializer.deserialize(ByteBuffer.wrap(array), byte[].class);
		assertThat(value).isSameAs(array);
	}

	@Test
	void whenPayloadIsPartOfArrayThenDeserializesToCopy() {
		ByteBuffer payload = TestPayloads.heap(CONTENT);
		byte[] value = this.serializer.deserialize(payload, byte[].class);
		assertThat(value).isEqualTo(CONTENT).isNotSameAs(payload.array());
	}

	@Test
	void shouldDeserializeByteArrayFromDirectAndReadOnlyBuffers() {
		for (ByteBuffer payload : List.of(TestPayloads.direct(CONTENT), TestPayloads.readOnly(CONTENT),
				ByteBuffer.wrap(CONTENT.clone()).asReadOnlyBuffer())) {
			byte[] value = this.serializer.deserialize(payload, byte[].class);
			assertThat(value).isEqualTo(CONTENT);
		}
	}

	@Test
	void shouldNotMoveCallersPosition() {
		ByteBuffer payload = TestPayloads.direct(CONTENT);
		this.serializer.deserialize(payload, byte[].class);
		this.serializer.deserialize(payload, ByteBuffer.class);
		assertThat(payload.position()).isEqualTo(5);
		assertThat(payload.limit()).isEqualTo(5 + CONTENT.length);
	}

	@Test
	void whenEmptyPayloadThenDeserializesToEmptyValues() {
		byte[] bytes = this.serializer.deserialize(ByteBuffer.allocate(0), byte[].class);
		ByteBuffer buffer = this.serializer.deserialize(ByteBuffer.allocate(0), ByteBuffer.class);
		assertThat(bytes).isEmpty();
		assertThat(buffer.remaining()).isZero();
	}

	@Test
	void whenWrongTargetTypeThenSerializationError() {
		Type listOfBytes = new TypeCapture<List<Byte>>() {
		}.getType();
		for (Type type : List.of(String.class, Object.class, listOfBytes)) {
			assertThatExceptionOfType(SerializationException.class)
				.isThrownBy(() -> this.serializer.deserialize(ByteBuffer.wrap(CONTENT), type))
				.withMessageContaining("BINARY")
				.withMessageContaining(type.getTypeName());
		}
	}

	@Test
	void whenArgumentTuplesThenSerializationError() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.serializeArguments(new Object[] { CONTENT, CONTENT },
					new Type[] { byte[].class, byte[].class }))
			.withMessageContaining("BINARY carries one value");
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(
					() -> this.serializer.deserializeArguments(ByteBuffer.wrap(CONTENT), new Type[] { byte[].class }))
			.withMessageContaining("BINARY carries one value");
	}

	@Test
	void whenFuzzedPayloadsThenEveryPayloadIsReturned() {
		int errors = FuzzPayloads.assertOnlySerializationErrors(FuzzPayloads.generate(List.of(CONTENT)),
				(payload) -> assertThat(this.serializer.<byte[]>deserialize(payload, byte[].class))
					.isEqualTo(TestPayloads.bytes(payload)));
		assertThat(errors).isZero();
	}

}
