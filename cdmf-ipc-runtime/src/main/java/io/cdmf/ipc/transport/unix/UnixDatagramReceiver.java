package io.cdmf.ipc.transport.unix;

import java.io.IOException;
import java.nio.ByteBuffer;

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
 * The receive loop of a {@link UnixDatagramTransport}: reads each datagram into one reused direct buffer, decodes
 * it as a whole frame and hands the message over with its sender as origin.
 * <p>
 * A datagram that is not a valid frame is counted, logged (rate-limited), reported, and, on a server, answered with
 * an {@link MessageType#ERROR} message when the frame's extent was sound and it claims a message id; then the loop
 * goes on with the next datagram, whoever sent it.
 *
 * @since 0.1.0
 */
final class UnixDatagramReceiver implements Runnable {

	private final UnixDatagramTransport transport;

	private final BoundDatagramSocket socket;

	private final int maxDatagramSize;

	private final @Nullable UnixDatagramPeers peers;

	private final @Nullable UnixDatagramPeer server;

	private final TransportCounters counters;

	private final RateLimitedLog rejectLog;

	private volatile boolean running = true;

	/**
	 * Creates a receive loop.
	 * @param transport the transport to deliver to
	 * @param socket the bound socket to read
	 * @param maxDatagramSize the largest datagram accepted
	 * @param peers on a server, the sender cache; {@code null} on a client
	 * @param server on a client, its server (the only sender the kernel lets through); {@code null} on a server
	 * @param counters the transport's counters
	 * @param rejectLog where rejected datagrams are logged
	 */
	UnixDatagramReceiver(UnixDatagramTransport transport, BoundDatagramSocket socket, int maxDatagramSize,
			@Nullable UnixDatagramPeers peers, @Nullable UnixDatagramPeer server, TransportCounters counters,
			RateLimitedLog rejectLog) {
		if ((peers == null) == (server == null)) {
			throw new IllegalArgumentException(
					"exactly one of peers and server must be given: " + peers + ", " + server);
		}
		this.transport = transport;
		this.socket = socket;
		this.maxDatagramSize = maxDatagramSize;
		this.peers = peers;
		this.server = server;
		this.counters = counters;
		this.rejectLog = rejectLog;
	}

	@Override
	public void run() {
		FrameDecoder decoder = new FrameDecoder(this.maxDatagramSize);
		ByteBuffer buffer = ByteBuffer.allocateDirect(this.maxDatagramSize);
		byte[] address = new byte[UnixDatagramNative.SOCKADDR_UN_LENGTH];
		int[] addressLength = new int[1];
		while (this.running) {
			int length;
			try {
				length = this.socket.receive(buffer, address, addressLength);
			}
			catch (IOException | RuntimeException ex) {
				if (this.running) {
					this.transport.receiveFailed(ex);
				}
				return;
			}
			// stop() clears the flag before it shuts the socket down, so the wake-up read (length 0) ends here.
			if (!this.running) {
				return;
			}
			UnixDatagramPeer peer = (this.peers != null) ? this.peers.peerFor(address, addressLength[0])
					: this.server;
			if (peer != null) {
				handle(decoder, buffer, length, peer);
			}
		}
	}

	private void handle(FrameDecoder decoder, ByteBuffer buffer, int length, UnixDatagramPeer peer) {
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

	private void reject(FrameException ex, UnixDatagramPeer peer, int length) {
		this.counters.frameRejected();
		this.counters.bytesReceived(Math.min(length, this.maxDatagramSize));
		this.rejectLog.warn("Rejected a datagram of {} bytes from {} on {}: {}", length, peer.describe(),
				this.socket.path(), ex.getMessage());
		this.transport.report(new TransportError(ex.getErrorInfo(), peer, false, ex));
		Message answer = (this.peers != null && peer.hasAddress()) ? DatagramRejections.answerTo(ex, peer) : null;
		if (answer != null) {
			try {
				this.transport.sendRejection(peer, answer);
			}
			catch (IpcException sendFailure) {
				this.transport.report(
						DatagramRejections.answerFailed(peer, sendFailure, this.socket.path().toString()));
			}
		}
	}

	/**
	 * Makes the loop end at its next wake-up; the caller then shuts the socket down to wake it.
	 */
	void stop() {
		this.running = false;
	}

}
