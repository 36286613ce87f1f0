package io.cdmf.ipc.serialization.msgpack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * The MessagePack form of a {@code byte[]}, one {@code bin 8/16/32} value, written and read without a generator or a
 * parser.
 * <p>
 * With resource reuse off (see {@link MessagePackSerializer#createDefaultObjectMapper()}) every generator allocates
 * msgpack-core's 8 KiB output buffer, so a 64-byte {@code byte[]} through the mapper costs about 8 KiB and a few
 * microseconds; the value's format is a header of one to five bytes before the bytes themselves (the MessagePack
 * specification, "bin format family"). Only that form is read here; anything else returns {@code null} and goes to
 * the mapper. {@link #matches(ObjectMapper)} checks once that a mapper writes and reads {@code byte[]} this way.
 */
final class MessagePackBinary {

	private static final int BIN8 = 0xc4;

	private static final int BIN16 = 0xc5;

	private static final int BIN32 = 0xc6;

	private MessagePackBinary() {
	}

	/**
	 * Returns whether the mapper writes {@code byte[]} as this class does, at each header size, and reads it back.
	 * @param mapper the mapper
	 * @return whether the fast path gives the mapper's own results
	 */
	static boolean matches(ObjectMapper mapper) {
		try {
			for (int size : new int[] { 0, 7, 255, 256, 65535, 65536 }) {
				byte[] value = new byte[size];
				for (int i = 0; i < size; i++) {
					value[i] = (byte) (i * 31);
				}
				byte[] written = write(value);
				if (!Arrays.equals(mapper.writeValueAsBytes(value), written)
						|| !Arrays.equals(mapper.readValue(written, byte[].class), value)) {
					return false;
				}
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Writes bytes as one {@code bin} value.
	 * @param bytes the bytes
	 * @return the MessagePack payload
	 */
	static byte[] write(byte[] bytes) {
		int length = bytes.length;
		int header = (length < 0x100) ? 2 : (length < 0x10000) ? 3 : 5;
		byte[] out = new byte[header + length];
		if (header == 2) {
			out[0] = (byte) BIN8;
			out[1] = (byte) length;
		}
		else if (header == 3) {
			out[0] = (byte) BIN16;
			out[1] = (byte) (length >>> 8);
			out[2] = (byte) length;
		}
		else {
			out[0] = (byte) BIN32;
			out[1] = (byte) (length >>> 24);
			out[2] = (byte) (length >>> 16);
			out[3] = (byte) (length >>> 8);
			out[4] = (byte) length;
		}
		System.arraycopy(bytes, 0, out, header, length);
		return out;
	}

	/**
	 * Reads one {@code bin} value that fills the payload exactly, without moving the payload's position.
	 * @param payload the payload, heap or direct
	 * @return the bytes, or {@code null} if the payload is anything else
	 */
	static byte @Nullable [] read(ByteBuffer payload) {
		int start = payload.position();
		int available = payload.remaining();
		if (available < 2) {
			return null;
		}
		int marker = payload.get(start) & 0xff;
		int header;
		long length;
		if (marker == BIN8) {
			header = 2;
			length = payload.get(start + 1) & 0xff;
		}
		else if (marker == BIN16 && available >= 3) {
			header = 3;
			length = unsigned(payload, start + 1, 2);
		}
		else if (marker == BIN32 && available >= 5) {
			header = 5;
			length = unsigned(payload, start + 1, 4);
		}
		else {
			return null;
		}
		if (header + length != available) {
			return null;
		}
		byte[] bytes = new byte[(int) length];
		payload.get(start + header, bytes);
		return bytes;
	}

	/** Big-endian, as MessagePack is, whatever order the payload buffer is set to. */
	private static long unsigned(ByteBuffer payload, int index, int count) {
		long value = 0;
		for (int i = 0; i < count; i++) {
			value = (value << 8) | (payload.get(index + i) & 0xff);
		}
		return value;
	}

}
