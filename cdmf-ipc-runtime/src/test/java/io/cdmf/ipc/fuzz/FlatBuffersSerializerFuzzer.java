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
 * Invariants: {@code deserialize} throws only a {@link SerializationException}; the root table it hands out reads its
 * scalar fields without failing (the root check covers them); deeper fields (strings, nested tables, which are read
 * lazily and not checked) fail with {@link IndexOutOfBoundsException} only, as the serializer documents; a table that
 * was read is written and read again to the same field values.
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
		fields.add(root.id());
		fields.add(Double.doubleToRawLongBits(root.value()));
		@Nullable TestReading current = root;
		for (int depth = 0; depth < MAX_DEPTH && current != null; depth++) {
			try {
				fields.add(String.valueOf(current.name()));
				current = current.previous();
				if (current != null) {
					fields.add(current.id());
					fields.add(Double.doubleToRawLongBits(current.value()));
				}
			}
			catch (IndexOutOfBoundsException ex) {
				fields.add("out of bounds");
				return fields;
			}
		}
		return fields;
	}

}
