package io.cdmf.ipc.transport.shm;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.AbstractTransport;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.RateLimitedLog;
import io.cdmf.ipc.transport.ReceiverRelay;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportCounters;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code shm://name} transport: Agrona ring buffers in memory-mapped files under {@code <directory>/<name>/}
 * (see {@link ShmDescriptor} for the layout and {@link ShmOptions} for the settings).
 * <p>
 * A server owns one many-to-one request ring that every client process writes into; each client owns a response ring
 * that the server writes into. Each side polls its ring on one duty-cycle thread. A server delivers requests as
 * read-only views over the ring, on its duty-cycle thread: the zero-copy path, valid until the delivery returns
 * (messages are marked {@linkplain Message#isPayloadTransient() transient}; the stub copies before handing one to
 * another thread). A full ring makes the sender wait up to the send timeout, then fail with
 * {@code RESOURCE_EXHAUSTED}; a message larger than an eighth of the ring fails with {@code MESSAGE_TOO_LARGE}
 * before anything is written. Heartbeats in each file let either side notice the other's death within the liveness
 * timeout.
 *
 * @since 0.1.0
 */
public class ShmTransport extends AbstractTransport {

	private static final Logger logger = LoggerFactory.getLogger(ShmTransport.class);

	private final RateLimitedLog rejectedLog = new RateLimitedLog(logger, 1_000);

	private @Nullable ShmOptions options;

	private @Nullable FrameEncoder encoder;

	private long sendTimeoutNanos;

	private volatile @Nullable ShmServer server;

	private @Nullable AgentRunner serverRunner;

	private volatile @Nullable ReceiverRelay relay;

	private final AtomicInteger turns = new AtomicInteger();

	private @Nullable ShmServerFiles serverFiles;

	private volatile @Nullable ShmClient client;

	@Override
	protected void doInit(TransportConfig config) {
		try {
			ShmOptions.checkName(config.endpoint().requireName());
			this.options = ShmOptions.from(config);
		}
		catch (IllegalArgumentException ex) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "Invalid option of " + config.endpoint() + ": "
					+ ex.getMessage(), ex);
		}
		this.encoder = new FrameEncoder(config.maxFrameLength(), false);
		this.sendTimeoutNanos = config.sendTimeout().toNanos();
	}

	/**
	 * Returns the shm settings.
	 * @return the settings
	 * @throws IllegalStateException before {@link #init}
	 */
	public ShmOptions options() {
		ShmOptions result = this.options;
		if (result == null) {
			throw new IllegalStateException("transport is not initialized: call init(config) first");
		}
		return result;
	}

	@Override
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		checkUsable();
		if (this.client != null) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "a connected client transport cannot also serve");
		}
		ShmServerFiles files = ShmServerFiles.claim(getConfig(), options());
		ShmServer agent = new ShmServer(this, options(), files);
		files.serverFile().signalReady();
		this.serverFiles = files;
		this.server = agent;
		this.relay = new ReceiverRelay(() -> startServerTurn(agent));
		startServerTurn(agent);
		logger.info("Listening on {} ({}, request ring {} bytes)", getConfig().endpoint(), files.directory(),
				options().ringSize());
	}

	/**
	 * Starts a thread running the server's duty cycle: at start, and each time the relay hands receiving on because
	 * a handler blocks the current one (then on the thread that noticed, under the lock only as long as it takes to
	 * start a thread).
	 */
	private synchronized void startServerTurn(ShmServer agent) {
		ReceiverRelay current = this.relay;
		if (isClosed() || current == null) {
			return;
		}
		int turn = this.turns.incrementAndGet();
		String name = (turn == 1) ? agent.roleName() : agent.roleName() + "-" + turn;
		AgentRunner runner = new AgentRunner(options().newIdleStrategy(), this::onAgentError, null,
				new ShmServerTurn(agent, current, name));
		this.serverRunner = runner;
		AgentRunner.startOnThread(runner, runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Returns the relay of the server's receiving thread, which {@link ShmClientConnection}s offer the stub.
	 * @return the relay, {@code null} when not serving
	 */
	@Nullable ReceiverRelay relay() {
		return this.relay;
	}

	@Override
	public void connect() {
		synchronized (this) {
			checkUsable();
			if (this.server != null) {
				throw new IpcException(ErrorCode.ILLEGAL_STATE, "a serving transport cannot also connect");
			}
			ShmClient current = this.client;
			if (current != null && current.isOpen()) {
				return;
			}
			if (current != null) {
				current.close();
			}
			ShmClient attached = ShmClient.connect(this, options());
			this.client = attached;
			this.counters.connectionOpened();
			logger.debug("Connected to {} as client {}", getConfig().endpoint(), attached.id());
		}
	}

	private void checkUsable() {
		if (isClosed()) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "transport for " + getConfig().endpoint() + " is stopped");
		}
		ShmJvmCheck.check();
	}

	@Override
	public void disconnect() {
		ShmClient current = this.client;
		if (current != null) {
			current.close();
		}
	}

	/**
	 * Lends reading of a client's response ring to the calling thread: a synchronous caller reads its own response
	 * instead of being handed it by the client's duty-cycle thread (see {@link ShmReadGuard}).
	 * @return the lease, or {@code null} on a serving transport, when not connected, or while another caller reads
	 */
	@Override
	public @Nullable ReceiveLease leaseReceive() {
		ShmClient current = this.client;
		return (this.server == null && current != null && current.isOpen()) ? current.lease() : null;
	}

	/**
	 * Says yes: each connection is a response ring of its own, read by one caller at a time.
	 * @return {@code true}
	 */
	@Override
	public boolean poolsConnections() {
		return true;
	}

	@Override
	public boolean canLeaseReceive() {
		return this.server == null;
	}

	@Override
	public boolean isConnected() {
		ShmClient current = this.client;
		return this.server != null || (current != null && current.isOpen());
	}

	@Override
	public void send(Message message) {
		Connection target;
		if (this.server != null) {
			MessageOrigin origin = message.getOrigin();
			if (!(origin instanceof ShmClientConnection connection) || connection.transport() != this) {
				this.counters.sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "cannot send " + message.getType() + " from server "
						+ getConfig().endpoint() + ": the message's origin is not a client of this server");
			}
			target = connection;
		}
		else {
			ShmClient current = this.client;
			if (current == null || !current.isOpen()) {
				this.counters.sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "not connected to " + getConfig().endpoint());
			}
			target = current;
		}
		target.send(message);
	}

	@Override
	public void stop() {
		AgentRunner runner;
		ShmServerFiles files;
		ShmClient current;
		synchronized (this) {
			if (isClosed()) {
				return;
			}
			markClosed();
			runner = this.serverRunner;
			files = this.serverFiles;
			current = this.client;
			this.serverRunner = null;
			this.serverFiles = null;
			this.relay = null;
		}
		if (current != null) {
			current.close();
		}
		if (runner != null) {
			// The duty cycle stops first, so nothing reads the server file when it is unmapped.
			runner.close();
		}
		if (files != null) {
			files.close();
			this.server = null;
			logger.info("Stopped listening on {}", getConfig().endpoint());
		}
	}

	// ---- for the server, the clients and their connections ----

	FrameEncoder encoder() {
		FrameEncoder result = this.encoder;
		if (result == null) {
			throw new IllegalStateException("transport is not initialized");
		}
		return result;
	}

	long sendTimeoutNanos() {
		return this.sendTimeoutNanos;
	}

	TransportCounters counters() {
		return this.counters;
	}

	Optional<ShmServer> server() {
		return Optional.ofNullable(this.server);
	}

	/**
	 * Returns a message's frame length after checking it fits both the frame limit and the ring.
	 * @param ringKind {@code "request"} or {@code "response"}, for the error message
	 * @param peer whose ring it is, for the error message (the text is built only on failure: this runs per send)
	 */
	int frameLength(Message message, ShmRing ring, String ringKind, String peer) {
		int length = encoder().frameLength(message);
		if (length > ring.maxMessageLength()) {
			throw new IpcException(ErrorCode.MESSAGE_TOO_LARGE, "message of " + length + " bytes is larger than "
					+ ring.maxMessageLength() + " bytes, the most the " + ringKind + " ring of " + peer
					+ " takes (an eighth of its size: raise the option ring-size)");
		}
		return length;
	}

	void received(Message message, int frameLength) {
		this.counters.messageReceived(frameLength);
		deliver(message);
	}

	void frameRejected(Connection connection, FrameException ex) {
		this.counters.frameRejected();
		this.rejectedLog.warn("Skipped a bad frame from {} on {}: {}", connection.describe(), getConfig().endpoint(),
				ex.getErrorInfo());
		if (this.server != null && !ex.getClaimedMessageId().isNone()) {
			Message reply = Message.create(MessageType.ERROR).setErrorInfo(ex.getErrorInfo());
			// A frame that could not be read ran nothing: the caller may send its request elsewhere.
			reply.getHeader()
				.setCorrelationId(ex.getClaimedMessageId())
				.setFlag(MessageHeader.FLAG_NOT_EXECUTED, true);
			try {
				connection.send(reply);
			}
			catch (IpcException sendFailure) {
				logger.debug("Could not tell {} that its frame was rejected", connection.describe(), sendFailure);
			}
		}
		reportError(ex.getErrorCode(), ex.getErrorInfo().message(), connection, false, ex);
	}

	void connectionClosed(Connection connection, ErrorCode code, String reason) {
		reportError(code, reason, connection, true, null);
	}

	void onAgentError(Throwable failure) {
		if (failure instanceof AgentTerminationException) {
			return;
		}
		logger.error("Duty cycle of {} failed; it goes on", getConfig().endpoint(), failure);
	}

}
