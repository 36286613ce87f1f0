package io.cdmf.ipc.transport.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.RateLimitedLog;
import io.cdmf.ipc.transport.TransportCounters;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.datagram.DatagramRejections;
import org.jspecify.annotations.Nullable;

/**
 * The receive loop of a {@link UdpTransport}: reads each datagram into one reused buffer, decodes it as one whole
 * frame and hands the message over with its sender as origin.
 * <p>
 * A datagram that is not a valid frame is counted, logged (rate-limited), reported, and, on a server, answered
 * with an {@link MessageType#ERROR} when the frame's extent was sound and it claims a message id; the loop then goes
 * on with the next datagram, whoever sent it. On a client, an ICMP "port unreachable" for the connected server
 * ({@link PortUnreachableException}) means the server is gone: the transport reports its connection lost.
 *
 * @since 0.1.0
 */
final class UdpReceiver implements Runnable {

	/** Largest UDP payload (IPv6 without jumbograms); the buffer holds any datagram whole, so none is truncated. */
	static final int MAX_UDP_PAYLOAD = 65527;

	private final UdpTransport transport;

	private final DatagramChannel channel;

	private final int maxDatagramSize;

	private final @Nullable UdpPeers peers;

	private final @Nullable UdpPeer server;

	private final TransportCounters counters;

	private final RateLimitedLog rejectLog;

	private volatile boolean running = true;

	UdpReceiver(UdpTransport transport, DatagramChannel channel, int maxDatagramSize, @Nullable UdpPeers peers,
			@Nullable UdpPeer server, TransportCounters counters, RateLimitedLog rejectLog) {
		if ((peers == null) == (server == null)) {
			throw new IllegalArgumentException(
					"exactly one of peers and server must be given: " + peers + ", " + server);
		}
		this.transport = transport;
		this.channel = channel;
		this.maxDatagramSize = maxDatagramSize;
		this.peers = peers;
		this.server = server;
		this.counters = counters;
		this.rejectLog = rejectLog;
	}

	@Override
	public void run() {
		FrameDecoder decoder = new FrameDecoder(this.maxDatagramSize);
		ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_UDP_PAYLOAD + 1);
		while (this.running) {
			UdpPeer peer;
			try {
				buffer.clear();
				if (this.peers != null) {
					SocketAddress from = this.channel.receive(buffer);
					peer = this.peers.peerFor((InetSocketAddress) from);
				}
				else {
					this.channel.read(buffer);
					peer = this.server;
				}
			}
			catch (PortUnreachableException ex) {
				this.transport.serverUnreachable(ex);
				continue;
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException | RuntimeException ex) {
				if (this.running) {
					this.transport.receiveFailed(ex);
				}
				return;
			}
			if (peer != null) {
				handle(decoder, buffer, buffer.position(), peer);
			}
		}
	}

	private void handle(FrameDecoder decoder, ByteBuffer buffer, int length, UdpPeer peer) {
		Message message;
		try {
			message = DatagramRejections.decode(decoder, buffer, length, this.maxDatagramSize);
		}
		catch (FrameException ex) {
			reject(ex, peer, length);
			return;
		}
		this.counters.messageReceived(length);
		message.setOrigin(peer);
		this.transport.handOver(message);
	}

	private void reject(FrameException ex, UdpPeer peer, int length) {
		this.counters.frameRejected();
		this.counters.bytesReceived(length);
		this.rejectLog.warn("Rejected a datagram of {} bytes from {} on {}: {}", length, peer.describe(),
				this.transport.getBoundEndpoint(), ex.getMessage());
		this.transport.report(new TransportError(ex.getErrorInfo(), peer, false, ex));
		Message answer = (this.peers != null) ? DatagramRejections.answerTo(ex, peer) : null;
		if (answer != null) {
			try {
				peer.send(answer);
			}
			catch (IpcException sendFailure) {
				this.transport.report(
						DatagramRejections.answerFailed(peer, sendFailure, this.transport.getBoundEndpoint()));
			}
		}
	}

	/**
	 * Makes the loop end; the caller then closes the channel to wake it.
	 */
	void stop() {
		this.running = false;
	}

}
