package io.cdmf.ipc.hardening.flood;

import java.nio.ByteBuffer;

import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.datagram.DatagramRejections;

/**
 * Tells, with the product's own decoder, what a server must make of bytes a flood sends: how many frames it must
 * reject and how many messages it must deliver, so that a test can hold the server's counters to that. It reads the
 * way the transports read: a stream connection as a sequence of frames that ends at the first frame whose prefix is
 * bad (the server closes) or at an incomplete frame (the server waits, then sees the sender close); a datagram as
 * exactly one frame.
 */
final class FrameOracle {

	private FrameOracle() {
	}

	/**
	 * Returns what a stream server makes of the bytes one connection sends before it closes its side.
	 * @param bytes everything the connection sends
	 * @param maxFrameLength the server's maximum frame length
	 * @return the expected counts
	 */
	static Expected stream(byte[] bytes, int maxFrameLength) {
		FrameDecoder decoder = new FrameDecoder(maxFrameLength);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		int position = 0;
		long rejected = 0;
		long messages = 0;
		while (true) {
			int available = bytes.length - position;
			int length;
			try {
				length = decoder.frameLength(buffer, position, available);
			}
			catch (FrameException ex) {
				return new Expected(rejected + 1, messages, true);
			}
			if (length == 0 || available < length) {
				return new Expected(rejected, messages, false);
			}
			try {
				decoder.decode(buffer, position, length, true);
				messages++;
			}
			catch (FrameException ex) {
				rejected++;
			}
			position += length;
		}
	}

	/**
	 * Returns what a datagram server makes of one datagram.
	 * @param datagram the datagram
	 * @param maxDatagramSize the server's datagram limit
	 * @return the expected counts: one rejection or one message
	 */
	static Expected datagram(byte[] datagram, int maxDatagramSize) {
		try {
			DatagramRejections.decode(new FrameDecoder(maxDatagramSize), ByteBuffer.wrap(datagram), datagram.length,
					maxDatagramSize);
			return new Expected(0, 1, false);
		}
		catch (FrameException ex) {
			return new Expected(1, 0, false);
		}
	}

	/**
	 * What a server must count for some input.
	 *
	 * @param rejected frames it rejects
	 * @param messages messages it delivers
	 * @param closes whether it closes the connection (a bad prefix on a stream)
	 */
	record Expected(long rejected, long messages, boolean closes) {

	}

}
