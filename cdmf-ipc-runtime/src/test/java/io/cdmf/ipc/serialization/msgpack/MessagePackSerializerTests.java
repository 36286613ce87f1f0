package io.cdmf.ipc.serialization.msgpack;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.FuzzPayloads;
import io.cdmf.ipc.serialization.TestPayloads;
import io.cdmf.ipc.serialization.TestValues;
import io.cdmf.ipc.serialization.TestValues.Item;
import io.cdmf.ipc.serialization.TestValues.Order;
import io.cdmf.ipc.serialization.TestValues.Page;
import io.cdmf.ipc.serialization.TestValues.Reading;
import io.cdmf.ipc.serialization.TypeCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.jackson.dataformat.MessagePackMapper;
import org.msgpack.jackson.dataformat.TimestampExtensionModule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MessagePackSerializer}.
 */
class MessagePackSerializerTests {

	private static final Type PAGE_OF_ITEMS = new TypeCapture<Page<Item>>() {
	}.getType();

	private static final Type LIST_OF_ITEMS = new TypeCapture<List<Item>>() {
	}.getType();

	private static final Type[] TUPLE_TYPES = { String.class, int.class, LIST_OF_ITEMS };

	private final MessagePackSerializer serializer = new MessagePackSerializer();

	@Test
	void shouldDescribeItsFormat() {
		assertThat(this.serializer.format()).isEqualTo(SerializationFormat.MESSAGEPACK);
		assertThat(this.serializer.supports(Order.class)).isTrue();
		assertThat(this.serializer.supports(void.class)).isFalse();
		assertThat(this.serializer.supportsArgumentTuples()).isTrue();
	}

