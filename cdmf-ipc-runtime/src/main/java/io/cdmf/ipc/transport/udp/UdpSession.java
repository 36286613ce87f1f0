package io.cdmf.ipc.transport.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.net.NetEndpoints;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a started server or a connected client of a {@link UdpTransport} holds: the channel, its receive thread, and
 * either the server's sender cache or the client's server. Replaced as a whole, so that a sender sees one consistent
 * set.
 *
 * @since 0.1.0
 */
final class UdpSession {

	private static final Logger logger = LoggerFactory.getLogger(UdpTransport.class);

	private static final long JOIN_TIMEOUT_MILLIS = 5_000;

	private static final int INITIAL_SEND_BUFFER_SIZE = 8192;

	final DatagramChannel channel;

	final @Nullable UdpPeers peers;

	final @Nullable UdpPeer server;

	final int boundPort;

	/** Set once the client found its server gone, or receiving failed; {@code connect()} then starts afresh. */
	final AtomicBoolean lost = new AtomicBoolean();

	private final FrameEncoder encoder;

	private final int maxDatagramSize;

	private final ThreadLocal<ByteBuffer> sendBuffers;

	private final UdpReceiver receiver;

	private final Thread thread;

	UdpSession(DatagramChannel channel, @Nullable UdpPeers peers, @Nullable UdpPeer server, int boundPort,
			FrameEncoder encoder, int maxDatagramSize, ThreadLocal<ByteBuffer> sendBuffers, UdpReceiver receiver) {
		this.channel = channel;
		this.peers = peers;
		this.server = server;
		this.boundPort = boundPort;
		this.encoder = encoder;
		this.maxDatagramSize = maxDatagramSize;
		this.sendBuffers = sendBuffers;
		this.receiver = receiver;
		this.thread = new Thread(receiver, "cdmf-udp-" + boundPort);
		this.thread.setDaemon(true);
	}

	/**
	 * Opens a channel of the address's family with the socket buffer sizes asked for.
	 * @param address the address to bind or connect to
	 * @param bufferSize the receive and send buffer size asked of the kernel
	 * @param config the transport's configuration, for the error message
	 * @return the channel, not yet bound
	 * @throws IpcException with {@code UNAVAILABLE} if no socket can be opened
	 */
	static DatagramChannel openChannel(InetSocketAddress address, int bufferSize, TransportConfig config) {
		ProtocolFamily family = NetEndpoints.isIpv6(address) ? StandardProtocolFamily.INET6
				: StandardProtocolFamily.INET;
		DatagramChannel channel = null;
		try {
			channel = DatagramChannel.open(family);
			channel.setOption(StandardSocketOptions.SO_RCVBUF, bufferSize);
			channel.setOption(StandardSocketOptions.SO_SNDBUF, bufferSize);
			return channel;
		}
		catch (IOException ex) {
			if (channel != null) {
				try {
					channel.close();
				}
				catch (IOException closeFailure) {
					ex.addSuppressed(closeFailure);
				}
			}
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot open a UDP socket for " + config.endpoint() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns encode buffers for a transport: one per sending thread, so a send needs no lock and, once the thread's
	 * buffer has grown to its largest message, no allocation.
	 * @return the thread-local buffers
	 */
	static ThreadLocal<ByteBuffer> newSendBuffers() {
		return ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(INITIAL_SEND_BUFFER_SIZE));
	}

	void start() {
		this.thread.start();
	}

	boolean isClient() {
		return this.server != null;
	}

	/**
	 * Encodes a message into this thread's send buffer.
	 * @param message the message
	 * @param endpoint the transport's endpoint, for the error message
	 * @return the buffer, from position 0 to the frame's length; valid until this thread's next encode
	 * @throws IpcException with {@code MESSAGE_TOO_LARGE} if the frame exceeds the datagram limit
	 */
	ByteBuffer encode(Message message, String endpoint) {
		int length = this.encoder.frameLength(message);
		if (length > this.maxDatagramSize) {
			throw new IpcException(ErrorCode.MESSAGE_TOO_LARGE, "Message " + message.getMessageId() + " is " + length
					+ " bytes as a datagram, more than the limit of " + this.maxDatagramSize + " bytes of " + endpoint
					+ "; nothing was sent. Raise option " + UdpTransport.OPTION_MAX_DATAGRAM_SIZE
					+ " on both sides (at most 65507) or use tcp:// for large messages.");
		}
		ByteBuffer buffer = this.sendBuffers.get();
		if (buffer.capacity() < length) {
			buffer = ByteBuffer.allocateDirect(Math.min(this.maxDatagramSize, 2 * Integer.highestOneBit(length)));
			this.sendBuffers.set(buffer);
		}
		this.encoder.encode(message, buffer.clear(), 0, length);
		return buffer.limit(length).position(0);
	}

	/**
	 * Stops receiving and closes the channel; closing wakes the receive thread, which is then awaited.
	 */
	void close() {
		this.receiver.stop();
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing UDP channel on port {} failed", this.boundPort, ex);
		}
		if (this.peers != null) {
			this.peers.clear();
		}
		if (this.thread == Thread.currentThread()) {
			return;
		}
		try {
			this.thread.join(JOIN_TIMEOUT_MILLIS);
			if (this.thread.isAlive()) {
				logger.warn("Receive thread {} did not end within {} ms; a message callback may be blocked",
						this.thread.getName(), JOIN_TIMEOUT_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
