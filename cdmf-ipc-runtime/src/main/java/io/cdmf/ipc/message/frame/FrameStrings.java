package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the UTF-8 strings of frame metadata for one {@link FrameDecoder}, with a small cache of the strings that
 * repeat from frame to frame (method names, endpoints), so that a steady stream of frames makes no new strings.
 * <p>
 * Not thread-safe, like its decoder.
 *
 * @since 0.1.0
 */
final class FrameStrings {

	private static final int CACHE_SIZE = 64;

	private static final int MAX_CACHED_LENGTH = 256;

	private byte[] scratch = new byte[256];

	private final byte[][] cachedBytes = new byte[CACHE_SIZE][];

	private final String[] cached = new String[CACHE_SIZE];

	/**
	 * Decodes a string, always as a new {@code String}.
	 * @param buffer the bytes
	 * @param index where the string starts
	 * @param length its length in bytes
	 * @return the string
	 */
	String decode(ByteBuffer buffer, int index, int length) {
		if (buffer.hasArray()) {
			return new String(buffer.array(), buffer.arrayOffset() + index, length, StandardCharsets.UTF_8);
		}
		byte[] bytes = scratch(length);
		buffer.get(index, bytes, 0, length);
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	/**
	 * Decodes a string that is likely to repeat: a small direct-mapped cache keyed by its bytes spares a String per
	 * field per frame. A collision just replaces the entry; long strings are not cached.
	 * @param buffer the bytes
	 * @param index where the string starts
	 * @param length its length in bytes
	 * @return the string, from the cache if the same bytes were decoded before
	 */
	String cached(ByteBuffer buffer, int index, int length) {
		if (length > MAX_CACHED_LENGTH) {
			return decode(buffer, index, length);
		}
		// Hashed and compared in place: a hit (nearly every frame) copies nothing.
		int hash = 1;
		for (int i = 0; i < length; i++) {
			hash = 31 * hash + buffer.get(index + i);
		}
		int slot = (hash ^ (hash >>> 16)) & (CACHE_SIZE - 1);
		byte[] entry = this.cachedBytes[slot];
		if (entry != null && entry.length == length && equalsAt(buffer, index, entry)) {
			return this.cached[slot];
		}
		byte[] bytes = new byte[length];
		buffer.get(index, bytes, 0, length);
		String value = new String(bytes, StandardCharsets.UTF_8);
		this.cachedBytes[slot] = bytes;
		this.cached[slot] = value;
		return value;
	}

	private static boolean equalsAt(ByteBuffer buffer, int index, byte[] entry) {
		for (int i = 0; i < entry.length; i++) {
			if (buffer.get(index + i) != entry[i]) {
				return false;
			}
		}
		return true;
	}

	private byte[] scratch(int length) {
		if (this.scratch.length < length) {
			this.scratch = new byte[Math.max(length, this.scratch.length * 2)];
		}
		return this.scratch;
	}

}
