package io.cdmf.ipc.serialization.flatbuffers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.flatbuffers.Constants;
import com.google.flatbuffers.FlatBufferBuilder;
import com.google.flatbuffers.Table;
import org.jspecify.annotations.Nullable;

/**
 * A FlatBuffers table written by hand the way {@code flatc --java} (25.x) generates it, so that the tests need no
 * code generator. Schema:
 *
 * <pre>
 * table TestReading { id: long; value: double; name: string; previous: TestReading; }
 * root_type TestReading;
 * </pre>
 */
public final class TestReading extends Table {

	/**
	 * Fails to link unless the FlatBuffers runtime is the version this code was written for.
	 */
	public static void ValidateVersion() {
		Constants.FLATBUFFERS_25_2_10();
	}

	/**
	 * Reads the root table of a buffer, in place.
	 * @param bb the buffer, from its position
	 * @return the table
	 */
	public static TestReading getRootAsTestReading(ByteBuffer bb) {
		return getRootAsTestReading(bb, new TestReading());
	}

	/**
	 * Reads the root table of a buffer into an existing object, in place.
	 * @param bb the buffer, from its position
	 * @param obj the object to reuse
	 * @return the object
	 */
	public static TestReading getRootAsTestReading(ByteBuffer bb, TestReading obj) {
		bb.order(ByteOrder.LITTLE_ENDIAN);
		return obj.__assign(bb.getInt(bb.position()) + bb.position(), bb);
	}

	/**
	 * Points this object at a table.
	 * @param i the table position
	 * @param bb the buffer
	 */
	public void __init(int i, ByteBuffer bb) {
		__reset(i, bb);
	}

	/**
	 * Points this object at a table.
	 * @param i the table position
	 * @param bb the buffer
	 * @return this object
	 */
	public TestReading __assign(int i, ByteBuffer bb) {
		__init(i, bb);
		return this;
	}

	/**
	 * Returns the id.
	 * @return the id, 0 if absent
	 */
	public long id() {
		int o = __offset(4);
		return (o != 0) ? this.bb.getLong(o + this.bb_pos) : 0L;
	}

	/**
	 * Returns the value.
	 * @return the value, 0.0 if absent
	 */
	public double value() {
		int o = __offset(6);
		return (o != 0) ? this.bb.getDouble(o + this.bb_pos) : 0.0;
	}

	/**
	 * Returns the name.
	 * @return the name, or {@code null} if absent
	 */
	public @Nullable String name() {
		int o = __offset(8);
		return (o != 0) ? __string(o + this.bb_pos) : null;
	}

	/**
	 * Returns the previous reading, a nested table.
	 * @return the previous reading, or {@code null} if absent
	 */
	public @Nullable TestReading previous() {
		int o = __offset(10);
		return (o != 0) ? new TestReading().__assign(__indirect(o + this.bb_pos), this.bb) : null;
	}

	/**
	 * Builds a table.
	 * @param builder the builder
	 * @param id the id
	 * @param value the value
	 * @param nameOffset the offset of the name string, 0 for none
	 * @param previousOffset the offset of the previous reading, 0 for none
	 * @return the offset of the table
	 */
	public static int createTestReading(FlatBufferBuilder builder, long id, double value, int nameOffset,
			int previousOffset) {
		builder.startTable(4);
		TestReading.addValue(builder, value);
		TestReading.addId(builder, id);
		TestReading.addPrevious(builder, previousOffset);
		TestReading.addName(builder, nameOffset);
		return TestReading.endTestReading(builder);
	}

	/**
	 * Starts a table.
	 * @param builder the builder
	 */
	public static void startTestReading(FlatBufferBuilder builder) {
		builder.startTable(4);
	}

	/**
	 * Adds the id.
	 * @param builder the builder
	 * @param id the id
	 */
	public static void addId(FlatBufferBuilder builder, long id) {
		builder.addLong(0, id, 0L);
	}

	/**
	 * Adds the value.
	 * @param builder the builder
	 * @param value the value
	 */
	public static void addValue(FlatBufferBuilder builder, double value) {
		builder.addDouble(1, value, 0.0);
	}

	/**
	 * Adds the name.
	 * @param builder the builder
	 * @param nameOffset the offset of the name string
	 */
	public static void addName(FlatBufferBuilder builder, int nameOffset) {
		builder.addOffset(2, nameOffset, 0);
	}

	/**
	 * Adds the previous reading.
	 * @param builder the builder
	 * @param previousOffset the offset of the previous reading
	 */
	public static void addPrevious(FlatBufferBuilder builder, int previousOffset) {
		builder.addOffset(3, previousOffset, 0);
	}

	/**
	 * Ends a table.
	 * @param builder the builder
	 * @return the offset of the table
	 */
	public static int endTestReading(FlatBufferBuilder builder) {
		return builder.endTable();
	}

	/**
	 * Finishes a buffer with a table as its root.
	 * @param builder the builder
	 * @param offset the offset of the root table
	 */
	public static void finishTestReadingBuffer(FlatBufferBuilder builder, int offset) {
		builder.finish(offset);
	}

	/**
	 * Finishes a size-prefixed buffer with a table as its root.
	 * @param builder the builder
	 * @param offset the offset of the root table
	 */
	public static void finishSizePrefixedTestReadingBuffer(FlatBufferBuilder builder, int offset) {
		builder.finishSizePrefixed(offset);
	}

}
