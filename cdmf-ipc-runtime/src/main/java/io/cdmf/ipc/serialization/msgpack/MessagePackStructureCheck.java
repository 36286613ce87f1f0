package io.cdmf.ipc.serialization.msgpack;

import java.io.IOException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Checks, without building any value, that a payload is exactly one complete MessagePack value nested no deeper
 * than {@link #MAX_NESTING_DEPTH}.
 * <p>
 * Written here because {@code jackson-dataformat-msgpack} leaves these checks out: its parser throws an EOF error
 * where Jackson expects the end of input (so {@code FAIL_ON_TRAILING_TOKENS} cannot be used), and it does not
 * enforce Jackson's nesting limit, so a deeply nested payload would overflow the stack in data binding. The walk is
 * iterative and only reads headers and skips payload bytes, so it allocates nothing in proportion to declared
 * lengths.
 *
 * @since 0.1.0
 */
final class MessagePackStructureCheck {

	/** Deepest nesting of arrays and maps accepted, as Jackson 3's default read constraint for JSON. */
	static final int MAX_NESTING_DEPTH = 500;

	private static final int INITIAL_DEPTHS = 8;

	private MessagePackStructureCheck() {
	}

	/**
	 * Checks a payload.
	 * @param array the array holding the payload
	 * @param offset where the payload starts
	 * @param length the payload length
	 * @return what is wrong, or {@code null} if the payload is one value of acceptable depth
	 * @throws IOException if the payload is truncated or malformed (also as an unchecked
	 * {@link org.msgpack.core.MessagePackException})
	 */
	static @Nullable String check(byte[] array, int offset, int length) throws IOException {
		try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(array, offset, length)) {
			// remaining[d]: values still to read in the container open at depth d (depth 0: the root value). Grown
			// as containers nest, so that a flat payload does not pay for the deepest one allowed.
			long[] remaining = new long[INITIAL_DEPTHS];
			int depth = 0;
			remaining[0] = 1;
			while (depth >= 0) {
				if (remaining[depth] == 0) {
					depth--;
					continue;
				}
				remaining[depth]--;
				ValueType type = unpacker.getNextFormat().getValueType();
				if (type == ValueType.ARRAY || type == ValueType.MAP) {
					if (depth == MAX_NESTING_DEPTH) {
						return "arrays and maps are nested deeper than " + MAX_NESTING_DEPTH;
					}
					long count = (type == ValueType.ARRAY) ? unpacker.unpackArrayHeader()
							: 2L * unpacker.unpackMapHeader();
					if (++depth == remaining.length) {
						remaining = Arrays.copyOf(remaining, Math.min(2 * remaining.length, MAX_NESTING_DEPTH + 1));
					}
					remaining[depth] = count;
				}
				else {
					unpacker.skipValue();
				}
			}
			if (unpacker.hasNext()) {
				return "content follows the value at byte " + unpacker.getTotalReadBytes() + " of " + length;
			}
			return null;
		}
	}

}
