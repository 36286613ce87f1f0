package io.cdmf.ipc.serialization.protobuf;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.AbstractMessage;
import com.google.protobuf.Any;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.FuzzPayloads;
import io.cdmf.ipc.serialization.TestPayloads;
import io.cdmf.ipc.serialization.TypeCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProtobufSerializer}, with the well-known message types that ship in protobuf-java.
 */
class ProtobufSerializerTests {

	private final ProtobufSerializer serializer = new ProtobufSerializer();

	@Test
	void shouldDescribeItsFormat() {
		assertThat(this.serializer.format()).isEqualTo(SerializationFormat.PROTOBUF);
		assertThat(this.serializer.supports(Struct.class)).isTrue();
		assertThat(this.serializer.supports(MessageLite.class)).isTrue();
		assertThat(this.serializer.supports(String.class)).isFalse();
		assertThat(this.serializer.supportsArgumentTuples()).isFalse();
	}

	@Test
	void shouldRoundTripStructFromHeapDirectAndReadOnlyPayloads() {
		Struct struct = struct();
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(struct));
		assertThat(bytes).isEqualTo(struct.toByteArray());
		for (ByteBuffer payload : List.of(TestPayloads.heap(bytes), TestPayloads.direct(bytes),
				TestPayloads.readOnly(bytes))) {
			Struct read = this.serializer.deserialize(payload, Struct.class);
			assertThat(read).isEqualTo(struct);
		}
	}

	@Test
	void shouldRoundTripWellKnownTypes() {
		Timestamp timestamp = Timestamp.newBuilder().setSeconds(1_795_000_000L).setNanos(123).build();
		StringValue text = StringValue.of("héllo");
		Any any = Any.pack(timestamp);
		assertThat(roundTrip(timestamp, Timestamp.class)).isEqualTo(timestamp);
		assertThat(roundTrip(text, StringValue.class)).isEqualTo(text);
		Any readAny = (Any) roundTrip(any, Any.class);
		assertThat(readAny).isEqualTo(any);
		assertThat(readAny.is(Timestamp.class)).isTrue();
	}

	@Test
	void whenEmptyPayloadThenDefaultInstance() {
		Timestamp read = this.serializer.deserialize(ByteBuffer.allocate(0), Timestamp.class);
		assertThat(read).isEqualTo(Timestamp.getDefaultInstance());
		assertThat(this.serializer.serialize(Timestamp.getDefaultInstance()).remaining()).isZero();
	}

	@Test
	void whenNullThenSerializationError() {
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.serialize(null))
			.withMessageContaining("PROTOBUF cannot serialize null");
	}

	@Test
	void whenValueIsNotAMessageThenSerializationError() {
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.serialize("text"))
			.withMessageContaining("PROTOBUF does not handle java.lang.String");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ffffffffffffffffffffff", "0a0561", "0c", "0f", "00", "0a", "12ffffffff0f" })
	void whenGarbageThenSerializationError(String garbage) {
		assertDeserializationError(ByteBuffer.wrap(HexFormat.of().parseHex(garbage)), Struct.class);
	}

	@Test
	void whenTruncatedThenSerializationError() {
		byte[] bytes = struct().toByteArray();
		for (int length : new int[] { 1, bytes.length / 2, bytes.length - 1 }) {
			assertDeserializationError(ByteBuffer.wrap(Arrays.copyOf(bytes, length)), Struct.class);
		}
	}

	@Test
	void whenNestedBeyondRecursionLimitThenSerializationError() {
		Value value = Value.newBuilder().setNumberValue(1).build();
		for (int i = 0; i < 200; i++) {
			value = Value.newBuilder().setListValue(ListValue.newBuilder().addValues(value)).build();
		}
		assertDeserializationError(this.serializer.serialize(value), Value.class);
	}

	@Test
	void whenTargetTypeIsNotAConcreteMessageThenSerializationError() {
		ByteBuffer payload = this.serializer.serialize(struct());
		Type listOfStructs = new TypeCapture<List<Struct>>() {
		}.getType();
		for (Type type : List.of(String.class, Message.class, MessageLite.class, AbstractMessage.class,
				listOfStructs)) {
			assertThatExceptionOfType(SerializationException.class)
				.isThrownBy(() -> this.serializer.deserialize(payload, type))
				.withMessageContaining("PROTOBUF does not handle " + type.getTypeName())
				.satisfies((ex) -> assertThat(ex.getTargetType()).isEqualTo(type.getTypeName()));
		}
	}

	@Test
	void whenBytesOfAnotherMessageTypeThenParsesThemAsUnknownFields() {
		// Protocol Buffers carries no type name: a mismatched wire type makes the field unknown, not an error.
		ByteBuffer payload = this.serializer.serialize(StringValue.of("text"));
		Timestamp read = this.serializer.deserialize(payload, Timestamp.class);
		assertThat(read.getSeconds()).isZero();
		assertThat(read.getUnknownFields().asMap()).containsKey(1);
	}

	@Test
	void shouldNotMoveCallersPosition() {
		byte[] bytes = struct().toByteArray();
		for (ByteBuffer payload : List.of(TestPayloads.heap(bytes), TestPayloads.direct(bytes))) {
			this.serializer.deserialize(payload, Struct.class);
			assertThat(payload.position()).isEqualTo(5);
			assertThat(payload.limit()).isEqualTo(5 + bytes.length);
		}
	}

	@Test
	void shouldParseWithGivenExtensionRegistry() {
		ProtobufSerializer withRegistry = new ProtobufSerializer(ExtensionRegistryLite.newInstance());
		Struct read = withRegistry.deserialize(withRegistry.serialize(struct()), Struct.class);
		assertThat(read).isEqualTo(struct());
	}

	@Test
	void whenArgumentTuplesThenSerializationError() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(
					() -> this.serializer.serializeArguments(new Object[] { struct() }, new Type[] { Struct.class }))
			.withMessageContaining("PROTOBUF carries one value per payload");
	}

	@Test
	void whenFuzzedPayloadsThenOnlySerializationErrors() {
		List<byte[]> valid = List.of(struct().toByteArray(), Any.pack(struct()).toByteArray());
		List<byte[]> payloads = FuzzPayloads.generate(valid);
		for (Class<?> type : List.of(Struct.class, Any.class, Timestamp.class, Value.class)) {
			assertThat(FuzzPayloads.assertOnlySerializationErrors(payloads,
					(payload) -> this.serializer.deserialize(payload, type)))
				.isPositive();
		}
	}

	private Object roundTrip(Object value, Type type) {
		return this.serializer.deserialize(this.serializer.serialize(value), type);
	}

	private void assertDeserializationError(ByteBuffer payload, Type type) {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(payload, type))
			.withMessageStartingWith("Cannot deserialize PROTOBUF payload as " + type.getTypeName())
			.satisfies((ex) -> assertThat(ex.getFormat()).isEqualTo(SerializationFormat.PROTOBUF));
	}

	private static Struct struct() {
		Struct inner = Struct.newBuilder().putFields("flag", Value.newBuilder().setBoolValue(true).build()).build();
		ListValue list = ListValue.newBuilder()
			.addValues(Value.newBuilder().setStringValue("a"))
			.addValues(Value.newBuilder().setNumberValue(2.5))
			.addValues(Value.newBuilder().setStructValue(inner))
			.build();
		return Struct.newBuilder()
			.putFields("name", Value.newBuilder().setStringValue("sensor-1").build())
			.putFields("values", Value.newBuilder().setListValue(list).build())
			.putFields("missing", Value.newBuilder().setNullValueValue(0).build())
			.build();
	}

}
