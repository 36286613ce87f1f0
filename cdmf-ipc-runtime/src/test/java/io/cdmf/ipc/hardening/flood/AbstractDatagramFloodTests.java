package io.cdmf.ipc.hardening.flood;

import java.util.ArrayList;
import java.util.List;

/**
 * Floods a datagram transport: each round is one sending socket that sends one to eight datagrams (bad frames,
 * sometimes a valid one, now and then one over the server's datagram limit) and closes. Every datagram is one frame,
 * so each bad one must be counted exactly once. The flood paces itself: after each window of
 * {@value #WINDOW} datagrams it waits until the server has counted the rejections so far, so that none is dropped by
 * a full receive buffer (UDP drops silently; a Unix datagram sender blocks).
 */
abstract class AbstractDatagramFloodTests extends AbstractFloodTests {

	/** Datagrams a flooding thread sends between two checks of the server's counter. */
	static final int WINDOW = 64;

	private final ThreadLocal<int[]> unpaced = ThreadLocal.withInitial(() -> new int[1]);

	/**
	 * Returns the server's datagram limit: a larger datagram is rejected whole.
	 * @return bytes
	 */
	abstract int maxDatagramSize();

	/**
	 * Returns the largest datagram the flood can send, above {@link #maxDatagramSize()} if the socket allows it.
	 * @return bytes
	 */
	abstract int largestDatagram();

	/**
	 * Sends datagrams from one new socket, then closes it.
	 * @param endpoint the server's bound endpoint
	 * @param datagrams the datagrams
	 * @param bound whether the socket has an address the server can answer
	 * @throws Exception on I/O failure
	 */
	abstract void send(String endpoint, List<byte[]> datagrams, boolean bound) throws Exception;

	@Override
	void floodRound(String endpoint, FloodFrames frames, FloodTally tally) throws Exception {
		List<byte[]> datagrams = new ArrayList<>();
		for (int i = 1 + frames.nextInt(8); i > 0; i--) {
			int pick = frames.nextInt(40);
			byte[] datagram = (pick == 0) ? new byte[largestDatagram()] : (pick < 6) ? frames.valid() : frames.next();
			datagrams.add(datagram);
		}
		send(endpoint, datagrams, frames.nextInt(2) == 0);
		tally.connection();
		for (byte[] datagram : datagrams) {
			tally.sent(1, datagram.length, FrameOracle.datagram(datagram, maxDatagramSize()));
		}
		int[] count = this.unpaced.get();
		count[0] += datagrams.size();
		if (count[0] >= WINDOW) {
			count[0] = 0;
			awaitCounted(tally);
		}
	}

}
