package io.cdmf.ipc.sample.sensor.flatbuffers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.flatbuffers.BaseVector;
import com.google.flatbuffers.Constants;
import com.google.flatbuffers.FlatBufferBuilder;
import com.google.flatbuffers.Table;

/**
 * What a sensor consumer has received: the {@code SensorStatus} table of {@code src/main/flatbuffers/sensor.fbs},
 * with its accessors and builder helpers as {@code flatc --java} 25.2.10 generates them (committed, so the build needs
 * no flatc). Every field is an 8-byte scalar; an absent one reads as 0. Not the schema's root type, so there is no
 * {@code finishSensorStatusBuffer}: finish with {@link FlatBufferBuilder#finish(int)}.
 *
 * @since 0.1.0
 */
@SuppressWarnings("unused")
public final class SensorStatus extends Table {

	/**
	 * Fails to link unless the FlatBuffers runtime is the version this code was written for.
	 */
	public static void ValidateVersion() {
		Constants.FLATBUFFERS_25_2_10();
	}

	/**
	 * Reads the root table of a buffer, in place; sets the buffer's byte order to little-endian.
	 * @param _bb the buffer, from its position
	 * @return the status
	 */
	public static SensorStatus getRootAsSensorStatus(ByteBuffer _bb) {
		return getRootAsSensorStatus(_bb, new SensorStatus());
	}

