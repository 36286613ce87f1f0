package io.cdmf.ipc.serialization.json;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JacksonJsonSerializer}.
 */
class JacksonJsonSerializerTests {

	private static final Type PAGE_OF_ITEMS = new TypeCapture<Page<Item>>() {
	}.getType();

	private static final Type LIST_OF_ITEMS = new TypeCapture<List<Item>>() {
	}.getType();

	private static final Type[] TUPLE_TYPES = { String.class, int.class, LIST_OF_ITEMS };

	private final JacksonJsonSerializer serializer = new JacksonJsonSerializer();

	@Test
	void shouldBuildItsDefaultMapperOnceWhicheverThreadFirstNeedsIt() throws Exception {
		JacksonJsonSerializer fresh = new JacksonJsonSerializer();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<JsonMapper>> mappers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				mappers.add(pool.submit(fresh::getJsonMapper));
			}
			JsonMapper first = mappers.get(0).get(10, TimeUnit.SECONDS);
			for (Future<JsonMapper> each : mappers) {
				assertThat(each.get(10, TimeUnit.SECONDS)).isSameAs(first);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(fresh.<byte[]>deserialize(fresh.serialize(new byte[] { 1, 2 }), byte[].class))
			.containsExactly(1, 2);
	}

	@Test
	void shouldDescribeItsFormat() {
		assertThat(this.serializer.format()).isEqualTo(SerializationFormat.JSON);
		assertThat(this.serializer.supports(Order.class)).isTrue();
		assertThat(this.serializer.supports(void.class)).isFalse();
		assertThat(this.serializer.supportsArgumentTuples()).isTrue();
	}

	@Test
	void shouldRoundTripRecordFromHeapDirectAndReadOnlyPayloads() {
		Order order = TestValues.order();
		byte[] json = TestPayloads.bytes(this.serializer.serialize(order));
		for (ByteBuffer payload : List.of(TestPayloads.heap(json), TestPayloads.direct(json),
				TestPayloads.readOnly(json))) {
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
	void shouldRoundTripScalars() {
		assertThat(roundTrip("text", String.class)).isEqualTo("text");
		assertThat(roundTrip(42, int.class)).isEqualTo(42);
		assertThat(roundTrip(Long.MAX_VALUE, Long.class)).isEqualTo(Long.MAX_VALUE);
		assertThat(roundTrip(true, boolean.class)).isEqualTo(true);
		assertThat(roundTrip(0.1, double.class)).isEqualTo(0.1);
	}

	@Test
	void whenNullThenWritesNullLiteralAndReadsNull() {
		ByteBuffer payload = this.serializer.serialize(null);
		assertThat(new String(TestPayloads.bytes(payload), StandardCharsets.UTF_8)).isEqualTo("null");
		Item item = this.serializer.deserialize(payload, Item.class);
		assertThat(item).isNull();
	}

	@Test
	void whenNullForPrimitiveThenSerializationError() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(json("null"), int.class))
			.withMessageContaining("JSON")
			.withMessageContaining("int");
	}

	@Test
	void whenEmptyPayloadThenSerializationError() {
		assertDeserializationError(ByteBuffer.allocate(0), Order.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{not json", "\u0000\u0001\u0002", "}", "[1,2", "{\"customer\":", "nul" })
	void whenGarbageThenSerializationError(String garbage) {
		assertDeserializationError(json(garbage), Order.class);
	}

	@Test
	void whenTruncatedThenSerializationError() {
		byte[] json = TestPayloads.bytes(this.serializer.serialize(TestValues.order()));
		for (int length : new int[] { 1, json.length / 2, json.length - 1 }) {
			assertDeserializationError(ByteBuffer.wrap(Arrays.copyOf(json, length)), Order.class);
		}
	}

	@Test
	void whenWrongTargetTypeThenSerializationError() {
		ByteBuffer order = this.serializer.serialize(TestValues.order());
		assertDeserializationError(order, LIST_OF_ITEMS);
		assertDeserializationError(order, int.class);
		assertDeserializationError(json("[1,2]"), Item.class);
		assertDeserializationError(json("\"text\""), PAGE_OF_ITEMS);
	}

	@Test
	void whenTrailingContentThenSerializationError() {
		assertDeserializationError(json("{\"id\":1,\"tags\":[]} {}"), Item.class);
	}

	@Test
	void whenDeeplyNestedThenSerializationError() {
		assertDeserializationError(json("[".repeat(100_000)), Object.class);
	}

	@Test
	void whenValueCannotBeWrittenThenSerializationError() {
		List<Object> cyclic = new ArrayList<>();
		cyclic.add(cyclic);
		for (Object value : List.of(new TestValues.Exploding(), cyclic)) {
			assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.serialize(value))
				.withMessageContaining("Cannot serialize " + value.getClass().getName() + " as JSON");
		}
	}

	@Test
	void shouldNotMoveCallersPosition() {
		byte[] json = TestPayloads.bytes(this.serializer.serialize(TestValues.order()));
		for (ByteBuffer payload : List.of(TestPayloads.heap(json), TestPayloads.direct(json))) {
			this.serializer.deserialize(payload, Order.class);
			assertThat(payload.position()).isEqualTo(5);
			assertThat(payload.limit()).isEqualTo(5 + json.length);
		}
	}

	@Test
	void shouldWriteAndReadWithGivenMapper() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		JacksonJsonSerializer custom = new JacksonJsonSerializer(snakeCase);
		Order order = TestValues.order();
		ByteBuffer payload = custom.serialize(order);
		assertThat(custom.getJsonMapper()).isSameAs(snakeCase);
		assertThat(new String(TestPayloads.bytes(payload), StandardCharsets.UTF_8)).contains("\"created_at\"");
		assertThat(custom.<Order>deserialize(payload, Order.class)).isEqualTo(order);
	}

	@Test
	void shouldWriteArgumentTupleAsJsonArray() {
		ByteBuffer payload = this.serializer.serializeArguments(new Object[] { "a", 1, List.of() }, TUPLE_TYPES);
		assertThat(new String(TestPayloads.bytes(payload), StandardCharsets.UTF_8)).isEqualTo("[\"a\",1,[]]");
	}

	@Test
	void shouldRoundTripArgumentTupleWithEachElementOfItsType() {
		Object[] args = { "abc", 42, List.of(new Item(1L, List.of("x")), new Item(2L, List.of())) };
		byte[] json = TestPayloads.bytes(this.serializer.serializeArguments(args, TUPLE_TYPES));
		for (ByteBuffer payload : List.of(TestPayloads.heap(json), TestPayloads.direct(json))) {
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
	@ValueSource(strings = { "[\"a\",1]", "[\"a\",1,[],4]", "{\"a\":1}", "[\"a\",null,[]]", "[\"a\",1,[]] 3",
			"[\"a\",1,[]", "", "[\"a\",\"b\",[]]" })
	void whenArgumentTupleDoesNotMatchTypesThenSerializationError(String tuple) {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.deserializeArguments(json(tuple), TUPLE_TYPES))
			.withMessageContaining("JSON")
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
				"{\"items\":[{\"id\":1,\"tags\":[\"a\"]}],\"total\":1}".getBytes(StandardCharsets.UTF_8));
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
			.withMessageStartingWith("Cannot deserialize JSON payload as " + type.getTypeName())
			.satisfies((ex) -> {
				assertThat(ex.getFormat()).isEqualTo(SerializationFormat.JSON);
				assertThat(ex.getTargetType()).isEqualTo(type.getTypeName());
			});
	}

	private static ByteBuffer json(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
