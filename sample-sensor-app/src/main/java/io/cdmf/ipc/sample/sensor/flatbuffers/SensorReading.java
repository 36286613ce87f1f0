package io.cdmf.ipc.sample.sensor.flatbuffers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.flatbuffers.BaseVector;
import com.google.flatbuffers.Constants;
import com.google.flatbuffers.FlatBufferBuilder;
import com.google.flatbuffers.Table;
import org.jspecify.annotations.Nullable;

/**
 * One sensor reading: the {@code SensorReading} table of {@code src/main/flatbuffers/sensor.fbs}, with its accessors
 * and builder helpers as {@code flatc --java} 25.2.10 generates them (committed, so the build needs no flatc).
 * <p>
 * Accessors read the buffer in place: a reading is only as valid as the buffer under it. Absent scalar fields read as
 * their default (0), absent strings as {@code null}. Field ids, in schema order: 0 {@code sensor_id}, 1
 * {@code timestamp_nanos}, 2 {@code value}, 3 {@code sequence}, 4 {@code unit}.
 *
 * @since 0.1.0
 */
@SuppressWarnings("unused")
public final class SensorReading extends Table {

	/**
	 * Fails to link unless the FlatBuffers runtime is the version this code was written for.
	 */
	public static void ValidateVersion() {
		Constants.FLATBUFFERS_25_2_10();
	}

	/**
	 * Reads the root table of a buffer, in place; sets the buffer's byte order to little-endian.
	 * @param _bb the buffer, from its position
	 * @return the reading
	 */
	public static SensorReading getRootAsSensorReading(ByteBuffer _bb) {
		return getRootAsSensorReading(_bb, new SensorReading());
	}

	/**
	 * Reads the root table of a buffer into an existing object, in place.
	 * @param _bb the buffer, from its position
	 * @param obj the object to reuse
	 * @return {@code obj}
	 */
	public static SensorReading getRootAsSensorReading(ByteBuffer _bb, SensorReading obj) {
		_bb.order(ByteOrder.LITTLE_ENDIAN);
		return obj.__assign(_bb.getInt(_bb.position()) + _bb.position(), _bb);
	}

	/**
	 * Points this object at a table.
	 * @param _i the table's position in the buffer
	 * @param _bb the buffer
	 */
	public void __init(int _i, ByteBuffer _bb) {
		__reset(_i, _bb);
	}

	/**
	 * Points this object at a table.
	 * @param _i the table's position in the buffer
	 * @param _bb the buffer
	 * @return this object
	 */
	public SensorReading __assign(int _i, ByteBuffer _bb) {
		__init(_i, _bb);
		return this;
	}

	/**
	 * Returns the sensor's id, decoded to a new string.
	 * @return the id, or {@code null} if absent
	 */
	public @Nullable String sensorId() {
		int o = __offset(4);
		return (o != 0) ? __string(o + this.bb_pos) : null;
	}

	/**
	 * Returns the sensor id's UTF-8 bytes as a view of the buffer, without decoding.
	 * @return the view, or {@code null} if absent
	 */
	public @Nullable ByteBuffer sensorIdAsByteBuffer() {
		return __vector_as_bytebuffer(4, 1);
	}

	/**
	 * Points a buffer at the sensor id's UTF-8 bytes.
	 * @param _bb the buffer to set up
	 * @return {@code _bb}, or {@code null} if absent
	 */
	public @Nullable ByteBuffer sensorIdInByteBuffer(ByteBuffer _bb) {
		return __vector_in_bytebuffer(_bb, 4, 1);
	}

