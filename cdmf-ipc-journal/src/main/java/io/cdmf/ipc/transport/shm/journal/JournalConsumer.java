package io.cdmf.ipc.transport.shm.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.Agent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's duty cycle: reads the next event after its persisted position, delivers it, and only then commits
 * the position. Every so often it also applies the journal's retention.
 * <p>
 * Delivery is at-least-once: a consumer killed while an event is being handled gets that event again after a
 * restart, with the same message id; nothing is skipped. An event whose bytes fail the frame checks is skipped with
 * an error log and a counter, and its position is committed so that it is not read again.
 *
 * @since 0.1.0
 */
final class JournalConsumer implements Agent {

	private static final Logger logger = LoggerFactory.getLogger(JournalConsumer.class);

	private static final long RETENTION_INTERVAL_MILLIS = 500;

	private static final long ERROR_LOG_INTERVAL_MILLIS = 1_000;

	private final JournalTransport transport;

	private final SingleChronicleQueue queue;

	private final boolean startAtEnd;

	private @Nullable ExcerptTailer tailer;

	private final ConsumerPosition position;

	private final JournalRetention retention;

	private final FrameDecoder decoder;

	private final JournalConnection origin;

	private final int maxFrameLength;

	private final Message received = new Message();

	private byte[] scratch = new byte[4096];

	private ByteBuffer scratchBuffer = ByteBuffer.wrap(this.scratch).order(ByteOrder.LITTLE_ENDIAN);

	private long nextRetentionMillis;

	private long nextErrorLogMillis;

	private long suppressedErrors;

	JournalConsumer(JournalTransport transport, SingleChronicleQueue queue, ConsumerPosition position,
			JournalRetention retention, boolean startAtEnd) {
		this.transport = transport;
		this.position = position;
		this.retention = retention;
		this.maxFrameLength = transport.getConfig().maxFrameLength();
		this.decoder = new FrameDecoder(this.maxFrameLength);
		this.origin = new JournalConnection(transport);
		this.queue = queue;
		this.startAtEnd = startAtEnd;
	}

	/**
	 * Creates the tailer on the duty-cycle thread: Chronicle components belong to the thread that first uses them.
	 */
	@Override
	public void onStart() {
		ExcerptTailer created = this.queue.createTailer();
		this.tailer = created;
		resume(created, this.position.index());
	}

	private void resume(ExcerptTailer tailer, long index) {
		if (index == ConsumerPosition.NONE) {
			if (this.startAtEnd) {
				tailer.toEnd();
			}
			else {
				tailer.toStart();
			}
			return;
		}
		if (tailer.moveToIndex(index)) {
			// The tailer now stands on the last event processed: read past it.
			try (DocumentContext context = tailer.readingDocument()) {
				if (context.isPresent() && context.index() != index) {
					context.rollbackOnClose();
				}
			}
			logger.info("Consumer resumes {} after index {}", this.transport.getConfig().endpoint(),
					Long.toHexString(index));
		}
		else {
			logger.error("Consumer of {} cannot find its position {} (deleted by max-cycles?); it resumes at the "
					+ "oldest event kept, and events before it are lost to it", this.transport.getConfig().endpoint(),
					Long.toHexString(index));
			tailer.toStart();
		}
	}

	@Override
	public String roleName() {
		return "cdmf-journal-" + this.transport.getConfig().endpoint().requireName();
	}

	@Override
	public int doWork() {
		int work = readOne();
		long now = System.currentTimeMillis();
		if (now >= this.nextRetentionMillis) {
			this.nextRetentionMillis = now + RETENTION_INTERVAL_MILLIS;
			work += this.retention.apply();
		}
		return work;
	}

	private int readOne() {
		ExcerptTailer current = this.tailer;
		if (current == null) {
			return 0;
		}
		long index;
		int length;
		try (DocumentContext context = current.readingDocument()) {
			if (!context.isPresent()) {
				return 0;
			}
			index = context.index();
			Bytes<?> bytes = context.wire().bytes();
			long available = bytes.readRemaining();
			if (available > this.maxFrameLength) {
				rejected(index, "an event of " + available + " bytes, more than the frame limit", null);
				return 1;
			}
			length = (int) available;
			ensureScratch(length);
			bytes.read(this.scratch, 0, length);
		}
		Message message;
		try {
			message = this.decoder.decodeInto(this.received, this.scratchBuffer, 0, length);
		}
		catch (FrameException ex) {
			rejected(index, ex.getErrorInfo().toString(), ex);
			return 1;
		}
		// The message and its view over the scratch array are reused for the next event: transient, like a ring slot.
		message.markPayloadTransient().setOrigin(this.origin);
		if (this.transport.handOver(message, length)) {
			this.position.commit(index, message.getHeader().getMessageIdHigh(), message.getHeader().getMessageIdLow());
		}
		return 1;
	}

	private void rejected(long index, String what, @Nullable FrameException cause) {
		this.transport.counters().frameRejected();
		this.position.commit(index, 0, 0);
		long now = System.currentTimeMillis();
		if (now >= this.nextErrorLogMillis) {
			this.nextErrorLogMillis = now + ERROR_LOG_INTERVAL_MILLIS;
			logger.error("Skipped a corrupt event at index {} of {}: {}{}", Long.toHexString(index),
					this.transport.getConfig().endpoint(), what,
					(this.suppressedErrors > 0) ? " (" + this.suppressedErrors + " similar errors suppressed)" : "");
			this.suppressedErrors = 0;
		}
		else {
			this.suppressedErrors++;
		}
		this.transport.reportRejected((cause != null) ? cause.getErrorCode() : ErrorCode.FRAME_TOO_LARGE, what,
				this.origin, cause);
	}

	private void ensureScratch(int length) {
		if (this.scratch.length < length) {
			this.scratch = new byte[Math.max(length, this.scratch.length * 2)];
			this.scratchBuffer = ByteBuffer.wrap(this.scratch).order(ByteOrder.LITTLE_ENDIAN);
		}
	}

	@Override
	public void onClose() {
		ExcerptTailer current = this.tailer;
		if (current != null) {
			current.close();
		}
		this.position.close();
	}

	/**
	 * Returns how many cycle files retention deleted.
	 * @return the count
	 */
	long deletedFiles() {
		return this.retention.deleted();
	}

}
