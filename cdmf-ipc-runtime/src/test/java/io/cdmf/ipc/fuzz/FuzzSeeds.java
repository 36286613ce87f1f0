package io.cdmf.ipc.fuzz;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessagePriority;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.serialization.Serializer;
import io.cdmf.ipc.serialization.TestValues;
import io.cdmf.ipc.serialization.TestValues.Item;
import io.cdmf.ipc.serialization.TestValues.Page;
import io.cdmf.ipc.serialization.TestValues.Reading;
import io.cdmf.ipc.serialization.TypeCapture;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seed inputs for the fuzz targets, made by the real encoders (fixed ids and times, so that they are the same in every
 * run). The targets name them with {@code @MethodSource} before {@code @FuzzTest}: Jazzer starts from them, so that
 * mutations begin with valid frames and payloads instead of searching for a checksum.
 *
 * @since 0.1.0
 */
public final class FuzzSeeds {

	private static final MessageId ID = new MessageId(0x0123456789ABCDEFL, 0xFEDCBA9876543210L);

	private FuzzSeeds() {
	}

	/**
	 * Messages with every section a frame can hold: error info, headers, a payload, non-ASCII strings.
	 * @return the messages
	 */
	public static List<Message> messages() {
		Message full = Message.request("calculate", ByteBuffer.wrap(new byte[] { 1, 2, 3, 4, 5 }));
		full.getHeader()
			.setMessageId(ID)
			.setCorrelationId(new MessageId(7, 8))
			.setTimestampMicros(1_764_000_000_000_000L)
			.setPriority(MessagePriority.HIGH)
			.setFormat(SerializationFormat.JSON);
		full.getMetadata()
			.setSourceEndpoint("unix:///tmp/client.sock")
			.setDestinationEndpoint("unix:///tmp/calc.sock")
			.setContentType("application/json")
			.setExpirationMillis(1_764_000_060_000L)
			.setRetryCount(1)
			.setMaxRetries(3)
			.setHeader("authorization", "Bearer secret")
			.setHeader("ü", "ß");
		Message error = Message.create(MessageType.ERROR)
			.setErrorInfo(new ErrorInfo(ErrorCode.TIMEOUT, "zu spät", "TIMEOUT", "計算"));
		error.getHeader().setMessageId(new MessageId(1, 2)).setCorrelationId(ID).setTimestampMicros(5);
		Message heartbeat = Message.create(MessageType.HEARTBEAT);
		heartbeat.getHeader().setMessageId(new MessageId(3, 4)).setTimestampMicros(6);
		return List.of(full, error, heartbeat);
	}

	/**
	 * Frames of {@link #messages()}, each after an option byte that every frame decoder option reads.
	 * @return the inputs of {@link FrameDecoderFuzzer}
	 */
	public static Stream<Arguments> frames() {
		FrameEncoder encoder = new FrameEncoder(64 * 1024);
		List<Arguments> seeds = new ArrayList<>();
		for (Message message : messages()) {
			ByteBuffer frame = encoder.encode(message);
			for (int options : new int[] { 0x02, 0x03, 0x0A, 0x14 }) {
				seeds.add(Arguments.of((Object) prefixed(options, frame)));
			}
		}
		return seeds.stream();
	}

	/**
	 * Values of every type {@link TypedPayloads} picks, written by a serializer, after the byte that picks the type.
	 * @param serializer the serializer
	 * @return the inputs
	 */
	public static Stream<Arguments> typedValues(Serializer serializer) {
		Object[] values = { TestValues.order(), new Page<>(List.of(new Item(1, List.of("a"))), 1),
				new Reading("s-1", 2.5), new Item(9, List.of("x", "y")), "text", 42, 7, 1.5, new long[] { 1, -1 },
				Map.of("a", 1L), List.of(new Item(2, List.of())), List.of(1, "two", true) };
		List<Arguments> seeds = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			seeds.add(Arguments.of((Object) prefixed(i, serializer.serialize(values[i]))));
		}
		if (serializer.supportsArgumentTuples()) {
			Type[] types = { String.class, int.class, new TypeCapture<List<Item>>() {
			}.getType() };
			seeds.add(Arguments.of((Object) prefixed(12, serializer.serializeArguments(
					new Object[] { "a", 1, List.of(new Item(3, List.of("t"))) }, types))));
		}
		return seeds.stream();
	}

	/**
	 * Returns a seed: a byte that picks an option, then the content.
	 * @param first the first byte
	 * @param content the bytes after it
	 * @return the seed
	 */
	static byte[] prefixed(int first, ByteBuffer content) {
		ByteBuffer source = content.duplicate();
		byte[] bytes = new byte[1 + source.remaining()];
		bytes[0] = (byte) first;
		source.get(bytes, 1, bytes.length - 1);
		return bytes;
	}

}
