package io.cdmf.ipc.transport.stream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The read buffers of a stream server's connections, kept when a connection closes and handed to the next one.
 * <p>
 * Direct memory is given back only when its buffer is collected, and a buffer is small on the heap, so a flood of
 * short connections (each closed after a bad frame) used to hold one 32 KiB buffer per closed connection until the
 * next GC: up to {@code -XX:MaxDirectMemorySize} (by default the heap's maximum) of resident memory, and, with
 * explicit GC disabled, {@code OutOfMemoryError: Direct buffer memory} past it. Reusing the buffers keeps direct
 * memory at what the open connections need. A buffer comes back only once nothing can read it any more (on the
 * loop thread, after the read that closed its connection), and only at its first size; grown ones go to the GC.
 *
 * @since 0.1.0
 */
final class ReadBuffers {

	/** The size a connection's read buffer starts at. */
	static final int INITIAL_SIZE = 32 * 1024;

	/** Buffers kept for reuse at most: 8 MiB. */
	static final int MAX_KEPT = 256;

	private final ArrayBlockingQueue<ByteBuffer> kept = new ArrayBlockingQueue<>(MAX_KEPT);

	/**
	 * Returns an empty buffer of {@link #INITIAL_SIZE} bytes, little-endian: a kept one, or a new one.
	 * @return the buffer
	 */
	ByteBuffer take() {
		ByteBuffer buffer = this.kept.poll();
		return (buffer != null) ? buffer : ByteBuffer.allocateDirect(INITIAL_SIZE).order(ByteOrder.LITTLE_ENDIAN);
	}

	/**
	 * Keeps a buffer that nothing reads any more, if it has its first size and there is room.
	 * @param buffer the buffer
	 */
	void give(ByteBuffer buffer) {
		if (buffer.isDirect() && buffer.capacity() == INITIAL_SIZE) {
			this.kept.offer(buffer.clear().order(ByteOrder.LITTLE_ENDIAN));
		}
	}

	/**
	 * Returns how many buffers are kept now.
	 * @return the count
	 */
	int kept() {
		return this.kept.size();
	}

}
