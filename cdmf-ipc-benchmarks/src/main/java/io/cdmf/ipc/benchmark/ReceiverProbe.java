package io.cdmf.ipc.benchmark;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A small memory-mapped file through which the receiving thread of a shared-memory case (in the server JVM) tells
 * the benchmark JVM what it received: a message count, the producer-to-consumer latency of the last message, and
 * how many heap bytes the receiving thread has allocated.
 * <p>
 * The receiving thread calls {@link #received(long)} once per message. It publishes the count with a release write
 * (the benchmark JVM polls it to know when a burst has been consumed). When the benchmark JVM asks for a sample (by
 * writing a new request number), the receiving thread takes one at its next message: the count and its allocated
 * bytes, published with the request number last, so the benchmark JVM can compute bytes per received message over
 * its measuring interval from two samples. The probe itself allocates nothing: {@code getCurrentThreadAllocatedBytes()}
 * reads a per-thread counter, and it runs twice per measurement, not per message.
 *
 * <pre>
 *   0  count: messages received (release write, every message)
 *   8  latency: System.nanoTime() at receipt minus the stamp in the message, of the last stamped message
 *  64  sample request: written by the benchmark JVM
 *  72  sample answered: the request the sample below answers, written last
 *  80  sample count
 *  88  sample allocated bytes of the receiving thread
 * </pre>
 *
 * Producer and consumer share {@code System.nanoTime()}: on Linux both JVMs read {@code CLOCK_MONOTONIC}.
 *
 * @since 0.1.0
 */
final class ReceiverProbe implements AutoCloseable {

	private static final int LENGTH = 4096;

	private static final int COUNT_OFFSET = 0;

	private static final int LATENCY_OFFSET = 8;

	private static final int REQUEST_OFFSET = 64;

	private static final int ANSWERED_OFFSET = 72;

	private static final int SAMPLE_COUNT_OFFSET = 80;

	private static final int SAMPLE_BYTES_OFFSET = 88;

	private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final MappedByteBuffer mapped;

	private final UnsafeBuffer buffer;

	private long count;

	private long answered;

	private long requested;

	private ReceiverProbe(MappedByteBuffer mapped) {
		this.mapped = mapped;
		this.buffer = new UnsafeBuffer(mapped);
	}

	/**
	 * Creates the probe file; the server side, before it reports ready.
	 * @param file the file
	 * @return the probe
	 */
	static ReceiverProbe create(Path file) {
		threads.setThreadAllocatedMemoryEnabled(true);
		return new ReceiverProbe(IoUtil.mapNewFile(file.toFile(), LENGTH, true));
	}

	/**
	 * Maps an existing probe file; the benchmark side, after the server reported ready.
	 * @param file the file
	 * @return the probe
	 */
	static ReceiverProbe open(Path file) {
		File existing = file.toFile();
		return new ReceiverProbe(IoUtil.mapExistingFile(existing, "receiver probe"));
	}

	// ---- receiving side: one thread ----

	/**
	 * Counts a received message; called by the receiving thread only.
	 * @param stampNanos the producer's {@code System.nanoTime()} carried by the message, 0 if none
	 */
	void received(long stampNanos) {
		if (stampNanos != 0) {
			this.buffer.putLong(LATENCY_OFFSET, System.nanoTime() - stampNanos);
		}
		long n = ++this.count;
		long request = this.buffer.getLongAcquire(REQUEST_OFFSET);
		if (request != this.answered) {
			this.answered = request;
			this.buffer.putLong(SAMPLE_COUNT_OFFSET, n);
			this.buffer.putLong(SAMPLE_BYTES_OFFSET, threads.getCurrentThreadAllocatedBytes());
			this.buffer.putLongRelease(ANSWERED_OFFSET, request);
		}
		this.buffer.putLongRelease(COUNT_OFFSET, n);
	}

	// ---- benchmark side ----

	/**
	 * Returns how many messages the receiver has counted.
	 * @return the count
	 */
	long count() {
		return this.buffer.getLongAcquire(COUNT_OFFSET);
	}

	/**
	 * Returns the latency the receiver measured for the last stamped message.
	 * @return nanoseconds
	 */
	long lastLatencyNanos() {
		return this.buffer.getLongAcquire(LATENCY_OFFSET);
	}

	/**
	 * Takes a sample at the receiver's next message: asks for it, makes a message arrive, and waits for the answer.
	 * @param trigger sends one message (or makes one round trip) so that the receiver sees the request
	 * @return the sample
	 * @throws IOException if the trigger fails
	 * @throws IllegalStateException if the receiver does not answer within a minute
	 */
	Sample sample(Trigger trigger) throws IOException {
		long request = ++this.requested;
		this.buffer.putLongRelease(REQUEST_OFFSET, request);
		trigger.run();
		long deadline = System.nanoTime() + ShmLoops.DRAIN_TIMEOUT_NANOS;
		while (this.buffer.getLongAcquire(ANSWERED_OFFSET) != request) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("the receiver took no sample within a minute");
			}
			Thread.onSpinWait();
		}
		return new Sample(this.buffer.getLong(SAMPLE_COUNT_OFFSET), this.buffer.getLong(SAMPLE_BYTES_OFFSET));
	}

	/**
	 * Waits until the receiver has counted at least a number of messages.
	 * @param target the count to reach
	 * @param timeoutNanos how long to wait
	 * @return {@code System.nanoTime()} when it was reached
	 * @throws IllegalStateException if it was not reached in time
	 */
	long awaitCount(long target, long timeoutNanos) {
		long deadline = System.nanoTime() + timeoutNanos;
		for (int turn = 1;; turn++) {
			if (count() >= target) {
				return System.nanoTime();
			}
			if ((turn & 1023) == 0 && System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("the receiver counted " + count() + " of " + target
						+ " messages within " + timeoutNanos / 1_000_000 + " ms");
			}
			Thread.onSpinWait();
		}
	}

	@Override
	public void close() {
		IoUtil.unmap(this.mapped);
	}

	/**
	 * Makes one message reach the receiver.
	 */
	@FunctionalInterface
	interface Trigger {

		/**
		 * Sends the message.
		 * @throws IOException if it cannot be sent
		 */
		void run() throws IOException;

	}

	/**
	 * A (count, allocated bytes) pair taken by the receiving thread at the same moment.
	 *
	 * @param count messages received when sampled
	 * @param allocatedBytes heap bytes the receiving thread had allocated then
	 */
	record Sample(long count, long allocatedBytes) {

		/**
		 * Returns the bytes allocated per message between an earlier sample and this one.
		 * @param earlier the earlier sample
		 * @return bytes per message, NaN if no sample was taken in between
		 */
		double bytesPerMessageSince(Sample earlier) {
			long messages = this.count - earlier.count;
			return (messages > 0) ? (double) (this.allocatedBytes - earlier.allocatedBytes) / messages : Double.NaN;
		}

	}

}
