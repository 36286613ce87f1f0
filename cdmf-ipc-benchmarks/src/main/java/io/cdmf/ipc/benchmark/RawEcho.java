package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * The raw baselines' wire format and echo loop: each frame is a 4-byte big-endian payload length followed by the
 * payload.
 * <p>
 * The loop is the least a server can do: one {@code read} brings in whatever arrived, every complete frame in it is
 * written straight back from the same direct buffer with one {@code write}, nothing is copied or allocated. In a
 * ping-pong that is one {@code read} and one {@code write} per call, the floor the framework is compared with.
 * <p>
 * Each {@code read} asks for at most {@value #READ_WINDOW} bytes, what a hand-written server would use. The JDK does
 * not care; jnr-unixsocket allocates a heap buffer of the requested size for every {@code read} (and of the written
 * size for every {@code write}) and copies through it, so an unbounded request would penalize it unfairly.
 *
 * @since 0.1.0
 */
final class RawEcho {

	/** Length prefix of a frame, in bytes. */
	static final int HEADER_LENGTH = 4;

	/** Most bytes one {@code read} asks for: a 64 KiB payload and its prefix. */
	static final int READ_WINDOW = 64 * 1024 + HEADER_LENGTH;

	/** Size of the read buffers: room for at least two of the largest frames. */
	static final int BUFFER_SIZE = 2 * (BenchmarkOptions.MAX_SIZE + HEADER_LENGTH);

	private RawEcho() {
	}

	/**
	 * Echoes frames on a blocking channel until the peer closes it.
	 * @param channel a connected, blocking channel
	 * @throws IOException if reading or writing fails, or a frame is malformed
	 */
	static void serve(ByteChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
		while (true) {
			if (read(channel, buffer) < 0) {
				return;
			}
			int end = completeFramesEnd(buffer, buffer.position());
			if (end == 0) {
				continue;
			}
			int received = buffer.position();
			buffer.position(0).limit(end);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			buffer.limit(received).position(end);
			buffer.compact();
		}
	}

	/**
	 * Reads at most {@link #READ_WINDOW} bytes into a buffer, after its position.
	 * @param channel a blocking channel
	 * @param buffer the buffer; its limit is set to its capacity afterwards
	 * @return the bytes read, -1 at end of stream
	 * @throws IOException if reading fails
	 */
	static int read(ByteChannel channel, ByteBuffer buffer) throws IOException {
		buffer.limit(Math.min(buffer.capacity(), buffer.position() + READ_WINDOW));
		try {
			return channel.read(buffer);
		}
		finally {
			buffer.limit(buffer.capacity());
		}
	}

	/**
	 * Returns where the last complete frame in a buffer ends.
	 * @param buffer the buffer, frames starting at index 0
	 * @param received how many bytes from index 0 were received
	 * @return the end of the last complete frame, 0 if no frame is complete
	 * @throws IOException if a frame declares a length out of range
	 */
	static int completeFramesEnd(ByteBuffer buffer, int received) throws IOException {
		int index = 0;
		while (index + HEADER_LENGTH <= received) {
			int length = buffer.getInt(index);
			if (length < 0 || length > BenchmarkOptions.MAX_SIZE) {
				throw new IOException("frame at " + index + " declares " + length + " bytes, out of range");
			}
			if (index + HEADER_LENGTH + length > received) {
				break;
			}
			index += HEADER_LENGTH + length;
		}
		return index;
	}

	/**
	 * Returns a direct buffer holding one frame with a payload of a given size.
	 * @param size the payload size
	 * @return the frame, position 0, limit at its end
	 */
	static ByteBuffer frame(int size) {
		ByteBuffer frame = ByteBuffer.allocateDirect(HEADER_LENGTH + size);
		frame.putInt(size);
		for (int i = 0; i < size; i++) {
			frame.put((byte) i);
		}
		return frame.flip();
	}

	/**
	 * Writes a whole buffer to a blocking channel.
	 * @param channel the channel
	 * @param buffer the bytes, position to limit
	 * @throws IOException if writing fails
	 */
	static void writeFully(ByteChannel channel, ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

}
