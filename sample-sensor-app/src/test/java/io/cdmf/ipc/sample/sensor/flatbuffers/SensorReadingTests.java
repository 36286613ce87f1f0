package io.cdmf.ipc.sample.sensor.flatbuffers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.google.flatbuffers.ByteBufferUtil;
import com.google.flatbuffers.FlatBufferBuilder;
import io.cdmf.ipc.serialization.flatbuffers.FlatBuffersSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@link SensorReading} accessors read what their builder helpers write, read the schema's field ids
 * (checked against raw slots), and read absent fields as the schema's defaults.
 */
class SensorReadingTests {

	private final FlatBufferBuilder builder = new FlatBufferBuilder(64);

	@Test
	void shouldReadWhatCreateSensorReadingWrote() {
		SensorReading reading = read(SensorReading.createSensorReading(this.builder, string("temperature-1"),
				1_732_000_000_123_456_789L, 21.5, 42, string("celsius")));
		assertThat(reading.sensorId()).isEqualTo("temperature-1");
		assertThat(reading.timestampNanos()).isEqualTo(1_732_000_000_123_456_789L);
		assertThat(reading.value()).isEqualTo(21.5);
		assertThat(reading.sequence()).isEqualTo(42);
		assertThat(reading.unit()).isEqualTo("celsius");
	}

	@Test
	void shouldReadWhatStartAddEndWroteInAnyOrder() {
		int unit = string("bar");
		int id = string("pressure-7");
		SensorReading.startSensorReading(this.builder);
		SensorReading.addUnit(this.builder, unit);
		SensorReading.addValue(this.builder, -3.25);
		SensorReading.addSensorId(this.builder, id);
		SensorReading.addSequence(this.builder, 7);
		SensorReading.addTimestampNanos(this.builder, 99);
		SensorReading reading = read(SensorReading.endSensorReading(this.builder));
		assertThat(reading.sensorId()).isEqualTo("pressure-7");
		assertThat(reading.unit()).isEqualTo("bar");
		assertThat(reading.value()).isEqualTo(-3.25);
		assertThat(reading.sequence()).isEqualTo(7);
		assertThat(reading.timestampNanos()).isEqualTo(99);
	}

	@Test
	void whenFieldsAreAbsentThenAccessorsReturnSchemaDefaults() {
		SensorReading.startSensorReading(this.builder);
		SensorReading reading = read(SensorReading.endSensorReading(this.builder));
		assertThat(reading.sensorId()).isNull();
		assertThat(reading.sensorIdAsByteBuffer()).isNull();
		assertThat(reading.unit()).isNull();
		assertThat(reading.unitAsByteBuffer()).isNull();
		assertThat(reading.timestampNanos()).isZero();
		assertThat(reading.value()).isZero();
		assertThat(reading.sequence()).isZero();
	}

	@Test
	void defaultScalarsAreNotWrittenAtAll() {
		FlatBufferBuilder defaults = new FlatBufferBuilder(64);
		defaults.finish(SensorReading.createSensorReading(defaults, 0, 0L, 0.0, 0L, 0));
		FlatBufferBuilder values = new FlatBufferBuilder(64);
		values.finish(SensorReading.createSensorReading(values, 0, 1L, 1.0, 1L, 0));
		// Three 8-byte fields plus their vtable slots are the whole difference.
		assertThat(values.sizedByteArray().length - defaults.sizedByteArray().length).isGreaterThanOrEqualTo(24);
		assertThat(SensorReading.getRootAsSensorReading(ByteBuffer.wrap(defaults.sizedByteArray())).sequence())
			.isZero();
	}

	@Test
	void accessorsReadTheSchemaFieldIds() {
		// Written through the raw builder by field id (sensor.fbs: 0 sensor_id, 1 timestamp_nanos, 2 value,
		// 3 sequence, 4 unit), as any other FlatBuffers implementation would write them.
		int id = string("raw");
		int unit = string("V");
		this.builder.startTable(5);
		this.builder.addOffset(0, id, 0);
		this.builder.addLong(1, 11L, 0L);
		this.builder.addDouble(2, 2.5, 0.0);
		this.builder.addLong(3, 33L, 0L);
		this.builder.addOffset(4, unit, 0);
		SensorReading reading = read(this.builder.endTable());
		assertThat(reading.sensorId()).isEqualTo("raw");
		assertThat(reading.timestampNanos()).isEqualTo(11);
		assertThat(reading.value()).isEqualTo(2.5);
		assertThat(reading.sequence()).isEqualTo(33);
		assertThat(reading.unit()).isEqualTo("V");
	}

	@Test
	void sequenceIsAnUnsignedLong() {
		SensorReading reading = read(SensorReading.createSensorReading(this.builder, 0, 0L, 0.0, -1L, 0));
		assertThat(Long.toUnsignedString(reading.sequence())).isEqualTo("18446744073709551615");
	}

