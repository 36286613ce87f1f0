package io.cdmf.ipc.serialization.json;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of a {@code byte[]} that Jackson writes by default, a quoted standard Base64 string with padding and
 * no line feeds ({@code Base64Variants.MIME_NO_LINEFEEDS}), written and read with {@link java.util.Base64} instead of
 * a generator and a parser.
 * <p>
 * A {@code byte[]} through the mapper costs about a microsecond each way (a serialization context, a generator or
 * parser and their buffers); the JDK's codec does the same in tens of nanoseconds. Only the canonical form is read
 * here: anything else (escapes, white space, missing padding, an array of numbers) returns {@code null} and goes to
 * the mapper, which accepts or refuses it as before. {@link #matches(JsonMapper)} checks once that a mapper writes and
 * reads {@code byte[]} in this form, so a mapper with its own Base64 variant or {@code byte[]} serializer is never
 * bypassed.
 */
final class Base64Strings {

	/** Every Base64 symbol, and a length that needs padding. */
	private static final byte[] PROBE = probe();

	private Base64Strings() {
	}

	/**
	 * Returns whether the mapper writes {@code byte[]} as this class does and reads this class's form back.
	 * @param mapper the mapper
	 * @return whether the fast path gives the mapper's own results
	 */
	static boolean matches(JsonMapper mapper) {
		try {
			byte[] written = write(PROBE);
			return Arrays.equals(mapper.writeValueAsBytes(PROBE), written)
					&& Arrays.equals(mapper.readValue(written, byte[].class), PROBE)
					&& mapper.readValue("null", byte[].class) == null;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Writes bytes as a quoted Base64 string.
	 * @param bytes the bytes
	 * @return the JSON text, in UTF-8
	 */
	static byte[] write(byte[] bytes) {
		byte[] encoded = Base64.getEncoder().encode(bytes);
		byte[] json = new byte[encoded.length + 2];
		json[0] = '"';
		System.arraycopy(encoded, 0, json, 1, encoded.length);
		json[json.length - 1] = '"';
		return json;
	}

	/**
	 * Reads a quoted, padded Base64 string and nothing else, without moving the payload's position.
	 * @param payload the payload, heap or direct
	 * @return the bytes, or {@code null} if the payload is not in exactly that form
	 */
	static byte @Nullable [] read(ByteBuffer payload) {
		int start = payload.position();
		int length = payload.remaining();
		int inner = length - 2;
		if (inner < 0 || inner % 4 != 0 || payload.get(start) != '"' || payload.get(start + length - 1) != '"') {
			return null;
		}
		for (int i = start + 1; i < start + length - 1; i++) {
			if (!isSymbol(payload.get(i))) {
				return null;
			}
		}
		try {
			ByteBuffer decoded = Base64.getDecoder().decode(payload.slice(start + 1, inner));
			byte[] bytes = decoded.array();
			return (decoded.arrayOffset() == 0 && decoded.position() == 0 && decoded.remaining() == bytes.length)
					? bytes : Arrays.copyOfRange(bytes, decoded.arrayOffset() + decoded.position(),
							decoded.arrayOffset() + decoded.limit());
		}
		catch (IllegalArgumentException ex) {
			// Padding in the wrong place: the mapper reports it with its own message.
			return null;
		}
	}

	private static boolean isSymbol(byte b) {
		return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/'
				|| b == '=';
	}

	private static byte[] probe() {
		byte[] bytes = new byte[3 * 64 + 1];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 4 + (i >> 6));
		}
		return bytes;
	}

}
