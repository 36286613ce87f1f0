package io.cdmf.ipc.transport.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.datagram.DatagramFrames;
import io.cdmf.ipc.transport.datagram.DatagramSession;
import io.cdmf.ipc.transport.datagram.ReceiveThreads;
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
final class UdpSession extends DatagramSession<UdpPeer> {

	private static final Logger logger = LoggerFactory.getLogger(UdpTransport.class);

	final DatagramChannel channel;

	final @Nullable UdpPeers peers;

	final int boundPort;

	private final DatagramFrames frames;

	private final UdpReceiver receiver;

	private final Thread thread;

	UdpSession(DatagramChannel channel, @Nullable UdpPeers peers, @Nullable UdpPeer server, int boundPort,
			DatagramFrames frames, UdpReceiver receiver) {
		super(server);
		this.channel = channel;
		this.peers = peers;
		this.boundPort = boundPort;
		this.frames = frames;
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

	void start() {
		this.thread.start();
	}

	/**
	 * Encodes a message into this thread's send buffer.
	 * @param message the message
	 * @param endpoint the transport's endpoint, for the error message
	 * @return the buffer, from position 0 to the frame's length; valid until this thread's next encode
	 * @throws IpcException with {@code MESSAGE_TOO_LARGE} if the frame exceeds the datagram limit
	 * @see DatagramFrames#encode(Message, Object)
	 */
	ByteBuffer encode(Message message, String endpoint) {
		return this.frames.encode(message, endpoint);
	}

	@Override
	protected void forget(UdpPeer peer) {
		if (this.peers != null) {
			this.peers.remove(peer);
		}
	}

	/**
	 * Stops receiving and closes the channel; closing wakes the receive thread, which is then awaited.
	 */
	@Override
	protected void close() {
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
		ReceiveThreads.join(this.thread);
	}

}
