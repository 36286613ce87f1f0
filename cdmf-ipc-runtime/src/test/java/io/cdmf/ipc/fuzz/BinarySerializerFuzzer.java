package io.cdmf.ipc.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.serialization.BinarySerializer;

/**
 * Fuzzes {@link BinarySerializer#deserialize}: the payload arrives in any kind of buffer (heap, a window of a larger
 * array, direct, read-only), as a typed interface's {@code byte[]} or {@code ByteBuffer} parameter or as a type the
 * format does not take.
 * <p>
 * Invariants: the value holds exactly the payload's bytes, the payload's position does not move, writing the value
 * gives the same bytes back, and an unsupported type fails with a {@link SerializationException} only.
 *
 * @since 0.1.0
 */
class BinarySerializerFuzzer {

	private final BinarySerializer serializer = new BinarySerializer();

	@FuzzTest(maxDuration = "1s")
	void returnsThePayloadBytes(byte[] input) {
		if (input.length == 0) {
			return;
		}
		int options = input[0] & 0xFF;
		byte[] bytes = Arrays.copyOfRange(input, 1, input.length);
		ByteBuffer payload = buffer(options & 3, bytes);
		int position = payload.position();
		Object value;
		try {
			value = switch ((options >>> 2) % 3) {
				case 0 -> this.serializer.deserialize(payload, byte[].class);
				case 1 -> this.serializer.deserialize(payload, ByteBuffer.class);
				default -> this.serializer.deserialize(payload, String.class);
			};
		}
		catch (SerializationException ex) {
			if ((options >>> 2) % 3 != 2) {
				throw new AssertionError("a supported type was refused: " + ex, ex);
			}
			return;
		}
		FuzzChecks.check("deserialize", "position", position, payload.position());
		byte[] read = bytesOf(value);
		if (!Arrays.equals(read, bytes)) {
			throw new AssertionError("read " + read.length + " bytes from a payload of " + bytes.length);
		}
		byte[] written = bytesOf(this.serializer.serialize(value));
		if (!Arrays.equals(written, bytes)) {
			throw new AssertionError("wrote " + written.length + " bytes for a payload of " + bytes.length);
		}
	}

	private static ByteBuffer buffer(int kind, byte[] bytes) {
		return switch (kind) {
			case 0 -> ByteBuffer.wrap(bytes);
			case 1 -> {
				// A window in the middle of a larger array, as a frame's payload is.
				byte[] frame = new byte[bytes.length + 10];
				System.arraycopy(bytes, 0, frame, 7, bytes.length);
				yield ByteBuffer.wrap(frame, 7, bytes.length);
			}
			case 2 -> ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
			default -> ByteBuffer.wrap(bytes).asReadOnlyBuffer();
		};
	}

	private static byte[] bytesOf(Object value) {
		if (value instanceof byte[] array) {
			return array;
		}
		ByteBuffer buffer = ((ByteBuffer) value).duplicate();
		byte[] copy = new byte[buffer.remaining()];
		buffer.get(copy);
		return copy;
	}

}