	@Test
	void shouldRoundTripRecordFromHeapDirectAndReadOnlyPayloads() {
		Order order = TestValues.order();
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(order));
		for (ByteBuffer payload : List.of(TestPayloads.heap(bytes), TestPayloads.direct(bytes),
				TestPayloads.readOnly(bytes))) {
			Order read = this.serializer.deserialize(payload, Order.class);
			assertThat(read).isEqualTo(order);
		}
	}

	@Test
	void shouldRoundTripBean() {
		Reading reading = new Reading("t1", 21.5);
		assertThat(roundTrip(reading, Reading.class)).isEqualTo(reading);
	}

	@Test
	void shouldRoundTripGenericTypes() {
		Page<Item> page = new Page<>(List.of(new Item(7L, List.of("a"))), 1);
		Page<?> read = (Page<?>) roundTrip(page, PAGE_OF_ITEMS);
		assertThat(read).isEqualTo(page);
		assertThat(read.items().get(0)).isInstanceOf(Item.class);
		Map<String, List<Item>> byName = Map.of("x", List.of(new Item(1L, List.of())));
		assertThat(roundTrip(byName, new TypeCapture<Map<String, List<Item>>>() {
		}.getType())).isEqualTo(byName);
	}

	@Test
	void shouldRoundTripScalarsAndBytes() {
		assertThat(roundTrip("text", String.class)).isEqualTo("text");
		assertThat(roundTrip(42, int.class)).isEqualTo(42);
		assertThat(roundTrip(Long.MIN_VALUE, Long.class)).isEqualTo(Long.MIN_VALUE);
		assertThat(roundTrip(false, boolean.class)).isEqualTo(false);
		assertThat(roundTrip(0.1, double.class)).isEqualTo(0.1);
		assertThat(roundTrip(new byte[] { 1, 2, 3 }, byte[].class)).isEqualTo(new byte[] { 1, 2, 3 });
	}

	@Test
	void whenNullThenWritesNilAndReadsNull() {
		ByteBuffer payload = this.serializer.serialize(null);
		assertThat(TestPayloads.bytes(payload)).containsExactly(0xC0);
		Item item = this.serializer.deserialize(payload, Item.class);
		assertThat(item).isNull();
	}

	@Test
	void whenNilForPrimitiveThenSerializationError() {
		assertDeserializationError(hex("c0"), int.class);
	}

	@Test
	void whenEmptyPayloadThenSerializationError() {
		assertDeserializationError(ByteBuffer.allocate(0), Order.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "c1", "ffffffff", "dbffffffff61", "d91061", "dd7fffffff", "df7fffffffa161", "c7ff01",
			"93a161", "81", "0102" })
	void whenGarbageThenSerializationError(String garbage) {
		assertDeserializationError(hex(garbage), Order.class);
	}

	@Test
	void whenTruncatedThenSerializationError() {
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(TestValues.order()));
		for (int length : new int[] { 1, bytes.length / 2, bytes.length - 1 }) {
			assertDeserializationError(ByteBuffer.wrap(Arrays.copyOf(bytes, length)), Order.class);
		}
	}

	@Test
	void whenWrongTargetTypeThenSerializationError() {
		ByteBuffer order = this.serializer.serialize(TestValues.order());
		assertDeserializationError(order, LIST_OF_ITEMS);
		assertDeserializationError(order, int.class);
		assertDeserializationError(this.serializer.serialize(List.of(1, 2)), Item.class);
		assertDeserializationError(this.serializer.serialize("text"), PAGE_OF_ITEMS);
	}

	@Test
	void whenTrailingContentThenSerializationError() {
		byte[] item = TestPayloads.bytes(this.serializer.serialize(new Item(1L, List.of())));
		byte[] twice = Arrays.copyOf(item, item.length * 2);
		System.arraycopy(item, 0, twice, item.length, item.length);
		assertDeserializationError(ByteBuffer.wrap(twice), Item.class);
	}

	@Test
	void whenDeeplyNestedThenSerializationError() {
		byte[] nested = new byte[100_000];
		Arrays.fill(nested, (byte) 0x91);
		assertDeserializationError(ByteBuffer.wrap(nested), Object.class);
	}

	@Test
	void whenValueCannotBeWrittenThenSerializationError() {
		List<Object> cyclic = new ArrayList<>();
		cyclic.add(cyclic);
		for (Object value : List.of(new TestValues.Exploding(), cyclic)) {
			assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.serialize(value))
				.withMessageContaining("Cannot serialize " + value.getClass().getName() + " as MESSAGEPACK");
		}
	}

	@Test
	void shouldNotMoveCallersPosition() {
		byte[] bytes = TestPayloads.bytes(this.serializer.serialize(TestValues.order()));
		for (ByteBuffer payload : List.of(TestPayloads.heap(bytes), TestPayloads.direct(bytes))) {
			this.serializer.deserialize(payload, Order.class);
			assertThat(payload.position()).isEqualTo(5);
			assertThat(payload.limit()).isEqualTo(5 + bytes.length);
		}
	}

	@Test
	void shouldWriteAndReadWithGivenMapper() {
		ObjectMapper snakeCase = MessagePackMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.addModule(TimestampExtensionModule.INSTANCE)
			.build();
		MessagePackSerializer custom = new MessagePackSerializer(snakeCase);
		Order order = TestValues.order();
		ByteBuffer payload = custom.serialize(order);
		assertThat(custom.getObjectMapper()).isSameAs(snakeCase);
		assertThat(new String(TestPayloads.bytes(payload), StandardCharsets.ISO_8859_1)).contains("created_at");
		assertThat(custom.<Order>deserialize(payload, Order.class)).isEqualTo(order);
	}

	@Test
	void whenMapperIsNotMessagePackThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MessagePackSerializer(new ObjectMapper()))
			.withMessage("objectMapper must use a MessagePackFactory: "
					+ "com.fasterxml.jackson.databind.MappingJsonFactory");
	}

	@Test
	void shouldWriteArgumentTupleAsMessagePackArray() {
		ByteBuffer payload = this.serializer.serializeArguments(new Object[] { "a", 1, List.of() }, TUPLE_TYPES);
		assertThat(HexFormat.of().formatHex(TestPayloads.bytes(payload))).isEqualTo("93a1610190");
	}

	@Test
	void shouldRoundTripArgumentTupleWithEachElementOfItsType() {
		Object[] args = { "abc", 42, List.of(new Item(1L, List.of("x")), new Item(2L, List.of())) };
		byte[] bytes = TestPayloads.bytes(this.serializer.serializeArguments(args, TUPLE_TYPES));
		for (ByteBuffer payload : List.of(TestPayloads.heap(bytes), TestPayloads.direct(bytes))) {
			Object[] read = this.serializer.deserializeArguments(payload, TUPLE_TYPES);
			assertThat(read).containsExactly(args);
			assertThat((List<?>) read[2]).first().isInstanceOf(Item.class);
			assertThat(payload.position()).isEqualTo(5);
		}
	}

	@Test
	void shouldRoundTripEmptyAndNullArguments() {
		assertThat(this.serializer.deserializeArguments(this.serializer.serializeArguments(new Object[0], new Type[0]),
				new Type[0]))
			.isEmpty();
		Type[] types = { String.class, Item.class };
		ByteBuffer payload = this.serializer.serializeArguments(new Object[] { null, null }, types);
		assertThat(this.serializer.deserializeArguments(payload, types)).containsExactly(null, null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "92a16101", "94a161019001", "81a16101", "93a161c090", "93a161019003", "93a16101", "",
			"93a161a16290" })
	void whenArgumentTupleDoesNotMatchTypesThenSerializationError(String tuple) {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.deserializeArguments(hex(tuple), TUPLE_TYPES))
			.withMessageContaining("MESSAGEPACK")
			.withMessageContaining("(java.lang.String, int, java.util.List<" + Item.class.getName() + ">)");
	}

	@Test
	void whenArgumentCountDiffersFromTypeCountThenSerializationError() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.serializeArguments(new Object[] { "a" }, TUPLE_TYPES))
			.withMessageContaining("1 values but 3 types");
	}

	@Test
	void whenFuzzedPayloadsThenOnlySerializationErrors() {
		List<byte[]> valid = List.of(TestPayloads.bytes(this.serializer.serialize(TestValues.order())),
				TestPayloads.bytes(this.serializer.serialize(new Page<>(List.of(new Item(1L, List.of("a"))), 1))));
		List<byte[]> payloads = FuzzPayloads.generate(valid);
		assertThat(FuzzPayloads.assertOnlySerializationErrors(payloads,
				(payload) -> this.serializer.deserialize(payload, Order.class)))
			.isPositive();
		assertThat(FuzzPayloads.assertOnlySerializationErrors(payloads,
				(payload) -> this.serializer.deserialize(payload, PAGE_OF_ITEMS)))
			.isPositive();
		assertThat(FuzzPayloads.assertOnlySerializationErrors(payloads,
				(payload) -> this.serializer.deserialize(payload, Object.class)))
			.isPositive();
	}

	@Test
	void whenFuzzedArgumentTuplesThenOnlySerializationErrors() {
		Object[] args = { "abc", 42, List.of(new Item(1L, List.of("x"))) };
		List<byte[]> valid = List.of(TestPayloads.bytes(this.serializer.serializeArguments(args, TUPLE_TYPES)));
		assertThat(FuzzPayloads.assertOnlySerializationErrors(FuzzPayloads.generate(valid),
				(payload) -> this.serializer.deserializeArguments(payload, TUPLE_TYPES)))
			.isPositive();
	}

	private Object roundTrip(Object value, Type type) {
		return this.serializer.deserialize(this.serializer.serialize(value), type);
	}

	private void assertDeserializationError(ByteBuffer payload, Type type) {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(payload, type))
			.withMessageStartingWith("Cannot deserialize MESSAGEPACK payload as " + type.getTypeName())
			.satisfies((ex) -> {
				assertThat(ex.getFormat()).isEqualTo(SerializationFormat.MESSAGEPACK);
				assertThat(ex.getTargetType()).isEqualTo(type.getTypeName());
			});
	}

	private static ByteBuffer hex(String hex) {
		return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
	}

}