	@Test
	void stringBytesAreViewsOfTheBufferNotCopies() {
		SensorReading reading = read(SensorReading.createSensorReading(this.builder, string("température"), 0L, 0.0,
				0L, 0));
		ByteBuffer bytes = reading.sensorIdAsByteBuffer();
		assertThat(bytes).isNotNull();
		byte[] utf8 = new byte[bytes.remaining()];
		bytes.duplicate().get(utf8);
		assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo("température");
		bytes.put(bytes.position(), (byte) 'T');
		assertThat(reading.sensorId()).isEqualTo("Température");
		ByteBuffer into = reading.sensorIdInByteBuffer(reading.getByteBuffer().duplicate());
		assertThat(into).isNotNull();
		assertThat(into.remaining()).isEqualTo(utf8.length);
		assertThat(into.get(into.position())).isEqualTo((byte) 'T');
	}

	@Test
	void shouldReuseAReadingObjectAndReadSizePrefixedBuffers() {
		int root = SensorReading.createSensorReading(this.builder, string("s"), 5L, 1.5, 9L, 0);
		SensorReading.finishSizePrefixedSensorReadingBuffer(this.builder, root);
		ByteBuffer prefixed = this.builder.dataBuffer();
		assertThat(ByteBufferUtil.getSizePrefix(prefixed)).isEqualTo(prefixed.remaining() - 4);
		SensorReading reused = new SensorReading();
		assertThat(SensorReading.getRootAsSensorReading(ByteBufferUtil.removeSizePrefix(prefixed), reused))
			.isSameAs(reused);
		assertThat(reused.sequence()).isEqualTo(9);
		assertThat(reused.value()).isEqualTo(1.5);
	}

	@Test
	void serializerReadsAReadingInPlace() {
		SensorReading sent = read(SensorReading.createSensorReading(this.builder, string("t"), 1L, 2.0, 3L, 0));
		FlatBuffersSerializer serializer = new FlatBuffersSerializer();
		ByteBuffer payload = serializer.serialize(sent);
		ByteBuffer direct = ByteBuffer.allocateDirect(payload.remaining()).put(payload.duplicate()).flip();
		SensorReading received = serializer.deserialize(direct, SensorReading.class);
		assertThat(received.getByteBuffer().isDirect()).as("a view of the received bytes").isTrue();
		assertThat(received.getByteBuffer().isReadOnly()).isTrue();
		assertThat(received.sequence()).isEqualTo(3);
		direct.order(ByteOrder.LITTLE_ENDIAN);
		int valuePosition = findDouble(direct, 2.0);
		direct.putDouble(valuePosition, 4.0);
		assertThat(received.value()).as("reads the payload's current bytes").isEqualTo(4.0);
	}

	@Test
	void statusReadsWhatCreateSensorStatusWroteAndDefaultsToZero() {
		FlatBufferBuilder statusBuilder = new FlatBufferBuilder(128);
		statusBuilder.finish(SensorStatus.createSensorStatus(statusBuilder, 1, 2, 3, 4, 5, 6.5, 7, 8, 9));
		SensorStatus status = SensorStatus.getRootAsSensorStatus(statusBuilder.dataBuffer());
		assertThat(new long[] { status.received(), status.missing(), status.outOfOrder(), status.inPlace(),
				status.lastSequence(), status.latencyP50Nanos(), status.latencyP99Nanos(), status.latencyMaxNanos() })
			.containsExactly(1, 2, 3, 4, 5, 7, 8, 9);
		assertThat(status.messagesPerSecond()).isEqualTo(6.5);
		FlatBufferBuilder empty = new FlatBufferBuilder(32);
		SensorStatus.startSensorStatus(empty);
		SensorStatus.addMissing(empty, 12);
		empty.finish(SensorStatus.endSensorStatus(empty));
		SensorStatus partial = SensorStatus.getRootAsSensorStatus(empty.dataBuffer());
		assertThat(partial.missing()).isEqualTo(12);
		assertThat(partial.received()).isZero();
		assertThat(partial.messagesPerSecond()).isZero();
		assertThat(partial.latencyMaxNanos()).isZero();
	}

	private int string(String text) {
		return this.builder.createString(text);
	}

	private SensorReading read(int root) {
		SensorReading.finishSensorReadingBuffer(this.builder, root);
		return SensorReading.getRootAsSensorReading(ByteBuffer.wrap(this.builder.sizedByteArray()));
	}

	private static int findDouble(ByteBuffer buffer, double value) {
		for (int i = 0; i + 8 <= buffer.limit(); i++) {
			if (buffer.getDouble(i) == value) {
				return i;
			}
		}
		throw new AssertionError(value + " not found in the buffer");
	}

}