	/**
	 * Returns when the producer took the reading, on the wall clock.
	 * @return nanoseconds since the Unix epoch, 0 if absent
	 */
	public long timestampNanos() {
		int o = __offset(6);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns the measured value.
	 * @return the value in {@link #unit()}, 0.0 if absent
	 */
	public double value() {
		int o = __offset(8);
		return (o != 0) ? this.bb.getDouble(o + this.bb_pos) : 0.0;
	}

	/**
	 * Returns the reading's sequence number in its producer run (a {@code ulong}: compare unsigned).
	 * @return the sequence number, 0 if absent
	 */
	public long sequence() {
		int o = __offset(10);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns the unit of the value, decoded to a new string.
	 * @return the unit, or {@code null} if absent
	 */
	public @Nullable String unit() {
		int o = __offset(12);
		return (o != 0) ? __string(o + this.bb_pos) : null;
	}

	/**
	 * Returns the unit's UTF-8 bytes as a view of the buffer, without decoding.
	 * @return the view, or {@code null} if absent
	 */
	public @Nullable ByteBuffer unitAsByteBuffer() {
		return __vector_as_bytebuffer(12, 1);
	}

	/**
	 * Points a buffer at the unit's UTF-8 bytes.
	 * @param _bb the buffer to set up
	 * @return {@code _bb}, or {@code null} if absent
	 */
	public @Nullable ByteBuffer unitInByteBuffer(ByteBuffer _bb) {
		return __vector_in_bytebuffer(_bb, 12, 1);
	}

	/**
	 * Builds a reading in one call (fields added largest first, as flatc orders them).
	 * @param builder the builder
	 * @param sensorIdOffset the offset of the sensor id string, 0 for none
	 * @param timestampNanos nanoseconds since the Unix epoch
	 * @param value the value
	 * @param sequence the sequence number
	 * @param unitOffset the offset of the unit string, 0 for none
	 * @return the offset of the table
	 */
	public static int createSensorReading(FlatBufferBuilder builder, int sensorIdOffset, long timestampNanos,
			double value, long sequence, int unitOffset) {
		builder.startTable(5);
		SensorReading.addSequence(builder, sequence);
		SensorReading.addValue(builder, value);
		SensorReading.addTimestampNanos(builder, timestampNanos);
		SensorReading.addUnit(builder, unitOffset);
		SensorReading.addSensorId(builder, sensorIdOffset);
		return SensorReading.endSensorReading(builder);
	}

	/**
	 * Starts a reading; add fields, then {@link #endSensorReading}.
	 * @param builder the builder
	 */
	public static void startSensorReading(FlatBufferBuilder builder) {
		builder.startTable(5);
	}

	/**
	 * Adds the sensor id.
	 * @param builder the builder
	 * @param sensorIdOffset the offset of the string
	 */
	public static void addSensorId(FlatBufferBuilder builder, int sensorIdOffset) {
		builder.addOffset(0, sensorIdOffset, 0);
	}

	/**
	 * Adds the timestamp; 0 (the default) is not written.
	 * @param builder the builder
	 * @param timestampNanos nanoseconds since the Unix epoch
	 */
	public static void addTimestampNanos(FlatBufferBuilder builder, long timestampNanos) {
		builder.addLong(1, timestampNanos, 0L);
	}

	/**
	 * Adds the value; 0.0 (the default) is not written.
	 * @param builder the builder
	 * @param value the value
	 */
	public static void addValue(FlatBufferBuilder builder, double value) {
		builder.addDouble(2, value, 0.0);
	}

	/**
	 * Adds the sequence number; 0 (the default) is not written.
	 * @param builder the builder
	 * @param sequence the sequence number
	 */
	public static void addSequence(FlatBufferBuilder builder, long sequence) {
		builder.addLong(3, sequence, 0L);
	}

	/**
	 * Adds the unit.
	 * @param builder the builder
	 * @param unitOffset the offset of the string
	 */
	public static void addUnit(FlatBufferBuilder builder, int unitOffset) {
		builder.addOffset(4, unitOffset, 0);
	}

	/**
	 * Ends a reading.
	 * @param builder the builder
	 * @return the offset of the table
	 */
	public static int endSensorReading(FlatBufferBuilder builder) {
		int o = builder.endTable();
		return o;
	}

	/**
	 * Finishes a buffer with a reading as its root.
	 * @param builder the builder
	 * @param offset the offset of the root table
	 */
	public static void finishSensorReadingBuffer(FlatBufferBuilder builder, int offset) {
		builder.finish(offset);
	}

	/**
	 * Finishes a size-prefixed buffer with a reading as its root.
	 * @param builder the builder
	 * @param offset the offset of the root table
	 */
	public static void finishSizePrefixedSensorReadingBuffer(FlatBufferBuilder builder, int offset) {
		builder.finishSizePrefixed(offset);
	}

	/**
	 * A vector of readings inside another table.
	 */
	public static final class Vector extends BaseVector {

		/**
		 * Points this object at a vector.
		 * @param _vector the vector's position
		 * @param _element_size the size of an element
		 * @param _bb the buffer
		 * @return this object
		 */
		public Vector __assign(int _vector, int _element_size, ByteBuffer _bb) {
			__reset(_vector, _element_size, _bb);
			return this;
		}

		/**
		 * Returns an element.
		 * @param j the index
		 * @return a new reading object for it
		 */
		public SensorReading get(int j) {
			return get(new SensorReading(), j);
		}

		/**
		 * Returns an element in an existing object.
		 * @param obj the object to reuse
		 * @param j the index
		 * @return {@code obj}
		 */
		public SensorReading get(SensorReading obj, int j) {
			return obj.__assign(SensorReading.__indirect(__element(j), this.bb), this.bb);
		}

	}

}
