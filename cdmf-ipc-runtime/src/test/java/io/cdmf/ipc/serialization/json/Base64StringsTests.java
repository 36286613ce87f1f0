package io.cdmf.ipc.serialization.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.serialization.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.Base64Variants;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@code byte[]} fast path of {@link JacksonJsonSerializer} ({@link Base64Strings}): the same bytes as
 * the mapper, and the mapper for everything the fast path does not take.
 */
class Base64StringsTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final JacksonJsonSerializer serializer = new JacksonJsonSerializer(this.mapper);

	@Test
	void defaultMapperUsesTheFastPath() {
		assertThat(Base64Strings.matches(this.mapper)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 64, 1000 })
	void writesWhatTheMapperWritesAndReadsItBackFromHeapAndDirectPayloads(int size) {
		byte[] value = new byte[size];
		for (int i = 0; i < size; i++) {
			value[i] = (byte) (i * 7 + 3);
		}
		byte[] written = TestPayloads.bytes(this.serializer.serialize(value));
		assertThat(written).isEqualTo(this.mapper.writeValueAsBytes(value));
		for (ByteBuffer payload : List.of(TestPayloads.heap(written), TestPayloads.direct(written),
				TestPayloads.readOnly(written))) {
			int position = payload.position();
			byte[] read = this.serializer.deserialize(payload, byte[].class);
			assertThat(read).isEqualTo(value);
			assertThat(payload.position()).isEqualTo(position);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { " \"AQID\"", "\"AQID\" ", "\"AQ==AQID\"", "[1,2,3]", "\"AQ\\u0049D\"" })
	void leavesOtherFormsToTheMapper(String json) {
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		assertThat(Base64Strings.read(ByteBuffer.wrap(payload))).isNull();
		byte[] expected = this.mapper.readValue(payload, byte[].class);
		assertThat((byte[]) this.serializer.deserialize(ByteBuffer.wrap(payload), byte[].class)).isEqualTo(expected);
	}

	@Test
	void nullIsStillTheNullLiteral() {
		assertThat(TestPayloads.bytes(this.serializer.serialize(null)))
			.isEqualTo("null".getBytes(StandardCharsets.UTF_8));
		assertThat((byte[]) this.serializer.deserialize(ByteBuffer.wrap("null".getBytes(StandardCharsets.UTF_8)),
				byte[].class))
			.isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"A=QI\"", "\"AQI\"", "\"", "\"AQID" })
	void malformedBase64IsTheMappersError(String json) {
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		assertThat(Base64Strings.read(ByteBuffer.wrap(payload))).isNull();
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(ByteBuffer.wrap(payload), byte[].class));
	}

	@Test
	void mapperWithAnotherBase64VariantIsNotBypassed() {
		JsonMapper urlSafe = JsonMapper.builder().defaultBase64Variant(Base64Variants.MODIFIED_FOR_URL).build();
		assertThat(Base64Strings.matches(urlSafe)).isFalse();
		JacksonJsonSerializer custom = new JacksonJsonSerializer(urlSafe);
		byte[] value = { (byte) 0xfb, (byte) 0xff, 0x01 };
		byte[] written = TestPayloads.bytes(custom.serialize(value));
		assertThat(written).isEqualTo(urlSafe.writeValueAsBytes(value));
		assertThat((byte[]) custom.deserialize(ByteBuffer.wrap(written), byte[].class)).isEqualTo(value);
	}

}
