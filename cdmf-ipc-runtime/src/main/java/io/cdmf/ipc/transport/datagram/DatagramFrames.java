package io.cdmf.ipc.transport.datagram;

import java.nio.ByteBuffer;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameEncoder;

/**
 * Encodes messages into datagrams of at most a given size, each into its sending thread's own direct buffer: a send
 * needs no lock and, once the thread's buffer has grown to its largest message, no allocation. Buffers start small,
 * so a large limit costs memory only in threads that send large messages.
 * <p>
 * Keep one instance per transport, not per connection, so that reconnecting leaves no stale buffers in pooled
 * threads; {@link #withLimit(int)} makes a view with another limit over the same buffers.
 *
 * @since 0.1.0
 */
public final class DatagramFrames {

	private static final int INITIAL_BUFFER_SIZE = 8192;

	private final FrameEncoder encoder;

	private final ThreadLocal<ByteBuffer> buffers;

	private final int limit;

	private final String advice;

	/**
	 * Creates the encoder of a transport.
	 * @param encoder the frame encoder
	 * @param limit the largest datagram in bytes
	 * @param advice what to do about a message over the limit, for the error message (e.g. "Raise option
	 * max-datagram-size on both sides or use tcp:// for large messages.")
	 */
	public DatagramFrames(FrameEncoder encoder, int limit, String advice) {
		this(encoder, ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(INITIAL_BUFFER_SIZE)), limit, advice);
	}

	private DatagramFrames(FrameEncoder encoder, ThreadLocal<ByteBuffer> buffers, int limit, String advice) {
		if (limit <= 0) {
			throw new IllegalArgumentException("limit must be positive: " + limit);
		}
		this.encoder = encoder;
		this.buffers = buffers;
		this.limit = limit;
		this.advice = advice;
	}

	/**
	 * Returns an encoder over the same buffers with another limit (a socket whose kernel allows less).
	 * @param newLimit the largest datagram in bytes
	 * @return the encoder
	 */
	public DatagramFrames withLimit(int newLimit) {
		return (newLimit == this.limit) ? this : new DatagramFrames(this.encoder, this.buffers, newLimit, this.advice);
	}

	/**
	 * Returns the largest datagram this encoder makes.
	 * @return the limit in bytes
	 */
	public int limit() {
		return this.limit;
	}

	/**
	 * Encodes a message into this thread's buffer.
	 * @param message the message
	 * @param endpoint the sending transport's endpoint, for the error message
	 * @return the buffer, from position 0 to the frame's length; valid until this thread's next encode
	 * @throws IpcException with {@code MESSAGE_TOO_LARGE} if the frame exceeds the limit (nothing is encoded), or as
	 * {@link FrameEncoder#frameLength(Message)}
	 */
	public ByteBuffer encode(Message message, Object endpoint) {
		int length = this.encoder.frameLength(message);
		if (length > this.limit) {
			throw new IpcException(ErrorCode.MESSAGE_TOO_LARGE, "Message " + message.getMessageId() + " is " + length
					+ " bytes as a datagram, more than the limit of " + this.limit + " bytes of " + endpoint
					+ "; nothing was sent. " + this.advice);
		}
		ByteBuffer buffer = this.buffers.get();
		if (buffer.capacity() < length) {
			buffer = ByteBuffer.allocateDirect((int) Math.min(this.limit, 2L * Integer.highestOneBit(length)));
			this.buffers.set(buffer);
		}
		this.encoder.encode(message, buffer.clear(), 0, length);
		return buffer.limit(length).position(0);
	}

}
