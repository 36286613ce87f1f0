package io.cdmf.ipc.transport.shm.journal;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A real shm+journal:// consumer whose duty cycle the caller runs, one {@link #poll()} at a time, over a real
 * Chronicle Queue under {@code /dev/shm}; and an appender on the same queue that writes any bytes as an event, as a
 * hostile (or broken) producer process could.
 * <p>
 * The consumer is what {@link JournalTransport#start()} builds (its position file, retention and
 * {@link JournalConsumer}) without the thread that would run it, so that a fuzz target can append events and let the
 * consumer read them on one thread.
 *
 * @since 0.1.0
 */
public final class JournalConsumerFuzzHarness implements AutoCloseable {

	private final ShmTestDirectory directory = new ShmTestDirectory();

	private final JournalTransport transport;

	private final SingleChronicleQueue queue;

	private final ExcerptAppender appender;

	private final JournalConsumer consumer;

	private long received;

	/**
	 * Creates the queue, the consumer and the appender.
	 */
	public JournalConsumerFuzzHarness() {
		String endpoint = this.directory.endpoint("fuzz-journal")
			.replace("shm://", "shm+journal://");
		Transport created = TransportFactory.create(endpoint);
		this.transport = (JournalTransport) created;
		this.transport.setMessageCallback((message) -> this.received++);
		JournalOptions options = this.transport.options();
		String name = this.transport.getConfig().endpoint().requireName();
		this.queue = SingleChronicleQueueBuilder.binary(options.queueDirectory(name)).build();
		ConsumerPosition position = ConsumerPosition.open(options.consumersDirectory(name), options.consumer());
		JournalRetention retention = new JournalRetention(this.queue, options.consumersDirectory(name), options);
		this.consumer = new JournalConsumer(this.transport, this.queue, position, retention, false);
		this.consumer.onStart();
		this.appender = this.queue.createAppender();
	}

	/**
	 * Appends bytes as one event.
	 * @param event the bytes
	 */
	public void append(byte[] event) {
		try (DocumentContext context = this.appender.writingDocument()) {
			context.wire().bytes().write(event);
		}
	}

	/**
	 * Runs one duty cycle of the consumer: at most one event, and retention now and then.
	 * @return the work count
	 */
	public int poll() {
		return this.consumer.doWork();
	}

	/**
	 * Returns how many events the consumer delivered to the callback.
	 * @return the count
	 */
	public long received() {
		return this.received;
	}

	/**
	 * Returns how many events the consumer skipped as corrupt or too large.
	 * @return the count
	 */
	public long rejected() {
		return this.transport.getStats().framesRejected();
	}

	@Override
	public void close() {
		this.consumer.onClose();
		this.appender.close();
		this.queue.close();
		this.transport.stop();
		this.directory.close();
	}

}
