package io.cdmf.ipc.fuzz;

import java.nio.ByteBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.shm.ShmServerFuzzHarness;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the reader of a shm:// server's request ring: a real server over a real ring in {@code /dev/shm}, whose
 * memory the fuzzer writes as a hostile client process can (every client maps the request ring read-write).
 * <p>
 * Input: byte 0 says what to overwrite (bit 0 the records, bit 1 the tail position, bit 2 the head position),
 * bytes 1-2 where in the ring the bytes go, bytes 3-10 the position to write into the tail or head, the rest the
 * bytes themselves, from the ring's read position on (wrapping at its end). The ring is reset before each input.
 * Invariants: the server's duty cycle never throws and returns; and when the positions were left consistent, the
 * server consumes what the hostile client left (a record claimed and never committed holds the ring until the
 * server's stall check releases it, which the fuzzer does at once) without reading past the producers' position,
 * and a well-formed frame that a well-behaved client writes next is delivered: no record wedges or desynchronizes
 * the ring for the other clients. (A hostile client can still destroy records written at the same time as its own,
 * and detach other clients, which then attach again: the ring is shared memory that every client writes.)
 *
 * @since 0.1.0
 */
class ShmRingFuzzer {

	private static final int POLLS = 64;

	private static @Nullable ShmServerFuzzHarness shared;

	@AfterAll
	static void stopServer() {
		if (shared != null) {
			shared.close();
		}
	}

	@FuzzTest(maxDuration = "3s")
	void survivesWhateverIsWrittenIntoTheRing(byte[] input) {
		if (input.length < 11) {
			return;
		}
		if (shared == null) {
			// Made on the first input, not in @BeforeAll: classes loaded before Jazzer's agent are retransformed, and
			// retransforming a record with type annotations (EndpointUri) breaks its fields (JDK-8376185).
			shared = new ShmServerFuzzHarness();
		}
		ShmServerFuzzHarness harness = shared;
		ByteBuffer memory = harness.memory();
		int capacity = harness.capacity();
		int ring = harness.ringOffset();
		reset(memory, ring, capacity);
		int mode = input[0] & 0xFF;
		int start = (((input[1] & 0xFF) << 8) | (input[2] & 0xFF)) & (capacity - 1) & ~7;
		long position = ByteBuffer.wrap(input, 3, 8).getLong();
		int length = Math.min(input.length - 11, capacity);
		if ((mode & 1) != 0) {
			for (int i = 0; i < length; i++) {
				memory.put(ring + ((start + i) & (capacity - 1)), input[11 + i]);
			}
		}
		long head = start;
		long tail = start + ((length + 7) & ~7);
		boolean consistent = (mode & 6) == 0;
		memory.putLong(harness.trailerOffset(RingBufferDescriptor.HEAD_POSITION_OFFSET), head);
		memory.putLong(harness.trailerOffset(RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET), head);
		memory.putLong(harness.trailerOffset(RingBufferDescriptor.TAIL_POSITION_OFFSET),
				((mode & 2) != 0) ? position : tail);
		if ((mode & 4) != 0) {
			memory.putLong(harness.trailerOffset(RingBufferDescriptor.HEAD_POSITION_OFFSET), position);
		}
		for (int i = 0; i < POLLS && harness.poll() > 0; i++) {
			// Read what the hostile client wrote.
		}
		if (!consistent) {
			return;
		}
		// The hostile client stops: what it left is consumed, or released by the stall check (Agrona releases a claim
		// that is never committed once a later record shows where it ends), and a well-behaved client writes.
		drain(harness, tail);
		if (harness.consumerPosition() != tail && !harness.isZeroUpTo(tail)) {
			// Stopped at a claim in progress with hostile bytes in it (a negative length longer than what was
			// claimed, a length further in): its release pads up to what it finds, over whatever is written after
			// it. Only a claim left all zero ends where the next record starts, so only then must the next frame
			// get through.
			return;
		}
		if (!harness.ensureAttached()) {
			throw new AssertionError("the client could not attach again after hostile bytes: head "
					+ harness.consumerPosition() + ", tail " + harness.producerPosition());
		}
		long before = harness.received();
		long rejected = harness.rejected();
		if (!harness.writeFrame(Message.request("echo", ByteBuffer.wrap(new byte[] { 1, 2, 3 })))) {
			throw new AssertionError("a well-behaved client found no room in the ring: head "
					+ harness.consumerPosition() + ", tail " + tail);
		}
		for (int i = 0; i < POLLS && harness.received() == before; i++) {
			drain(harness, harness.producerPosition());
		}
		if (harness.received() == before) {
			throw new AssertionError("a well-formed frame written after hostile bytes was never delivered: head "
					+ harness.consumerPosition() + ", tail " + harness.producerPosition() + ", rejected "
					+ (harness.rejected() - rejected));
		}
	}

	/**
	 * Runs duty cycles, and the stall check's release when nothing moves, failing if the read position passes the
	 * producers'.
	 */
	private static void drain(ShmServerFuzzHarness harness, long tail) {
		for (int i = 0; i < POLLS && harness.consumerPosition() != tail; i++) {
			if (harness.poll() == 0) {
				harness.unblock();
			}
			if (harness.consumerPosition() - tail > 0) {
				throw new AssertionError("the server read past the producers: head " + harness.consumerPosition()
						+ ", tail " + tail);
			}
		}
	}

	private static void reset(ByteBuffer memory, int ring, int capacity) {
		for (int i = 0; i < capacity; i += 8) {
			memory.putLong(ring + i, 0);
		}
	}

}
