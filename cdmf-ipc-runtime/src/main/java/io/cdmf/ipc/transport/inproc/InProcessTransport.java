package io.cdmf.ipc.transport.inproc;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.AbstractTransport;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.TransportConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code inproc://name} transport: servers and clients in one JVM, no sockets.
 * <p>
 * It keeps the socket transports' semantics so that tests mean the same thing: every message is encoded to a frame
 * and decoded on the other side (the frame limit, checksums and a copy of the payload apply), each side delivers on
 * its own thread in order, a full queue makes the sender wait up to its send timeout, and a second server on a name
 * in use fails.
 *
 * @since 0.1.0
 */
public class InProcessTransport extends AbstractTransport {

	private static final Logger logger = LoggerFactory.getLogger(InProcessTransport.class);

	private static final Map<String, InProcessTransport> SERVERS = new ConcurrentHashMap<>();

	private static final AtomicLong IDS = new AtomicLong();

	private static final PeerCredentials SELF = new PeerCredentials(ProcessHandle.current().pid(), -1, -1,
			System.getProperty("user.name", ""), "");

	private final Map<Long, Link> links = new ConcurrentHashMap<>();

	private @Nullable FrameEncoder encoder;

	private @Nullable BlockingQueue<Runnable> inbox;

	private @Nullable Thread deliveryThread;

	private volatile @Nullable Link clientLink;

	private volatile boolean serving;

	@Override
	protected void doInit(TransportConfig config) {
		config.endpoint().requireName();
		this.encoder = new FrameEncoder(config.maxFrameLength());
	}

	private String name() {
		return getConfig().endpoint().requireName();
	}

