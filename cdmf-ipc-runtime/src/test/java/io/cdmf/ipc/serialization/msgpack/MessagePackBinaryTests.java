package io.cdmf.ipc.serialization.msgpack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdmf.ipc.serialization.TestPayloads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code byte[]} fast path of {@link MessagePackSerializer} ({@link MessagePackBinary}): the same bytes
 * as the mapper at every header size, and the mapper for anything else.
 */
class MessagePackBinaryTests {

	private final ObjectMapper mapper = MessagePackSerializer.createDefaultObjectMapper();

	private final MessagePackSerializer serializer = new MessagePackSerializer(this.mapper);

	@Test
	void defaultMapperUsesTheFastPath() {
		assertThat(MessagePackBinary.matches(this.mapper)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 64, 255, 256, 65535, 65536, 100_000 })
	void writesWhatTheMapperWritesAndReadsItBack(int size) throws Exception {
		byte[] value = new byte[size];
		for (int i = 0; i < size; i++) {
			value[i] = (byte) (i * 13 + 1);
		}
		byte[] written = TestPayloads.bytes(this.serializer.serialize(value));
		assertThat(written).isEqualTo(this.mapper.writeValueAsBytes(value));
		ByteBuffer littleEndian = TestPayloads.direct(written).order(ByteOrder.LITTLE_ENDIAN);
		for (ByteBuffer payload : List.of(TestPayloads.heap(written), TestPayloads.direct(written),
				TestPayloads.readOnly(written), littleEndian)) {
			int position = payload.position();
			byte[] read = this.serializer.deserialize(payload, byte[].class);
			assertThat(read).isEqualTo(value);
			assertThat(payload.position()).isEqualTo(position);
		}
	}

	@Test
	void leavesOtherValuesToTheMapper() throws Exception {
		byte[] string = this.mapper.writeValueAsBytes("AQID");
		assertThat(MessagePackBinary.read(ByteBuffer.wrap(string))).isNull();
		assertThat((byte[]) this.serializer.deserialize(ByteBuffer.wrap(string), byte[].class))
			.isEqualTo(this.mapper.readValue(string, byte[].class));
		byte[] nil = this.mapper.writeValueAsBytes(null);
		assertThat(MessagePackBinary.read(ByteBuffer.wrap(nil))).isNull();
		assertThat((byte[]) this.serializer.deserialize(ByteBuffer.wrap(nil), byte[].class)).isNull();
	}

	@Test
	void aLengthThatDisagreesWithThePayloadIsNotTaken() {
		// bin 8 of 3 bytes with only 2 present, and with one byte too many.
		assertThat(MessagePackBinary.read(ByteBuffer.wrap(new byte[] { (byte) 0xc4, 3, 1, 2 }))).isNull();
		assertThat(MessagePackBinary.read(ByteBuffer.wrap(new byte[] { (byte) 0xc4, 1, 1, 2 }))).isNull();
		assertThat(MessagePackBinary.read(ByteBuffer.wrap(new byte[] { (byte) 0xc6, 0, 0 }))).isNull();
	}

}
