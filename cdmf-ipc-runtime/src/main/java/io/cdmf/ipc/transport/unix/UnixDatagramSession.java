package io.cdmf.ipc.transport.unix;

import java.nio.ByteBuffer;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.datagram.DatagramFrames;
import io.cdmf.ipc.transport.datagram.DatagramSession;
import io.cdmf.ipc.transport.datagram.ReceiveThreads;
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
final class UnixDatagramSession extends DatagramSession<UnixDatagramPeer> {

	private static final Logger logger = LoggerFactory.getLogger(UnixDatagramSession.class);

	final BoundDatagramSocket socket;

	final @Nullable UnixSocketFiles files;

	final @Nullable UnixDatagramPeers peers;

	/** Encodes sends, held to the configured datagram limit or the kernel's lower one. */
	final DatagramFrames frames;

	private final UnixDatagramReceiver receiver;

	private final Thread thread;

	/**
	 * Creates a session; {@link #start()} starts receiving.
	 * @param socket the bound socket
	 * @param files a server's claim on its path, or {@code null} for a client
	 * @param peers a server's sender cache, or {@code null} for a client
	 * @param server a client's server, or {@code null} for a server
	 * @param frames the transport's encoder, with the configured datagram limit; sends are held to it or to the
	 * kernel's lower limit
	 * @param receiver the receive loop over {@code socket}
	 */
	UnixDatagramSession(BoundDatagramSocket socket, @Nullable UnixSocketFiles files, @Nullable UnixDatagramPeers peers,
			@Nullable UnixDatagramPeer server, DatagramFrames frames, UnixDatagramReceiver receiver) {
		super(server);
		this.socket = socket;
		this.files = files;
		this.peers = peers;
		int kernelLimit = socket.kernelMaxDatagramSize();
		if (kernelLimit < frames.limit()) {
			logger.warn("The kernel caps the send buffer of {} (net.core.wmem_max): datagrams above {} bytes cannot "
					+ "be sent although {} is {}", socket.path(), kernelLimit,
					UnixDatagramTransport.OPTION_MAX_DATAGRAM_SIZE, frames.limit());
		}
		this.frames = frames.withLimit(Math.min(kernelLimit, frames.limit()));
		this.receiver = receiver;
		this.thread = new Thread(receiver, "cdmf-dgram-" + socket.path().getFileName());
		this.thread.setDaemon(true);
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
		return this.frames.encode(message, endpoint);
	}

	@Override
	protected void forget(UnixDatagramPeer peer) {
		if (this.peers != null) {
			this.peers.remove(peer);
		}
	}

	/**
	 * Stops receiving, closes the socket and deletes its file: a server releases its claim, a client deletes its
	 * reply socket.
	 */
	@Override
	protected void close() {
		// Stop the loop, wake it, and let it finish before the descriptor is closed and its number can be reused.
		this.receiver.stop();
		this.socket.shutdown();
		ReceiveThreads.join(this.thread);
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

}
