package io.cdmf.ipc.serialization;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Payload buffers as transports hand them over: a window of a larger heap array, a window of direct memory, a
 * read-only view. The bytes around the window are junk, so a serializer that reads outside position-to-limit fails.
 */
public final class TestPayloads {

	private static final int PREFIX = 5;

	private static final int SUFFIX = 3;

	private static final byte JUNK = '{';

	private TestPayloads() {
	}

	/**
	 * Returns a heap buffer whose position-to-limit window holds the content, inside a larger array.
	 * @param content the content
	 * @return the buffer, positioned at the content
	 */
	public static ByteBuffer heap(byte[] content) {
		byte[] array = new byte[PREFIX + content.length + SUFFIX];
		Arrays.fill(array, JUNK);
		System.arraycopy(content, 0, array, PREFIX, content.length);
		return ByteBuffer.wrap(array, PREFIX, content.length);
	}

	/**
	 * Returns a direct buffer whose position-to-limit window holds the content, like a shared-memory slot.
	 * @param content the content
	 * @return the buffer, positioned at the content
	 */
	public static ByteBuffer direct(byte[] content) {
		ByteBuffer buffer = ByteBuffer.allocateDirect(PREFIX + content.length + SUFFIX);
		while (buffer.hasRemaining()) {
			buffer.put(JUNK);
		}
		buffer.put(PREFIX, content);
		return buffer.position(PREFIX).limit(PREFIX + content.length);
	}

	/**
	 * Returns a read-only heap buffer (one that does not expose its array) holding the content.
	 * @param content the content
	 * @return the buffer, positioned at the content
	 */
	public static ByteBuffer readOnly(byte[] content) {
		return heap(content).asReadOnlyBuffer();
	}

	/**
	 * Returns the bytes from a buffer's position to its limit, without moving its position.
	 * @param buffer the buffer
	 * @return a copy of the bytes
	 */
	public static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(buffer.position(), bytes);
		return bytes;
	}

}
