package io.cdmf.ipc.transport.shm.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.AbstractTransport;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportCounters;
import io.cdmf.ipc.transport.shm.FileModes;
import io.cdmf.ipc.transport.shm.ShmOptions;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code shm+journal://name} transport: a durable stream of one-way events on Chronicle Queue, in
 * {@code <directory>/<name>/queue}.
 * <p>
 * A producer {@link #connect() connects} and {@link #send sends} one-way messages (events, or requests flagged
 * one-way, as {@code ServiceProxy.callOneWay} sends); each is stored as one CDMF frame per queue document. A consumer
 * {@link #start() starts}: it reads every event after the position its name persisted, delivers it on its own thread
 * and commits the position once the delivery returned (at-least-once; see {@link JournalConsumer}). Calls that wait
 * for a response are not offered: the journal refuses them with {@code INVALID_ARGUMENT}; use {@code shm://} for
 * calls.
 *
 * @since 0.1.0
 */
public class JournalTransport extends AbstractTransport {

	private static final Logger logger = LoggerFactory.getLogger(JournalTransport.class);

	private static final long HANDOFF_POLL_MILLIS = 50;

	/** The file Chronicle Queue creates with a new queue. */
	private static final String METADATA_FILE = "metadata.cq4t";

	private final Object appendLock = new Object();

	private @Nullable JournalOptions options;

	private @Nullable RollCycle rollCycle;

	private @Nullable FrameEncoder encoder;

	private @Nullable SingleChronicleQueue queue;

	private @Nullable ExcerptAppender appender;

	private @Nullable JournalSpace space;

	private @Nullable AgentRunner consumerRunner;

	private @Nullable JournalConsumer consumer;

	private byte[] scratch = new byte[4096];

	private ByteBuffer scratchBuffer = ByteBuffer.wrap(this.scratch).order(ByteOrder.LITTLE_ENDIAN);

	private volatile boolean serving;

	private volatile boolean connected;

	private volatile boolean hasCallback;

	private volatile boolean outstanding;

	private volatile boolean stopping;

	private final SynchronousQueue<Message> handoff = new SynchronousQueue<>();

	private final Semaphore acknowledged = new Semaphore(0);

	@Override
	protected void doInit(TransportConfig config) {
		try {
			ShmOptions.checkName(config.endpoint().requireName());
			JournalOptions parsed = JournalOptions.from(config);
			this.rollCycle = rollCycle(parsed.rollCycle());
			this.options = parsed;
		}
		catch (IllegalArgumentException ex) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"Invalid option of " + config.endpoint() + ": " + ex.getMessage(), ex);
		}
		this.encoder = new FrameEncoder(config.maxFrameLength());
	}

	private static RollCycle rollCycle(String name) {
		for (Class<? extends Enum<?>> type : List.<Class<? extends Enum<?>>>of(RollCycles.class, TestRollCycles.class,
				LargeRollCycles.class)) {
			for (Enum<?> constant : type.getEnumConstants()) {
				if (constant.name().equals(name)) {
					return (RollCycle) constant;
				}
			}
		}
		throw new IllegalArgumentException("roll-cycle '" + name + "' is not a Chronicle roll cycle, such as "
				+ "FAST_HOURLY, FAST_DAILY, TEN_MINUTELY or TEST_SECONDLY");
	}

	/**
	 * Returns the journal settings.
	 * @return the settings
	 * @throws IllegalStateException before {@link #init}
	 */
	public JournalOptions options() {
		JournalOptions result = this.options;
		if (result == null) {
			throw new IllegalStateException("transport is not initialized: call init(config) first");
		}
		return result;
	}

	private SingleChronicleQueue openQueue() {
		String reason = ChronicleSupport.unavailableReason();
		if (!reason.isEmpty()) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "The shm+journal:// transport cannot run: " + reason);
		}
		if (isClosed()) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "transport for " + getConfig().endpoint() + " is stopped");
		}
		SingleChronicleQueue opened = this.queue;
		if (opened == null) {
			Path queueDirectory = options().queueDirectory(getConfig().endpoint().requireName());
			guardDirectory(queueDirectory.getParent());
			JournalSpace room = JournalSpace.of(queueDirectory.getParent(), getConfig().endpoint().toString());
			if (!Files.exists(queueDirectory.resolve(METADATA_FILE))) {
				// Creating a queue writes its mapped metadata file: on a full file system that write would fault.
				room.reserve(0);
			}
			this.space = room;
			opened = SingleChronicleQueueBuilder
				.binary(options().queueDirectory(getConfig().endpoint().requireName()))
				.rollCycle(this.rollCycle)
				.build();
			this.queue = opened;
		}
		return opened;
	}

	/**
	 * Creates the endpoint's directory with the socket permissions (default owner-only) plus search, so the journal's
	 * files, which Chronicle Queue creates with the process's umask, are reachable only by whom the endpoint admits.
	 */
	private void guardDirectory(Path directory) {
		try {
			FileModes.restrictDirectory(directory, getConfig().socketPermissions());
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.PERMISSION_DENIED, "Cannot create or restrict the journal directory "
					+ directory + " for " + getConfig().endpoint() + ": " + ex
					+ ". Create it owned by this user or set the option 'directory'.", ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.serving) {
			return;
		}
		SingleChronicleQueue opened = openQueue();
		JournalOptions settings = options();
		String name = getConfig().endpoint().requireName();
		ConsumerPosition position = ConsumerPosition.open(settings.consumersDirectory(name), settings.consumer());
		JournalRetention retention = new JournalRetention(opened, settings.consumersDirectory(name), settings);
		JournalConsumer agent = new JournalConsumer(this, opened, position, retention, settings.startAtEnd());
		AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(1_000, 100, TimeUnit.MICROSECONDS.toNanos(1),
				TimeUnit.MILLISECONDS.toNanos(1)), this::onAgentError, null, agent);
		this.consumer = agent;
		this.consumerRunner = runner;
		this.serving = true;
		this.counters.connectionOpened();
		AgentRunner.startOnThread(runner, runnable -> {
			Thread thread = new Thread(runnable, agent.roleName());
			thread.setDaemon(true);
			return thread;
		});
		logger.info("Consuming {} as '{}' from {}", getConfig().endpoint(), settings.consumer(), opened.file());
	}

	@Override
	public synchronized void connect() {
		if (this.connected) {
			return;
		}
		ExcerptAppender created = openQueue().createAppender();
		// Senders on any thread take the append lock, one at a time.
		created.singleThreadedCheckDisabled(true);
		this.appender = created;
		this.connected = true;
		this.counters.connectionOpened();
	}

	@Override
	public synchronized void disconnect() {
		ExcerptAppender current = this.appender;
		if (current != null) {
			synchronized (this.appendLock) {
				current.close();
			}
			this.appender = null;
			this.counters.connectionClosed();
		}
		this.connected = false;
	}

	/**
	 * Says no: a journal carries one-way events, so its producers get no replies and send no heartbeats.
	 * @return {@code false}
	 */
	@Override
	public boolean isRequestResponse() {
		return false;
	}

	@Override
	public boolean isConnected() {
		return this.serving || this.connected;
	}

	/**
	 * Appends a one-way message to the journal; it is durable once this returns.
	 * @param message an {@link MessageType#EVENT} or a request flagged {@link MessageHeader#FLAG_ONE_WAY}
	 * @throws IpcException with {@code INVALID_ARGUMENT} for a message that expects a response
	 */
	@Override
	public void send(Message message) {
		MessageType type = message.getType();
		if (type != MessageType.EVENT
				&& !(type == MessageType.REQUEST && message.getHeader().hasFlag(MessageHeader.FLAG_ONE_WAY))) {
			this.counters.sendError();
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, getConfig().endpoint() + " carries one-way events, "
					+ "not a " + type + " that expects an answer: use callOneWay, or shm:// for calls");
		}
		FrameEncoder frames = this.encoder;
		if (frames == null) {
			throw new IllegalStateException("transport is not initialized");
		}
		int length = frames.frameLength(message);
		synchronized (this.appendLock) {
			ExcerptAppender current = this.appender;
			if (!this.connected || current == null) {
				this.counters.sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "not connected to " + getConfig().endpoint());
			}
			if (this.scratch.length < length) {
				this.scratch = new byte[Math.max(length, this.scratch.length * 2)];
				this.scratchBuffer = ByteBuffer.wrap(this.scratch).order(ByteOrder.LITTLE_ENDIAN);
			}
			frames.encode(message, this.scratchBuffer, 0, length);
			JournalSpace room = this.space;
			if (room != null) {
				try {
					room.reserve(length);
				}
				catch (IpcException ex) {
					this.counters.sendError();
					throw ex;
				}
			}
			try (DocumentContext context = current.writingDocument()) {
				context.wire().bytes().write(this.scratch, 0, length);
			}
		}
		this.counters.messageSent(length);
	}

	@Override
	public void stop() {
		AgentRunner runner;
		synchronized (this) {
			if (isClosed()) {
				return;
			}
			markClosed();
			runner = this.consumerRunner;
			this.consumerRunner = null;
		}
		// The last event receive() returned was processed; the consumer commits it before it stops.
		acknowledgeReceived();
		this.stopping = true;
		if (runner != null) {
			runner.close();
			this.counters.connectionClosed();
			logger.info("Stopped consuming {}", getConfig().endpoint());
		}
		this.serving = false;
		disconnect();
		SingleChronicleQueue opened = this.queue;
		if (opened != null) {
			opened.close();
		}
	}

	/**
	 * Returns how many cycle files this consumer's retention deleted.
	 * @return the count, 0 for a producer
	 */
	public long getDeletedCycleFiles() {
		JournalConsumer agent = this.consumer;
		return (agent != null) ? agent.deletedFiles() : 0;
	}

	// ---- for the consumer ----

	TransportCounters counters() {
		return this.counters;
	}

	/**
	 * Hands an event to the application and returns once it is processed: when the message callback returned, or,
	 * for {@link #receive}, when the application asks for the next event (or stops the transport). Runs on the
	 * consumer thread.
	 * @return whether the event was processed, so its position may be committed
	 */
	boolean handOver(Message message, int length) {
		this.counters.messageReceived(length);
		if (this.hasCallback) {
			deliver(message);
			return true;
		}
		// Handed to the thread calling receive(): the consumer reuses the message and its bytes for the next event.
		Message owned = message.detached();
		try {
			while (!this.handoff.offer(owned, HANDOFF_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				if (this.stopping) {
					return false;
				}
				if (this.hasCallback) {
					deliver(message);
					return true;
				}
			}
			while (!this.acknowledged.tryAcquire(HANDOFF_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				if (this.stopping) {
					return this.acknowledged.tryAcquire();
				}
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void setMessageCallback(@Nullable MessageCallback callback) {
		super.setMessageCallback(callback);
		this.hasCallback = callback != null;
	}

	/**
	 * Returns the next event. The event returned by the previous call counts as processed now (its position is
	 * committed), as does the last one when the transport stops; a consumer killed in between gets it again.
	 * @param timeout how long to wait
	 * @return the event, or {@code null} if none arrived in time
	 */
	@Override
	public @Nullable Message receive(Duration timeout) {
		if (this.hasCallback || !this.serving) {
			return super.receive(timeout);
		}
		acknowledgeReceived();
		try {
			Message message = timeout.isZero() ? this.handoff.poll()
					: this.handoff.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.outstanding = message != null;
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private void acknowledgeReceived() {
		if (this.outstanding) {
			this.outstanding = false;
			this.acknowledged.release();
		}
	}

	void reportRejected(ErrorCode code, String what, Connection origin, @Nullable FrameException cause) {
		reportError(code, what, origin, false, cause);
	}

	private void onAgentError(Throwable failure) {
		logger.error("Consumer of {} failed; it goes on", getConfig().endpoint(), failure);
	}

}
