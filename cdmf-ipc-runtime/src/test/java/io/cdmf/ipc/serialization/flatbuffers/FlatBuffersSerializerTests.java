package io.cdmf.ipc.serialization.flatbuffers;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.google.flatbuffers.FlatBufferBuilder;
import com.google.flatbuffers.Table;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.FuzzPayloads;
import io.cdmf.ipc.serialization.TestPayloads;
import io.cdmf.ipc.serialization.TypeCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FlatBuffersSerializer}.
 */
class FlatBuffersSerializerTests {

	private final FlatBuffersSerializer serializer = new FlatBuffersSerializer();

	@Test
	void shouldDescribeItsFormat() {
		assertThat(this.serializer.format()).isEqualTo(SerializationFormat.FLATBUFFERS);
		assertThat(this.serializer.supports(TestReading.class)).isTrue();
		assertThat(this.serializer.supports(FlatBufferBuilder.class)).isTrue();
		assertThat(this.serializer.supports(ByteBuffer.class)).isTrue();
		assertThat(this.serializer.supports(String.class)).isFalse();
		assertThat(this.serializer.supportsArgumentTuples()).isFalse();
	}

	@Test
	void shouldSerializeFinishedBuilderWithoutCopying() {
		FlatBufferBuilder builder = reading(42L, 21.5, "sensor-1", true);
		ByteBuffer payload = this.serializer.serialize(builder);
		assertThat(payload.array()).isSameAs(builder.dataBuffer().array());
		assertThat(payload.position()).isEqualTo(builder.dataBuffer().position());
		assertThat(payload.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
	}

	@Test
	void shouldSerializeByteBufferWithoutCopying() {
		ByteBuffer buffer = reading(1L, 1.0, "a", false).dataBuffer();
		ByteBuffer payload = this.serializer.serialize(buffer);
		assertThat(payload).isNotSameAs(buffer);
		assertThat(payload.array()).isSameAs(buffer.array());
		assertThat(payload.position()).isEqualTo(buffer.position());
	}

	@Test
	void shouldRoundTripTableFromHeapDirectAndReadOnlyPayloads() {
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(reading(42L, 21.5, "sensor-1", true)));
		for (ByteBuffer payload : List.of(TestPayloads.heap(bytes), TestPayloads.direct(bytes),
				TestPayloads.readOnly(bytes))) {
			TestReading read = this.serializer.deserialize(payload, TestReading.class);
			assertThat(read.id()).isEqualTo(42L);
			assertThat(read.value()).isEqualTo(21.5);
			assertThat(read.name()).isEqualTo("sensor-1");
			assertThat(read.previous()).isNotNull().extracting(TestReading::name).isEqualTo("previous");
		}
	}

