package io.cdmf.ipc.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.Serializer;
import io.cdmf.ipc.serialization.SerializerRegistry;

/**
 * What one side of a typed call pays a serializer, in one JVM: {@code serialize} then {@code deserialize} of a 64-byte
 * value, per format of {@link SerializerRegistry#ofDefaults()}, as nanoseconds and heap bytes per round trip (a
 * typed call makes two: the client's arguments and result, the server's). The best of five rounds of 200,000, after
 * a warm-up, so that a busy machine shows the cost rather than its neighbours.
 * <p>
 * Run: {@code java -cp <benchmark jar and classpath.txt> io.cdmf.ipc.benchmark.SerializerCost}
 *
 * @since 0.1.0
 */
public final class SerializerCost {

	private static final int CALLS = 200_000;

	private static final int ROUNDS = 5;

	private static final String TEXT = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(2).substring(0, 64);

	private static volatile Object sink;

	private SerializerCost() {
	}

	/**
	 * Prints the Markdown table.
	 * @param args none
	 */
	public static void main(String[] args) {
		SerializerRegistry registry = SerializerRegistry.ofDefaults();
		byte[] bytes = FrameworkSyncClient.payloadBytes(64);
		List<Row> rows = new ArrayList<>();
		rows.add(new Row(SerializationFormat.BINARY, "byte[]", bytes, byte[].class));
		for (SerializationFormat format : List.of(SerializationFormat.JSON, SerializationFormat.MESSAGEPACK)) {
			rows.add(new Row(format, "byte[]", bytes, byte[].class));
			rows.add(new Row(format, "String", TEXT, String.class));
			rows.add(new Row(format, "record", new Sample("sensor-1", 21.5, 64), Sample.class));
		}
		rows.add(new Row(SerializationFormat.PROTOBUF, "BytesValue", BytesValue.of(ByteString.copyFrom(bytes)),
				BytesValue.class));
		System.out.println("| format | 64-byte value | ns per serialize + deserialize | bytes allocated |");
		System.out.println("|---|---|--:|--:|");
		for (Row row : rows) {
			if (!registry.formats().contains(row.format())) {
				continue;
			}
			long[] best = measure(registry.get(row.format()), row.value(), row.type());
			System.out.printf(Locale.ROOT, "| %s | %s | %d | %d |%n", row.format(), row.label(), best[0], best[1]);
		}
	}

	private static long[] measure(Serializer serializer, Object value, Type type) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long bestNanos = Long.MAX_VALUE;
		long bestBytes = Long.MAX_VALUE;
		for (int round = -1; round < ROUNDS; round++) {
			long bytesBefore = threads.getCurrentThreadAllocatedBytes();
			long start = System.nanoTime();
			for (int i = 0; i < CALLS; i++) {
				ByteBuffer payload = serializer.serialize(value);
				sink = serializer.deserialize(payload, type);
			}
			long nanos = (System.nanoTime() - start) / CALLS;
			long bytes = (threads.getCurrentThreadAllocatedBytes() - bytesBefore) / CALLS;
			if (round >= 0) {
				bestNanos = Math.min(bestNanos, nanos);
				bestBytes = Math.min(bestBytes, bytes);
			}
		}
		return new long[] { bestNanos, bestBytes };
	}

	private record Row(SerializationFormat format, String label, Object value, Type type) {

	}

	/**
	 * A small record, as a typed method takes or returns.
	 *
	 * @param sensor a name
	 * @param value a reading
	 * @param count a count
	 */
	public record Sample(String sensor, double value, int count) {

	}

}
