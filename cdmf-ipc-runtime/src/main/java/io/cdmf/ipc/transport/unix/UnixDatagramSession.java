package io.cdmf.ipc.transport.unix;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameEncoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a started server or a connected client of a {@link UnixDatagramTransport} holds: the bound socket, its
 * receive thread, and either the server's claim on its path and sender cache or the client's server. Replaced as a
 * whole, so that a sender sees one consistent set.
 *
 * @since 0.1.0
 */
final class UnixDatagramSession {

	private static final Logger logger = LoggerFactory.getLogger(UnixDatagramSession.class);

	private static final long JOIN_TIMEOUT_MILLIS = 5_000;

	private static final int INITIAL_SEND_BUFFER_SIZE = 8192;

	final BoundDatagramSocket socket;

	final @Nullable UnixSocketFiles files;

	final @Nullable UnixDatagramPeers peers;

	final @Nullable UnixDatagramPeer server;

	final FrameEncoder encoder;

	final int sendLimit;

	/** Set once the client found its server gone, or receiving failed; {@code connect()} then starts afresh. */
	final AtomicBoolean lost = new AtomicBoolean();

	private final ThreadLocal<ByteBuffer> sendBuffers;

	private final UnixDatagramReceiver receiver;

	private final Thread thread;

	/**
	 * Creates a session; {@link #start()} starts receiving.
	 * @param socket the bound socket
	 * @param files a server's claim on its path, or {@code null} for a client
	 * @param peers a server's sender cache, or {@code null} for a client
	 * @param server a client's server, or {@code null} for a server
	 * @param encoder the encoder for sends
	 * @param maxDatagramSize the configured datagram limit; sends are held to it or to the kernel's lower limit
	 * @param sendBuffers the transport's encode buffers, from {@link #newSendBuffers()}
	 * @param receiver the receive loop over {@code socket}
	 */
	UnixDatagramSession(BoundDatagramSocket socket, @Nullable UnixSocketFiles files, @Nullable UnixDatagramPeers peers,
			@Nullable UnixDatagramPeer server, FrameEncoder encoder, int maxDatagramSize,
			ThreadLocal<ByteBuffer> sendBuffers, UnixDatagramReceiver receiver) {
		this.socket = socket;
		this.files = files;
		this.peers = peers;
		this.server = server;
		this.encoder = encoder;
		int kernelLimit = socket.kernelMaxDatagramSize();
		if (kernelLimit < maxDatagramSize) {
			logger.warn("The kernel caps the send buffer of {} (net.core.wmem_max): datagrams above {} bytes cannot "
					+ "be sent although {} is {}", socket.path(), kernelLimit,
					UnixDatagramTransport.OPTION_MAX_DATAGRAM_SIZE, maxDatagramSize);
		}
		this.sendLimit = Math.min(kernelLimit, maxDatagramSize);
		this.sendBuffers = sendBuffers;
		this.receiver = receiver;
		this.thread = new Thread(receiver, "cdmf-dgram-" + socket.path().getFileName());
		this.thread.setDaemon(true);
	}

	/**
	 * Returns encode buffers for a transport: one per sending thread, so that a send needs no allocation and no lock
	 * once the thread's buffer has grown to its largest message. They start small, so a large datagram limit costs
	 * memory only in threads that send large messages. One set per transport, not per session, so that reconnecting
	 * leaves no stale buffers in pooled threads.
	 * @return the thread-local buffers
	 */
	static ThreadLocal<ByteBuffer> newSendBuffers() {
		return ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(INITIAL_SEND_BUFFER_SIZE));
	}

	/**
	 * Starts the receive thread.
	 */
	void start() {
		this.thread.start();
	}

	/**
	 * Encodes a message into this thread's send buffer.
	 * @param message the message
	 * @param endpoint the transport's endpoint, for the error message
	 * @return the buffer, from position 0 to the frame's length; valid until this thread's next encode
	 * @throws IpcException with {@code MESSAGE_TOO_LARGE} if the frame exceeds the datagram limit, or as
	 * {@link FrameEncoder#frameLength(Message)}
	 */
	ByteBuffer encode(Message message, Object endpoint) {
		int length = this.encoder.frameLength(message);
		if (length > this.sendLimit) {
			throw new IpcException(ErrorCode.MESSAGE_TOO_LARGE, "Message " + message.getMessageId() + " is " + length
					+ " bytes as a datagram, more than the limit of " + this.sendLimit + " bytes of " + endpoint
					+ "; nothing was sent. Raise option " + UnixDatagramTransport.OPTION_MAX_DATAGRAM_SIZE
					+ " on both sides or use unix:// for large messages.");
		}
		ByteBuffer buffer = this.sendBuffers.get();
		if (buffer.capacity() < length) {
			buffer = ByteBuffer.allocateDirect((int) Math.min(this.sendLimit, 2L * Integer.highestOneBit(length)));
			this.sendBuffers.set(buffer);
		}
		this.encoder.encode(message, buffer.clear(), 0, length);
		return buffer.limit(length).position(0);
	}

	/**
	 * Returns whether this is a client's session.
	 * @return whether it is connected to a server
	 */
	boolean isClient() {
		return this.server != null;
	}

	/**
	 * Stops receiving, closes the socket and deletes its file: a server releases its claim, a client deletes its
	 * reply socket.
	 */
	void close() {
		// Stop the loop, wake it, and let it finish before the descriptor is closed and its number can be reused.
		this.receiver.stop();
		this.socket.shutdown();
		join(this.thread);
		try {
			this.socket.close();
		}
		finally {
			if (this.files != null) {
				this.files.close();
			}
			else {
				UnixDatagramReplySockets.delete(this.socket.path());
			}
			if (this.peers != null) {
				this.peers.clear();
			}
		}
	}

	private static void join(Thread thread) {
		if (thread == Thread.currentThread()) {
			// Closed from a message callback: the loop sees the cleared flag when the callback returns.
			return;
		}
		try {
			thread.join(JOIN_TIMEOUT_MILLIS);
			if (thread.isAlive()) {
				logger.warn("Receive thread {} did not end within {} ms; a message callback may be blocked",
						thread.getName(), JOIN_TIMEOUT_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while waiting for receive thread {} to end", thread.getName());
		}
	}

}