	@Test
	void shouldReadReceivedBytesInPlace() {
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(reading(7L, 1.0, "sensor-1", false)));
		int name = indexOf(bytes, "sensor-1");
		for (ByteBuffer payload : List.of(TestPayloads.heap(bytes), TestPayloads.direct(bytes))) {
			TestReading read = this.serializer.deserialize(payload, TestReading.class);
			assertThat(read.name()).isEqualTo("sensor-1");
			payload.put(payload.position() + name, (byte) 'S');
			assertThat(read.name()).isEqualTo("Sensor-1");
			assertThat(read.getByteBuffer().isReadOnly()).isTrue();
			assertThatExceptionOfType(ReadOnlyBufferException.class)
				.isThrownBy(() -> read.getByteBuffer().put(0, (byte) 0));
		}
	}

	@Test
	void shouldSerializeRootTableAsTheBufferItReads() {
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(reading(7L, 1.0, "sensor-1", true)));
		ByteBuffer received = TestPayloads.heap(bytes);
		TestReading read = this.serializer.deserialize(received, TestReading.class);
		ByteBuffer payload = this.serializer.serialize(read);
		assertThat(TestPayloads.bytes(payload)).isEqualTo(bytes);
		received.put(received.position() + indexOf(bytes, "sensor-1"), (byte) 'S');
		assertThat(new String(TestPayloads.bytes(payload), StandardCharsets.ISO_8859_1)).contains("Sensor-1");
	}

	@Test
	void whenNestedTableThenSerializationError() {
		TestReading root = TestReading.getRootAsTestReading(reading(1L, 1.0, "a", true).dataBuffer());
		TestReading nested = root.previous();
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.serialize(nested))
			.withMessageContaining("not the root of its buffer");
	}

	@Test
	void whenBuilderNotFinishedThenSerializationError() {
		FlatBufferBuilder builder = new FlatBufferBuilder();
		TestReading.createTestReading(builder, 1L, 1.0, 0, 0);
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.serialize(builder))
			.withMessageContaining("Cannot serialize com.google.flatbuffers.FlatBufferBuilder as FLATBUFFERS")
			.withMessageContaining("finish()");
	}

	@Test
	void whenTableNotBoundToBufferThenSerializationError() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.serialize(new TestReading()))
			.withMessageContaining("not bound to a buffer");
	}

	@Test
	void whenNullOrUnsupportedValueThenSerializationError() {
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.serialize(null))
			.withMessageContaining("FLATBUFFERS cannot serialize null");
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.serialize("text"))
			.withMessageContaining("FLATBUFFERS does not handle java.lang.String");
	}

	@Test
	void shouldDeserializeByteBufferAsReadOnlyLittleEndianViewOfPayload() {
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(reading(7L, 1.0, "x", false)));
		ByteBuffer payload = TestPayloads.heap(bytes);
		ByteBuffer view = this.serializer.deserialize(payload, ByteBuffer.class);
		assertThat(view.isReadOnly()).isTrue();
		assertThat(view.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
		assertThat(view.position()).isZero();
		assertThat(TestPayloads.bytes(view)).isEqualTo(bytes);
		payload.put(payload.position(), (byte) (bytes[0] + 1));
		assertThat(view.get(0)).isEqualTo((byte) (bytes[0] + 1));
	}

	@Test
	void shouldNotMoveCallersPositionOrChangeItsByteOrder() {
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(reading(7L, 1.0, "x", false)));
		for (ByteBuffer payload : List.of(TestPayloads.heap(bytes), TestPayloads.direct(bytes))) {
			this.serializer.deserialize(payload, TestReading.class);
			this.serializer.deserialize(payload, ByteBuffer.class);
			assertThat(payload.position()).isEqualTo(5);
			assertThat(payload.limit()).isEqualTo(5 + bytes.length);
			assertThat(payload.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
		}
	}

	@Test
	void whenEmptyOrShorterThanRootOffsetThenSerializationError() {
		for (int length = 0; length < 4; length++) {
			assertDeserializationError(ByteBuffer.allocate(length), TestReading.class, "fewer than the 4");
		}
	}

	@Test
	void whenGarbageThenSerializationError() {
		assertDeserializationError(ByteBuffer.wrap(new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0, 0 }),
				TestReading.class, "root table offset");
		assertDeserializationError(ByteBuffer.wrap(new byte[] { 4, 0, 0, 0, 0x10, 0, 0, 0 }), TestReading.class,
				"root vtable offset");
		assertDeserializationError(ByteBuffer.wrap(new byte[] { 8, 0, 0, 0, 3, 0, 4, 0, 4, 0, 0, 0 }),
				ByteBuffer.class, "root vtable size");
	}

	@Test
	void whenTruncatedIntoRootTableThenSerializationError() {
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(reading(7L, 1.0, "sensor-1", true)));
		int rootTable = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
		for (int length : new int[] { 3, 4, rootTable, rootTable + 3 }) {
			assertDeserializationError(ByteBuffer.wrap(Arrays.copyOf(bytes, length)), TestReading.class, "");
		}
	}

	@Test
	void whenTruncatedAfterRootTableThenAccessorFailsInsideThePayload() {
		// Only the root table is checked up front; what its fields point to is read lazily, within the payload.
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(reading(7L, 1.0, "sensor-1", false)));
		ByteBuffer truncated = TestPayloads.heap(Arrays.copyOf(bytes, indexOf(bytes, "sensor-1")));
		TestReading read = this.serializer.deserialize(truncated, TestReading.class);
		assertThat(read.id()).isEqualTo(7L);
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(read::name);
	}

	@Test
	void whenTargetTypeIsNotAGeneratedTableThenSerializationError() {
		ByteBuffer payload = this.serializer.serialize(reading(7L, 1.0, "x", false));
		Type listOfReadings = new TypeCapture<List<TestReading>>() {
		}.getType();
		for (Type type : List.of(String.class, Table.class, NoRootAccessor.class, byte[].class, listOfReadings)) {
			assertThatExceptionOfType(SerializationException.class)
				.isThrownBy(() -> this.serializer.deserialize(payload, type))
				.withMessageContaining("FLATBUFFERS does not handle " + type.getTypeName());
		}
	}

	@Test
	void whenFuzzedPayloadsThenOnlySerializationErrors() {
		List<byte[]> valid = List.of(TestPayloads.bytes(this.serializer.serialize(reading(1L, 2.0, "abc", true))),
				TestPayloads.bytes(this.serializer.serialize(reading(-1L, 0.0, "", false))));
		List<byte[]> payloads = FuzzPayloads.generate(valid);
		assertThat(FuzzPayloads.assertOnlySerializationErrors(payloads,
				(payload) -> this.serializer.deserialize(payload, TestReading.class)))
			.isPositive();
		assertThat(FuzzPayloads.assertOnlySerializationErrors(payloads,
				(payload) -> this.serializer.deserialize(payload, ByteBuffer.class)))
			.isPositive();
	}

	private void assertDeserializationError(ByteBuffer payload, Type type, String reason) {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(payload, type))
			.withMessageStartingWith("Cannot deserialize FLATBUFFERS payload as " + type.getTypeName())
			.withMessageContaining(reason);
	}

	private static FlatBufferBuilder reading(long id, double value, String name, boolean withPrevious) {
		FlatBufferBuilder builder = new FlatBufferBuilder(64);
		int previous = 0;
		if (withPrevious) {
			previous = TestReading.createTestReading(builder, id - 1, value, builder.createString("previous"), 0);
		}
		int root = TestReading.createTestReading(builder, id, value, builder.createString(name), previous);
		TestReading.finishTestReadingBuffer(builder, root);
		return builder;
	}

	private static int indexOf(byte[] bytes, String text) {
		byte[] target = text.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i + target.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
				return i;
			}
		}
		throw new IllegalArgumentException("'" + text + "' not in buffer");
	}

	/**
	 * A table class without the generated {@code getRootAs} method.
	 */
	public static final class NoRootAccessor extends Table {

	}

}
