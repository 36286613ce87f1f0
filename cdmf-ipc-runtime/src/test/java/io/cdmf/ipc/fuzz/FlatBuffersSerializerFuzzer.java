package io.cdmf.ipc.fuzz;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.serialization.flatbuffers.FlatBuffersSerializer;
import io.cdmf.ipc.serialization.flatbuffers.TestReading;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzes {@link FlatBuffersSerializer#deserialize} to a generated table with a scalar, a string and a nested table,
 * then reads every field as a handler would.
 * <p>
 * Invariants: {@code deserialize} throws only a {@link SerializationException}; the accessors of the table it hands
 * out (read lazily; the root check covers the root's offsets, not the widths of its fields nor anything deeper) fail
 * with {@link IndexOutOfBoundsException}, or {@link IllegalArgumentException} for a string that is not UTF-8, only,
 * as the serializer documents; a table that was read is written and read again to the same field values.
 *
 * @since 0.1.0
 */
class FlatBuffersSerializerFuzzer {

	private static final int MAX_DEPTH = 16;

	private final FlatBuffersSerializer serializer = new FlatBuffersSerializer();

	@FuzzTest(maxDuration = "2s")
	void readsTablesOrRejectsThem(byte[] input) {
		ByteBuffer payload = ByteBuffer.wrap(input);
		TestReading reading;
		try {
			reading = this.serializer.deserialize(payload, TestReading.class);
		}
		catch (SerializationException ex) {
			return;
		}
		FuzzChecks.check("deserialize", "position", 0, payload.position());
		List<Object> fields = fields(reading);
		TestReading again = this.serializer.deserialize(this.serializer.serialize(reading), TestReading.class);
		FuzzChecks.check("read, write, read", "fields", fields, fields(again));
	}

	/**
	 * Reads the scalar fields of the root and, down a chain of nested tables, every field.
	 */
	private static List<Object> fields(TestReading root) {
		List<Object> fields = new ArrayList<>();
		@Nullable TestReading current = root;
		for (int depth = 0; depth < MAX_DEPTH && current != null; depth++) {
			try {
				fields.add(current.id());
				fields.add(Double.doubleToRawLongBits(current.value()));
				fields.add(String.valueOf(current.name()));
				current = current.previous();
			}
			catch (IndexOutOfBoundsException ex) {
				// An offset, or a scalar's width, reaches past the payload: the root check looks at offsets only.
				fields.add("out of bounds");
				return fields;
			}
			catch (IllegalArgumentException ex) {
				// A string that is not UTF-8: FlatBuffers' Utf8Safe says "Invalid UTF-8".
				fields.add("not UTF-8");
				return fields;
			}
		}
		return fields;
	}
}