	private synchronized void startDelivery() {
		if (isClosed()) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "transport for " + getConfig().endpoint() + " is stopped");
		}
		if (this.deliveryThread != null) {
			return;
		}
		BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(getConfig().receiveQueueCapacity());
		Thread thread = new Thread(() -> runDelivery(queue), "cdmf-inproc-" + name());
		thread.setDaemon(true);
		this.inbox = queue;
		this.deliveryThread = thread;
		thread.start();
	}

	private void runDelivery(BlockingQueue<Runnable> queue) {
		try {
			while (!isClosed() || !queue.isEmpty()) {
				Runnable task = queue.poll(100, TimeUnit.MILLISECONDS);
				if (task != null) {
					task.run();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void start() {
		if (this.serving) {
			return;
		}
		if (this.clientLink != null) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "a connected client transport cannot also serve");
		}
		if (SERVERS.putIfAbsent(name(), this) != null) {
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Another server is running on " + getConfig().endpoint() + ": stop it or choose another name");
		}
		startDelivery();
		this.serving = true;
		logger.info("Listening on {}", getConfig().endpoint());
	}

	@Override
	public synchronized void connect() {
		if (this.serving) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "a serving transport cannot also connect");
		}
		Link current = this.clientLink;
		if (current != null && current.isOpen()) {
			return;
		}
		InProcessTransport server = SERVERS.get(name());
		if (server == null || !server.serving) {
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot connect to " + getConfig().endpoint() + ": no server is running on it");
		}
		startDelivery();
		long id = IDS.incrementAndGet();
		Link toServer = new Link(this, server, id);
		Link toClient = new Link(server, this, id);
		toServer.peer = toClient;
		toClient.peer = toServer;
		server.links.put(id, toClient);
		server.counters.connectionOpened();
		this.links.put(id, toServer);
		this.counters.connectionOpened();
		this.clientLink = toServer;
	}

	@Override
	public void disconnect() {
		Link link = this.clientLink;
		if (link != null) {
			link.close();
		}
	}

	@Override
	public boolean isConnected() {
		Link link = this.clientLink;
		return this.serving || (link != null && link.isOpen());
	}

	@Override
	public void send(Message message) {
		Link link;
		if (this.serving) {
			MessageOrigin origin = message.getOrigin();
			link = (origin instanceof Link l && l.owner == this) ? l : null;
			if (link == null || !link.isOpen()) {
				this.counters.sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "cannot send " + message.getType() + " from server "
						+ getConfig().endpoint() + ": the message's origin connection is gone or unknown");
			}
		}
		else {
			link = this.clientLink;
			if (link == null || !link.isOpen()) {
				this.counters.sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "not connected to " + getConfig().endpoint());
			}
		}
		link.send(message);
	}

	@Override
	public void stop() {
		synchronized (this) {
			if (isClosed()) {
				return;
			}
			markClosed();
			if (this.serving) {
				SERVERS.remove(name(), this);
				this.serving = false;
				logger.info("Stopped listening on {}", getConfig().endpoint());
			}
		}
		for (Link link : this.links.values()) {
			link.close();
		}
		Thread thread = this.deliveryThread;
		if (thread != null && thread != Thread.currentThread()) {
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void enqueue(Runnable task) {
		BlockingQueue<Runnable> queue = this.inbox;
		try {
			if (queue == null || isClosed()
					|| !queue.offer(task, getConfig().sendTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
				throw new IpcException((queue == null || isClosed()) ? ErrorCode.UNAVAILABLE
						: ErrorCode.RESOURCE_EXHAUSTED, getConfig().endpoint() + " is not taking messages");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IpcException(ErrorCode.CANCELLED, "interrupted while sending to " + getConfig().endpoint());
		}
	}

	/**
	 * One end of an in-process connection: owned by one transport, sending to the other.
	 */
	private static final class Link implements Connection {

		private final InProcessTransport owner;

		private final InProcessTransport remote;

		private final long id;

		private final FrameDecoder decoder;

		private volatile @Nullable Link peer;

		private volatile boolean open = true;

		Link(InProcessTransport owner, InProcessTransport remote, long id) {
			this.owner = owner;
			this.remote = remote;
			this.id = id;
			this.decoder = new FrameDecoder(owner.getConfig().maxFrameLength());
		}

		@Override
		public long id() {
			return this.id;
		}

		@Override
		public PeerCredentials peerCredentials() {
			return SELF;
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public String describe() {
			return "inproc peer " + this.id + " of " + this.owner.getConfig().endpoint();
		}

		@Override
		public void send(Message message) {
			FrameEncoder encoder = this.owner.encoder;
			Link target = this.peer;
			if (!this.open || target == null || encoder == null) {
				this.owner.counters.sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "connection " + describe() + " is closed");
			}
			ByteBuffer frame = encoder.encode(message);
			int length = frame.remaining();
			try {
				this.remote.enqueue(() -> target.receive(frame, length));
			}
			catch (IpcException ex) {
				this.owner.counters.sendError();
				throw ex;
			}
			this.owner.counters.messageSent(length);
		}

		/**
		 * Runs on the receiving transport's delivery thread, so the decoder is used by one thread. A frame sent before
		 * the connection closed is still delivered, as a socket delivers the bytes written before its peer closed: a
		 * server's last replies must reach the caller when it stops right after sending them.
		 */
		private void receive(ByteBuffer frame, int length) {
			Message message;
			try {
				message = this.decoder.decode(frame, 0, length, false);
			}
			catch (FrameException ex) {
				this.owner.counters.frameRejected();
				this.owner.reportError(ex.getErrorCode(), ex.getErrorInfo().message(), this, false, ex);
				return;
			}
			message.setOrigin(this);
			this.owner.counters.messageReceived(length);
			this.owner.deliver(message);
		}

		@Override
		public void close() {
			closeOne();
			Link other = this.peer;
			if (other != null) {
				other.closeOne();
			}
		}

		private void closeOne() {
			if (!this.open) {
				return;
			}
			this.open = false;
			if (this.owner.links.remove(this.id) != null) {
				this.owner.counters.connectionClosed();
			}
			String reason = "connection " + describe() + " closed";
			try {
				this.owner.enqueue(() -> this.owner.reportError(ErrorCode.UNAVAILABLE, reason, this, true, null));
			}
			catch (IpcException ex) {
				this.owner.reportError(ErrorCode.UNAVAILABLE, reason, this, true, null);
			}
		}

	}

}