	/**
	 * Reads the root table of a buffer into an existing object, in place.
	 * @param _bb the buffer, from its position
	 * @param obj the object to reuse
	 * @return {@code obj}
	 */
	public static SensorStatus getRootAsSensorStatus(ByteBuffer _bb, SensorStatus obj) {
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
	public SensorStatus __assign(int _i, ByteBuffer _bb) {
		__init(_i, _bb);
		return this;
	}

	/**
	 * Returns how many readings were handled.
	 * @return the value, 0 if absent
	 */
	public long received() {
		int o = __offset(4);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns how many sequence numbers were skipped over: lost readings.
	 * @return the value, 0 if absent
	 */
	public long missing() {
		int o = __offset(6);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns how many readings were older than one already seen.
	 * @return the value, 0 if absent
	 */
	public long outOfOrder() {
		int o = __offset(8);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns how many readings were read straight out of shared memory (zero copy).
	 * @return the value, 0 if absent
	 */
	public long inPlace() {
		int o = __offset(10);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns the sequence number of the newest reading.
	 * @return the value, 0 if absent
	 */
	public long lastSequence() {
		int o = __offset(12);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns the rate over the last reported second, in readings per second.
	 * @return the value, 0.0 if absent
	 */
	public double messagesPerSecond() {
		int o = __offset(14);
		return (o != 0) ? this.bb.getDouble(o + this.bb_pos) : 0.0;
	}

	/**
	 * Returns the median end-to-end latency since start, in nanoseconds, as of the last report.
	 * @return the value, 0 if absent
	 */
	public long latencyP50Nanos() {
		int o = __offset(16);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns the 99th percentile end-to-end latency since start, in nanoseconds, as of the last report.
	 * @return the value, 0 if absent
	 */
	public long latencyP99Nanos() {
		int o = __offset(18);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns the highest end-to-end latency since start, in nanoseconds, as of the last report.
	 * @return the value, 0 if absent
	 */
	public long latencyMaxNanos() {
		int o = __offset(20);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Builds a status in one call (fields added in reverse order, as flatc orders fields of one size).
	 * @param builder the builder
	 * @param received how many readings were handled
	 * @param missing how many readings were lost
	 * @param outOfOrder how many readings came out of order
	 * @param inPlace how many readings were read in place
	 * @param lastSequence the sequence number of the newest reading
	 * @param messagesPerSecond readings per second
	 * @param latencyP50Nanos the median latency in nanoseconds
	 * @param latencyP99Nanos the 99th percentile latency in nanoseconds
	 * @param latencyMaxNanos the highest latency in nanoseconds
	 * @return the offset of the table
	 */
	public static int createSensorStatus(FlatBufferBuilder builder, long received, long missing, long outOfOrder,
			long inPlace, long lastSequence, double messagesPerSecond,
			long latencyP50Nanos, long latencyP99Nanos, long latencyMaxNanos) {
		builder.startTable(9);
		SensorStatus.addLatencyMaxNanos(builder, latencyMaxNanos);
		SensorStatus.addLatencyP99Nanos(builder, latencyP99Nanos);
		SensorStatus.addLatencyP50Nanos(builder, latencyP50Nanos);
		SensorStatus.addMessagesPerSecond(builder, messagesPerSecond);
		SensorStatus.addLastSequence(builder, lastSequence);
		SensorStatus.addInPlace(builder, inPlace);
		SensorStatus.addOutOfOrder(builder, outOfOrder);
		SensorStatus.addMissing(builder, missing);
		SensorStatus.addReceived(builder, received);
		return SensorStatus.endSensorStatus(builder);
	}

	/**
	 * Starts a status; add fields, then {@link #endSensorStatus}.
	 * @param builder the builder
	 */
	public static void startSensorStatus(FlatBufferBuilder builder) {
		builder.startTable(9);
	}

	/**
	 * Adds received; 0 (the default) is not written.
	 * @param builder the builder
	 * @param received how many readings were handled
	 */
	public static void addReceived(FlatBufferBuilder builder, long received) {
		builder.addLong(0, received, 0L);
	}

	/**
	 * Adds missing; 0 (the default) is not written.
	 * @param builder the builder
	 * @param missing how many readings were lost
	 */
	public static void addMissing(FlatBufferBuilder builder, long missing) {
		builder.addLong(1, missing, 0L);
	}

	/**
	 * Adds out_of_order; 0 (the default) is not written.
	 * @param builder the builder
	 * @param outOfOrder how many readings came out of order
	 */
	public static void addOutOfOrder(FlatBufferBuilder builder, long outOfOrder) {
		builder.addLong(2, outOfOrder, 0L);
	}

	/**
	 * Adds in_place; 0 (the default) is not written.
	 * @param builder the builder
	 * @param inPlace how many readings were read in place
	 */
	public static void addInPlace(FlatBufferBuilder builder, long inPlace) {
		builder.addLong(3, inPlace, 0L);
	}

	/**
	 * Adds last_sequence; 0 (the default) is not written.
	 * @param builder the builder
	 * @param lastSequence the sequence number of the newest reading
	 */
	public static void addLastSequence(FlatBufferBuilder builder, long lastSequence) {
		builder.addLong(4, lastSequence, 0L);
	}

	/**
	 * Adds messages_per_second; 0.0 (the default) is not written.
	 * @param builder the builder
	 * @param messagesPerSecond readings per second
	 */
	public static void addMessagesPerSecond(FlatBufferBuilder builder, double messagesPerSecond) {
		builder.addDouble(5, messagesPerSecond, 0.0);
	}

	/**
	 * Adds latency_p50_nanos; 0 (the default) is not written.
	 * @param builder the builder
	 * @param latencyP50Nanos the median latency in nanoseconds
	 */
	public static void addLatencyP50Nanos(FlatBufferBuilder builder, long latencyP50Nanos) {
		builder.addLong(6, latencyP50Nanos, 0L);
	}

	/**
	 * Adds latency_p99_nanos; 0 (the default) is not written.
	 * @param builder the builder
	 * @param latencyP99Nanos the 99th percentile latency in nanoseconds
	 */
	public static void addLatencyP99Nanos(FlatBufferBuilder builder, long latencyP99Nanos) {
		builder.addLong(7, latencyP99Nanos, 0L);
	}

	/**
	 * Adds latency_max_nanos; 0 (the default) is not written.
	 * @param builder the builder
	 * @param latencyMaxNanos the highest latency in nanoseconds
	 */
	public static void addLatencyMaxNanos(FlatBufferBuilder builder, long latencyMaxNanos) {
		builder.addLong(8, latencyMaxNanos, 0L);
	}

	/**
	 * Ends a status.
	 * @param builder the builder
	 * @return the offset of the table
	 */
	public static int endSensorStatus(FlatBufferBuilder builder) {
		int o = builder.endTable();
		return o;
	}

	/**
	 * A vector of statuses inside another table.
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
		 * @return a new status object for it
		 */
		public SensorStatus get(int j) {
			return get(new SensorStatus(), j);
		}

		/**
		 * Returns an element in an existing object.
		 * @param obj the object to reuse
		 * @param j the index
		 * @return {@code obj}
		 */
		public SensorStatus get(SensorStatus obj, int j) {
			return obj.__assign(SensorStatus.__indirect(__element(j), this.bb), this.bb);
		}

	}

}
