package io.cdmf.ipc.serialization.flatbuffers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.flatbuffers.FlatBufferBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FlatBuffersRootCheck}.
 */
class FlatBuffersRootCheckTests {

	@Test
	void shouldAcceptBufferFromBuilder() {
		FlatBufferBuilder builder = new FlatBufferBuilder();
		int root = TestReading.createTestReading(builder, 1L, 2.0, builder.createString("a"), 0);
		TestReading.finishTestReadingBuffer(builder, root);
		assertThat(FlatBuffersRootCheck.check(builder.dataBuffer().slice().order(ByteOrder.LITTLE_ENDIAN))).isNull();
	}

	@Test
	void shouldAcceptTableWithNoFields() {
		FlatBufferBuilder builder = new FlatBufferBuilder();
		TestReading.startTestReading(builder);
		builder.finish(TestReading.endTestReading(builder));
		assertThat(FlatBuffersRootCheck.check(builder.dataBuffer().slice().order(ByteOrder.LITTLE_ENDIAN))).isNull();
	}

	@Test
	void whenShorterThanRootOffsetThenReportsIt() {
		assertThat(check(1, 2, 3)).isEqualTo("the payload has 3 bytes, fewer than the 4 of a root offset");
	}

	@Test
	void whenRootOffsetOutsidePayloadThenReportsIt() {
		assertThat(check(0, 0, 0, 0, 0, 0, 0, 0)).isEqualTo("root table offset 0 is outside the 8-byte payload");
		assertThat(check(6, 0, 0, 0, 0, 0, 0, 0)).isEqualTo("root table offset 6 is outside the 8-byte payload");
		assertThat(check(0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0))
			.isEqualTo("root table offset 4294967295 is outside the 8-byte payload");
	}

	@Test
	void whenVtableOutsidePayloadThenReportsIt() {
		assertThat(check(4, 0, 0, 0, 8, 0, 0, 0)).isEqualTo("root vtable offset -4 is outside the 8-byte payload");
		assertThat(check(4, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF))
			.isEqualTo("root vtable offset 6 is outside the 8-byte payload");
	}

	@Test
	void whenVtableSizeInvalidThenReportsIt() {
		// root at 8, vtable at 4: size 3 (odd, below 4), then size 40 (beyond the payload).
		assertThat(check(8, 0, 0, 0, 3, 0, 4, 0, 4, 0, 0, 0))
			.isEqualTo("root vtable size 3 at offset 4 is invalid for the 12-byte payload");
		assertThat(check(8, 0, 0, 0, 40, 0, 4, 0, 4, 0, 0, 0))
			.isEqualTo("root vtable size 40 at offset 4 is invalid for the 12-byte payload");
	}

	@Test
	void whenTableSizeExceedsPayloadThenReportsIt() {
		assertThat(check(8, 0, 0, 0, 4, 0, 8, 0, 4, 0, 0, 0))
			.isEqualTo("root table size 8 at offset 8 exceeds the 12-byte payload");
	}

	@Test
	void whenFieldOutsideTableThenReportsIt() {
		// root at 12, vtable at 4 (6 bytes: one field at offset 8 of an 8-byte table), 2 bytes of padding.
		assertThat(check(12, 0, 0, 0, 6, 0, 8, 0, 8, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0))
			.isEqualTo("root table field 0 at offset 8 is outside the 8-byte table");
	}

	private static String check(int... bytes) {
		ByteBuffer buffer = ByteBuffer.allocate(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
		for (int b : bytes) {
			buffer.put((byte) b);
		}
		return FlatBuffersRootCheck.check(buffer.flip());
	}

}
