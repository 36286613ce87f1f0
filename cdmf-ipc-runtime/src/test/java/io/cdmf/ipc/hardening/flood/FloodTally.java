package io.cdmf.ipc.hardening.flood;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a flood sent and what the server must have counted for it, added up by the flooding threads.
 */
final class FloodTally {

	private final LongAdder inputs = new LongAdder();

	private final LongAdder bytes = new LongAdder();

	private final LongAdder connections = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder messages = new LongAdder();

	/**
	 * Adds inputs sent and what the server must make of them.
	 * @param inputs bad (or valid) frames or datagrams sent
	 * @param bytes their bytes
	 * @param expected the oracle's verdict
	 */
	void sent(int inputs, int bytes, FrameOracle.Expected expected) {
		this.inputs.add(inputs);
		this.bytes.add(bytes);
		this.rejected.add(expected.rejected());
		this.messages.add(expected.messages());
	}

	/**
	 * Adds a rejection the server must count that no frame oracle predicts (an envelope it cannot parse).
	 * @param rejections the rejections
	 */
	void rejected(long rejections) {
		this.rejected.add(rejections);
	}

	/**
	 * Adds messages the server must deliver that no frame oracle predicts.
	 * @param delivered the messages
	 */
	void delivered(long delivered) {
		this.messages.add(delivered);
	}

	/**
	 * Counts a connection (or a sending socket) opened and closed.
	 */
	void connection() {
		this.connections.increment();
	}

	long inputs() {
		return this.inputs.sum();
	}

	long bytes() {
		return this.bytes.sum();
	}

	long connections() {
		return this.connections.sum();
	}

	long expectedRejected() {
		return this.rejected.sum();
	}

	long expectedMessages() {
		return this.messages.sum();
	}

}
