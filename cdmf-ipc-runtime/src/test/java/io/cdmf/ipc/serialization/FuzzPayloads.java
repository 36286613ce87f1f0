package io.cdmf.ipc.serialization;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import io.cdmf.ipc.SerializationException;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated payloads, and the check that a serializer answers them with a value or a
 * {@link SerializationException} and nothing else.
 */
public final class FuzzPayloads {

	/** How many payloads a fuzz test feeds. */
	public static final int COUNT = 2000;

	/** Fixed seed, so that a failure can be reproduced. */
	public static final long SEED = 0x5EEDCDF1L;

	private static final byte[] EXTREMES = { 0, (byte) 0xFF, 0x7F, (byte) 0x80, 0x01, (byte) 0xC0, (byte) 0xDB };

	private FuzzPayloads() {
	}

	/**
	 * Generates payloads: random bytes and mutations (flipped, truncated, inserted, deleted, extreme bytes,
	 * concatenations) of valid payloads.
	 * @param valid valid payloads to mutate, at least one
	 * @return {@link #COUNT} payloads
	 */
	public static List<byte[]> generate(List<byte[]> valid) {
		Random random = new Random(SEED);
		List<byte[]> payloads = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			byte[] base = valid.get(random.nextInt(valid.size()));
			payloads.add(mutate(random, base, valid));
		}
		return payloads;
	}

	/**
	 * Feeds each payload, as a heap window and as a direct window, to an action that deserializes it, and fails
	 * unless every outcome is a value or a {@link SerializationException} and the buffer's position is unchanged.
	 * @param payloads the payloads
	 * @param deserialize the action
	 * @return how many times the action threw a {@link SerializationException}
	 */
	public static int assertOnlySerializationErrors(List<byte[]> payloads, Consumer<ByteBuffer> deserialize) {
		List<String> failures = new ArrayList<>();
		int errors = 0;
		for (int i = 0; i < payloads.size(); i++) {
			byte[] payload = payloads.get(i);
			for (ByteBuffer buffer : List.of(TestPayloads.heap(payload), TestPayloads.direct(payload))) {
				int position = buffer.position();
				try {
					deserialize.accept(buffer);
				}
				catch (SerializationException ex) {
					errors++;
				}
				catch (Throwable ex) {
					failures.add("payload " + i + " [" + HexFormat.of().formatHex(payload) + "]: " + ex);
				}
				if (buffer.position() != position) {
					failures.add("payload " + i + " moved the position from " + position + " to " + buffer.position());
				}
			}
		}
		assertThat(failures).as("unexpected outcomes (seed %x)", SEED).isEmpty();
		return errors;
	}

	private static byte[] mutate(Random random, byte[] base, List<byte[]> valid) {
		int cut = random.nextInt(base.length + 1);
		return switch (random.nextInt(8)) {
			case 0 -> randomBytes(random, random.nextInt(16));
			case 1 -> randomBytes(random, random.nextInt(512));
			case 2 -> replaceBytes(random, base, null);
			case 3 -> Arrays.copyOf(base, cut);
			case 4 -> concat(Arrays.copyOf(base, cut), randomBytes(random, 1 + random.nextInt(8)),
					Arrays.copyOfRange(base, cut, base.length));
			case 5 -> concat(Arrays.copyOf(base, cut),
					Arrays.copyOfRange(base, cut + random.nextInt(base.length - cut + 1), base.length));
			case 6 -> replaceBytes(random, base, EXTREMES);
			default -> concat(base, valid.get(random.nextInt(valid.size())));
		};
	}

	private static byte[] replaceBytes(Random random, byte[] base, byte @Nullable [] choices) {
		byte[] mutated = base.clone();
		for (int n = 1 + random.nextInt(4); n > 0 && mutated.length > 0; n--) {
			int at = random.nextInt(mutated.length);
			mutated[at] = (choices != null) ? choices[random.nextInt(choices.length)]
					: (byte) (mutated[at] ^ (1 << random.nextInt(8)));
		}
		return mutated;
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] joined = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, joined, offset, part.length);
			offset += part.length;
		}
		return joined;
	}

}
