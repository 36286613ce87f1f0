package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's attachment to a server: its own file with the response ring, the duty cycle that reads it, and the
 * request ring it writes into.
 * <p>
 * Attach protocol: the client creates {@code client-<id>.cnc} (the id is random; exclusive creation makes it unique),
 * marks it ready, writes an {@link ShmDescriptor#ATTACH} record with its id into the request ring and waits for
 * {@link ShmDescriptor#ATTACHED} (or {@link ShmDescriptor#REFUSED}) in its own ring. Its duty cycle, one agent on a
 * poller thread that all clients of the process share ({@link ShmPollers}), then delivers
 * responses (copied out of the ring: a caller keeps them; a synchronous caller reads its response itself, see
 * {@link ShmReadGuard}) and, every heartbeat interval, writes its heartbeat and
 * checks the server's: a server whose process is gone, whose heartbeat is older than the liveness timeout, or whose
 * file now belongs to another session, is lost, and the loss is reported at once as a closed connection.
 *
 * @since 0.1.0
 */
final class ShmClient implements Agent, MessageHandler, Connection {

	private static final Logger logger = LoggerFactory.getLogger(ShmClient.class);

	private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

	private final ShmTransport transport;

	private final ShmOptions options;

	private final ShmFile serverFile;

	private final ShmFile ownFile;

	private final int clientId;

	private final long sessionId;

	private final FrameDecoder decoder;

	/** The message every response is decoded into when the callback accepts transient messages. */
	private final Message received = new Message();

	private final String description;

	private final CompletableFuture<Long> attached = new CompletableFuture<>();

	private final UnsafeBuffer controlBuffer = new UnsafeBuffer(new byte[8]);

	private final AtomicBoolean released = new AtomicBoolean();

	private final AtomicBoolean lostReported = new AtomicBoolean();

	private final ShmReadGuard readGuard;

	/** Asked by a sender waiting for room; made once, not per send. */
	private final BooleanSupplier openCheck = this::isOpen;

	private volatile boolean open;

	private volatile boolean closing;

	/** The shared poller that runs this client's duty cycle, once connected. */
	private volatile ShmPollers.@Nullable Poller poller;

	private final AtomicBoolean leftPoller = new AtomicBoolean();

	private long nextHousekeepingMillis;

	private ShmClient(ShmTransport transport, ShmOptions options, ShmFile serverFile, ShmFile ownFile) {
		this.transport = transport;
		this.options = options;
		this.serverFile = serverFile;
		this.ownFile = ownFile;
		this.clientId = ownFile.clientId();
		this.sessionId = serverFile.sessionId();
		this.decoder = new FrameDecoder(transport.getConfig().maxFrameLength(), false);
		this.description = transport.getConfig().endpoint().uri() + " (server pid " + serverFile.pid() + ")";
		this.readGuard = new ShmReadGuard(ownFile.ring(), this, this.openCheck, options.newIdleStrategy(),
				this::releaseFile);
	}

	/**
	 * Attaches to the server of an endpoint.
	 * @param transport the transport
	 * @param options the settings
	 * @return the attached client
	 * @throws IpcException with {@code UNAVAILABLE} if no live server answers within the connect timeout
	 */
	static ShmClient connect(ShmTransport transport, ShmOptions options) {
		TransportConfig config = transport.getConfig();
		Path directory = options.endpointDirectory(config.endpoint().requireName());
		long timeoutNanos = config.connectTimeout().toNanos();
		ShmFile server = openServer(config.endpoint().uri(), directory.resolve(ShmDescriptor.SERVER_FILE), options,
				System.nanoTime() + timeoutNanos);
		ShmFile own = createOwnFile(directory, options, server.sessionId(), config);
		ShmClient client = new ShmClient(transport, options, server, own);
		own.signalReady();
		client.poller = ShmPollers.add(client);
		client.controlBuffer.putInt(0, client.clientId);
		try {
			if (!server.ring().writeControl(ShmDescriptor.ATTACH, client.controlBuffer, 4, timeoutNanos)) {
				throw new IpcException(ErrorCode.UNAVAILABLE, "the request ring of " + config.endpoint()
						+ " stayed full for the connect timeout; the server is not reading");
			}
			client.attached.get(timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (IpcException ex) {
			client.close();
			throw ex;
		}
		catch (ExecutionException ex) {
			client.close();
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot connect to " + config.endpoint() + ": " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			client.close();
			throw new IpcException(ErrorCode.UNAVAILABLE, "Cannot connect to " + config.endpoint()
					+ ": the server did not answer within " + config.connectTimeout().toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			client.close();
			throw new IpcException(ErrorCode.CANCELLED, "interrupted while connecting to " + config.endpoint(), ex);
		}
		client.open = true;
		return client;
	}

	private static ShmFile openServer(String endpoint, Path path, ShmOptions options, long deadlineNanos) {
		while (true) {
			try {
				ShmFile file = ShmFile.open(path);
				if (file.isOwnerAlive(System.currentTimeMillis(), options.livenessTimeoutMillis())) {
					return file;
				}
				if (file.isReady() || !ShmFile.isProcessAlive(file.pid())) {
					throw new IpcException(ErrorCode.UNAVAILABLE, "Cannot connect to " + endpoint
							+ ": its server (pid " + file.pid() + ") is not running; " + path + " is stale");
				}
			}
			catch (NoSuchFileException ex) {
				throw new IpcException(ErrorCode.UNAVAILABLE,
						"Cannot connect to " + endpoint + ": no server is running (" + path + " does not exist)", ex);
			}
			catch (IOException ex) {
				throw new IpcException(ErrorCode.UNAVAILABLE, "Cannot connect to " + endpoint + ": " + ex.getMessage(),
						ex);
			}
			if (System.nanoTime() - deadlineNanos >= 0) {
				throw new IpcException(ErrorCode.UNAVAILABLE,
						"Cannot connect to " + endpoint + ": its server did not become ready in time");
			}
			// A server between creating its file and marking it ready: a short, bounded wait.
			Thread.onSpinWait();
		}
	}

	private static ShmFile createOwnFile(Path directory, ShmOptions options, long sessionId, TransportConfig config) {
		for (int attempt = 0;; attempt++) {
			int id = ShmDescriptor.FIRST_CLIENT_ID
					+ ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE - ShmDescriptor.FIRST_CLIENT_ID);
			try {
				return ShmFile.create(directory.resolve(ShmDescriptor.clientFileName(id)), options.responseRingSize(),
						sessionId, id, config.socketPermissions());
			}
			catch (FileAlreadyExistsException ex) {
				if (attempt > 16) {
					throw new IpcException(ErrorCode.UNAVAILABLE, "Cannot pick a free client id in " + directory, ex);
				}
			}
			catch (IOException ex) {
				throw new IpcException(ErrorCode.PERMISSION_DENIED, "Cannot create a client file in " + directory
						+ ": " + ex.getMessage(), ex);
			}
		}
	}

	@Override
	public String roleName() {
		return "cdmf-shm-client-" + this.transport.getConfig().endpoint().requireName() + "-" + this.clientId;
	}

	@Override
	public int doWork() {
		if (this.closing) {
			return 0;
		}
		int work = this.readGuard.readByAgent();
		long now = System.currentTimeMillis();
		if (now >= this.nextHousekeepingMillis) {
			this.nextHousekeepingMillis = now + this.options.heartbeatIntervalMillis();
			this.ownFile.heartbeat(now);
			if (this.serverFile.isClosedByOwner()) {
				lost("its server stopped");
			}
			else if (this.serverFile.sessionId() != this.sessionId) {
				lost("its server was replaced by another");
			}
			else if (!ShmFile.isProcessAlive(this.serverFile.pid())) {
				lost("its server (pid " + this.serverFile.pid() + ") died");
			}
			else if (now - this.serverFile.heartbeat() > this.options.livenessTimeoutMillis()) {
				lost("its server wrote no heartbeat for " + (now - this.serverFile.heartbeat()) + " ms");
			}
		}
		return work;
	}

	@Override
	public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
		switch (msgTypeId) {
			case ShmDescriptor.FRAME -> onFrame(index, length);
			case ShmDescriptor.ATTACHED -> this.attached.complete(buffer.getLong(index));
			case ShmDescriptor.REFUSED -> {
				String reason = buffer.getStringWithoutLengthUtf8(index, length);
				if (!this.attached.completeExceptionally(new IpcException(ErrorCode.UNAVAILABLE, reason))) {
					lost("the server detached it: " + reason);
				}
			}
			case ShmDescriptor.SERVER_CLOSING -> lost("its server stopped");
			case ShmRing.CORRUPT -> {
				this.transport.counters().frameRejected();
				logger.warn("Skipped {} bytes after a corrupt record header in the response ring of {}", length,
						this.description);
			}
			default -> {
				this.transport.counters().frameRejected();
				logger.warn("Skipped a record of unknown type {} in the response ring of {}", msgTypeId,
						this.description);
			}
		}
	}

	private void onFrame(int index, int length) {
		// One reader at a time (the read guard), so one reused message serves every frame when the callback takes
		// transient messages; else each frame is copied into a message of its own.
		boolean reuse = this.transport.callbackAcceptsTransient();
		Message message;
		try {
			message = reuse
					? this.decoder.decodeInto(this.received, this.ownFile.ring().readView(), ShmRing.frameOffset(index),
							length)
					: this.decoder.decode(this.ownFile.ring().readView(), ShmRing.frameOffset(index), length, true);
		}
		catch (FrameException ex) {
			this.transport.frameRejected(this, ex);
			return;
		}
		if (reuse) {
			message.markPayloadTransient();
		}
		message.setOrigin(this);
		this.transport.received(message, length);
	}

	private void lost(String reason) {
		// Reported once: the duty cycle and a caller holding the read lease may both notice.
		if (this.open && this.lostReported.compareAndSet(false, true)) {
			this.open = false;
			this.closing = true;
			this.transport.counters().connectionClosed();
			this.transport.connectionClosed(this, ErrorCode.UNAVAILABLE,
					"connection to " + this.transport.getConfig().endpoint() + " lost: " + reason);
			leavePoller();
		}
	}

	/**
	 * Stops the duty cycle: the poller drops this client and runs {@link #onClose()}, or it runs here if the client
	 * never joined a poller. Once.
	 */
	private void leavePoller() {
		if (!this.leftPoller.compareAndSet(false, true)) {
			return;
		}
		ShmPollers.Poller current = this.poller;
		if (current == null) {
			onClose();
			return;
		}
		CompletableFuture<Void> closed = current.remove(this);
		if (current.isPollerThread()) {
			return;
		}
		// Wait for the poller to drop this client, so that its file is gone (or left to a lease holder) on return.
		try {
			closed.get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("Poller {} did not drop client {} within {} ms; its file goes when it does", current.roleName(),
					this.clientId, CLOSE_TIMEOUT_MILLIS);
		}
		catch (ExecutionException ex) {
			logger.warn("Dropping client {} from its poller failed", this.clientId, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Releases the client's own file. Runs once, on the poller thread as it drops the client (or in place of it when
	 * it never joined one): the duty cycle no longer reads the ring, and a caller still reading it under a lease releases the file
	 * when its lease ends instead.
	 */
	@Override
	public void onClose() {
		this.readGuard.close();
	}

	private void releaseFile() {
		if (this.released.compareAndSet(false, true)) {
			this.ownFile.signalClosed();
			this.ownFile.unmap();
			this.ownFile.delete();
		}
	}

	/**
	 * Lends reading of the response ring to a caller waiting for its response (see {@link ShmReadGuard}).
	 * @return the lease, or {@code null} if the connection is closed or another caller holds it
	 */
	Transport.@Nullable ReceiveLease lease() {
		return this.open ? this.readGuard.lease() : null;
	}

	/**
	 * Sends a message to the server.
	 * @param message the message
	 */
	@Override
	public void send(Message message) {
		if (!this.open) {
			this.transport.counters().sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE, "not connected to " + this.transport.getConfig().endpoint());
		}
		ShmRing ring = this.serverFile.ring();
		int length = this.transport.frameLength(message, ring, "request", this.description);
		int result = ring.writeFrame(this.clientId, message, this.transport.encoder(), length,
				this.transport.sendTimeoutNanos(), this.openCheck);
		if (result < 0) {
			this.transport.counters().sendError();
			throw (result == ShmRing.TIMED_OUT)
					? new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "the request ring of " + this.description
							+ " stayed full for " + this.transport.getConfig().sendTimeout().toMillis()
							+ " ms; the server is not keeping up")
					: new IpcException(ErrorCode.UNAVAILABLE, "lost " + this.description + " while waiting to send");
		}
		this.transport.counters().messageSent(length);
		ShmPollers.Poller current = this.poller;
		if (current != null && this.readGuard.isFree() && expectsReply(message)) {
			// Nobody reads the ring for this reply but the poller, which may be parked after a quiet spell.
			current.wake();
		}
	}

	private static boolean expectsReply(Message message) {
		MessageType type = message.getType();
		return (type == MessageType.REQUEST && !message.getHeader().hasFlag(MessageHeader.FLAG_ONE_WAY))
				|| type == MessageType.HEARTBEAT;
	}

	@Override
	public long id() {
		return this.clientId;
	}

	@Override
	public PeerCredentials peerCredentials() {
		return new PeerCredentials(this.serverFile.pid(), -1, -1, "", "");
	}

	/**
	 * Returns whether the server is still there as far as this client knows: its duty cycle saw no loss and the
	 * server has not closed its file (checked here too, so that a send right after an orderly stop fails at once).
	 * @return whether requests can be sent
	 */
	@Override
	public boolean isOpen() {
		return this.open && !this.serverFile.isClosedByOwner();
	}

	@Override
	public String describe() {
		return this.description;
	}

	/**
	 * Detaches: tells the server (without waiting for room), stops the duty cycle and removes the client's file.
	 */
	@Override
	public void close() {
		boolean wasOpen = this.open;
		this.open = false;
		this.closing = true;
		if (wasOpen) {
			this.controlBuffer.putInt(0, this.clientId);
			if (!this.serverFile.ring().writeControl(ShmDescriptor.DETACH, this.controlBuffer, 4)) {
				logger.debug("Request ring of {} is full; the server will notice the detach by the heartbeat",
						this.description);
			}
			this.transport.counters().connectionClosed();
		}
		leavePoller();
	}

	Path file() {
		return this.ownFile.path();
	}

	@Override
	public String toString() {
		return "ShmClient[" + this.clientId + ", " + this.description + "]";
	}

}
