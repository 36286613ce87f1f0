package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.RateLimitedLog;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's duty cycle: reads the request ring, attaches and detaches clients, delivers their frames, writes the
 * server's heartbeat and reclaims clients that died.
 * <p>
 * Frames are decoded as read-only views over the ring and delivered inline, on this thread: a payload view is valid
 * until the delivery returns, because the ring zeroes and reuses the records only after the read batch. Every frame
 * is decoded into the same {@link Message}, with the payload as a window over the ring that the decoder re-points:
 * receiving allocates nothing. Messages are {@link Message#markPayloadTransient() marked transient}, so anyone
 * keeping one beyond its delivery keeps {@link Message#detached()} instead.
 *
 * @since 0.1.0
 */
final class ShmServer implements Agent, MessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(ShmServer.class);

	private static final int READ_LIMIT = 64;

	private final ShmTransport transport;

	private final ShmOptions options;

	private final ShmServerFiles files;

	private final ShmFile serverFile;

	private final ShmRing ring;

	private final FrameDecoder decoder;

	private final Message received = new Message();

	private final Int2ObjectHashMap<ShmClientConnection> clients = new Int2ObjectHashMap<>();

	private final Queue<ShmClientConnection> detachRequests = new ConcurrentLinkedQueue<>();

	private final RateLimitedLog rejectedLog = new RateLimitedLog(logger, 1_000);

	private final UnsafeBuffer controlBuffer = new UnsafeBuffer(new byte[256]);

	private final String endpoint;

	private final int maxConnections;

	private long nextHousekeepingMillis;

	private long lastConsumerPosition = -1;

	private long stalledSinceMillis;

	ShmServer(ShmTransport transport, ShmOptions options, ShmServerFiles files) {
		this.transport = transport;
		this.options = options;
		this.files = files;
		this.serverFile = files.serverFile();
		this.ring = this.serverFile.ring();
		this.decoder = new FrameDecoder(transport.getConfig().maxFrameLength(), false);
		this.endpoint = transport.getConfig().endpoint().uri();
		this.maxConnections = transport.getConfig().maxConnections();
	}

	@Override
	public String roleName() {
		return "cdmf-shm-server-" + this.transport.getConfig().endpoint().requireName();
	}

	@Override
	public int doWork() {
		return doWork(() -> true);
	}

	/**
	 * Runs one duty cycle for a thread that may be replaced as the reader while a handler runs on it.
	 * @param stillReader whether the calling thread is still the reader
	 * @return the work done
	 */
	int doWork(BooleanSupplier stillReader) {
		int work = this.ring.read(this, READ_LIMIT, stillReader);
		if (!stillReader.getAsBoolean()) {
			return work;
		}
		long now = System.currentTimeMillis();
		if (now >= this.nextHousekeepingMillis) {
			this.nextHousekeepingMillis = now + this.options.heartbeatIntervalMillis();
			this.serverFile.heartbeat(now);
			work += processDetachRequests() + checkClients(now) + checkStalledRing(now);
		}
		return work;
	}

	@Override
	public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
		if (msgTypeId >= ShmDescriptor.FIRST_CLIENT_ID) {
			onFrame(msgTypeId, index, length);
		}
		else if (msgTypeId == ShmDescriptor.ATTACH && length >= 4) {
			attach(buffer.getInt(index));
		}
		else if (msgTypeId == ShmDescriptor.DETACH && length >= 4) {
			ShmClientConnection client = this.clients.get(buffer.getInt(index));
			if (client != null) {
				detach(client, "detached", false);
			}
		}
		else if (msgTypeId == ShmRing.CORRUPT) {
			reject(length + " bytes after a corrupt record header");
		}
		else {
			reject("a record of unknown type " + msgTypeId + " (" + length + " bytes)");
		}
	}

	private void onFrame(int clientId, int index, int length) {
		ShmClientConnection client = this.clients.get(clientId);
		if (client == null) {
			reject("a frame of " + length + " bytes from client id " + clientId + ", which is not attached");
			return;
		}
		Message message;
		try {
			message = this.decoder.decodeInto(this.received, this.ring.readView(), ShmRing.frameOffset(index), length);
		}
		catch (FrameException ex) {
			this.transport.frameRejected(client, ex);
			return;
		}
		message.markPayloadTransient().setOrigin(client);
		this.transport.received(message, length);
	}

	/**
	 * Gives the ring space of a replaced reader's batch back; called by its successor before it reads.
	 */
	void releaseAbandonedBatch() {
		this.ring.releaseAbandonedBatch();
	}

	private void reject(String what) {
		this.transport.counters().frameRejected();
		this.rejectedLog.warn("Skipped {} in the request ring of {}", what, this.endpoint);
	}

	private void attach(int clientId) {
		if (this.clients.containsKey(clientId) || clientId < ShmDescriptor.FIRST_CLIENT_ID) {
			return;
		}
		Path path = this.files.directory().resolve(ShmDescriptor.clientFileName(clientId));
		ShmFile file;
		try {
			file = ShmFile.open(path);
		}
		catch (IOException | IpcException ex) {
			reject("an attach of client " + clientId + " whose file " + path + " cannot be read (" + ex.getMessage()
					+ ")");
			return;
		}
		if (file.clientId() != clientId || !file.isOwnerAlive(System.currentTimeMillis(),
				this.options.livenessTimeoutMillis())) {
			reject("an attach of client " + clientId + " whose file is not ready or whose process is gone");
			return;
		}
		if (this.clients.size() >= this.maxConnections) {
			refuse(file, this.endpoint + " serves " + this.clients.size() + " clients, its limit");
			return;
		}
		ShmClientConnection client = new ShmClientConnection(this.transport, file, clientId);
		this.controlBuffer.putLong(0, this.serverFile.sessionId());
		if (!file.ring().writeControl(ShmDescriptor.ATTACHED, this.controlBuffer, 8)) {
			reject("an attach of client " + clientId + " whose response ring is full");
			return;
		}
		this.clients.put(clientId, client);
		this.transport.counters().connectionOpened();
		logger.debug("Attached {} to {}", client.describe(), this.endpoint);
	}

	private void refuse(ShmFile file, String reason) {
		byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
		int length = Math.min(bytes.length, this.controlBuffer.capacity());
		this.controlBuffer.putBytes(0, bytes, 0, length);
		if (!file.ring().writeControl(ShmDescriptor.REFUSED, this.controlBuffer, length)) {
			logger.debug("Could not tell client {} that it was refused: its ring is full", file.clientId());
		}
	}

	/**
	 * Asks the duty cycle to detach a client; any thread may call it.
	 * @param client the client
	 */
	void requestDetach(ShmClientConnection client) {
		this.detachRequests.add(client);
	}

	private int processDetachRequests() {
		int work = 0;
		ShmClientConnection client;
		while ((client = this.detachRequests.poll()) != null) {
			if (this.clients.get((int) client.id()) == client) {
				refuse(client.file(), "closed by the server");
				detach(client, "closed by the server", false);
				work++;
			}
		}
		return work;
	}

	private int checkClients(long now) {
		List<ShmClientConnection> dead = null;
		for (ShmClientConnection client : this.clients.values()) {
			if (!client.file().isOwnerAlive(now, this.options.livenessTimeoutMillis())) {
				dead = (dead != null) ? dead : new ArrayList<>();
				dead.add(client);
			}
		}
		if (dead == null) {
			return 0;
		}
		for (ShmClientConnection client : dead) {
			boolean processGone = !ShmFile.isProcessAlive(client.file().pid());
			if (!processGone) {
				// Alive but silent (stopped, hung): tell it, so it reports the loss when it runs again.
				refuse(client.file(), "heartbeat older than " + this.options.livenessTimeoutMillis() + " ms");
			}
			detach(client, processGone ? "process " + client.file().pid() + " is gone"
					: "no heartbeat for " + this.options.livenessTimeoutMillis() + " ms", processGone);
		}
		return dead.size();
	}

	private void detach(ShmClientConnection client, String reason, boolean reclaimFile) {
		this.clients.remove((int) client.id());
		if (client.markClosed()) {
			this.transport.counters().connectionClosed();
		}
		if (reclaimFile) {
			client.file().delete();
			logger.info("Reclaimed {} of {}: {}", client.describe(), this.endpoint, reason);
		}
		else {
			logger.debug("Detached {} from {}: {}", client.describe(), this.endpoint, reason);
		}
		this.transport.connectionClosed(client, ErrorCode.UNAVAILABLE, client.describe() + " " + reason);
	}

	/**
	 * A client that died between claiming a record and committing it leaves the ring blocked at that record; after a
	 * liveness timeout without progress, the record is released.
	 */
	private int checkStalledRing(long now) {
		long consumer = this.ring.consumerPosition();
		if (consumer != this.lastConsumerPosition || this.ring.producerPosition() == consumer) {
			this.lastConsumerPosition = consumer;
			this.stalledSinceMillis = now;
			return 0;
		}
		if (now - this.stalledSinceMillis > this.options.livenessTimeoutMillis() && this.ring.unblock()) {
			this.transport.counters().frameRejected();
			logger.warn("Released a record of {} left half-written by a client that stopped mid-write", this.endpoint);
			this.stalledSinceMillis = now;
			return 1;
		}
		return 0;
	}

	@Override
	public void onClose() {
		for (ShmClientConnection client : this.clients.values()) {
			if (!client.file().ring().writeControl(ShmDescriptor.SERVER_CLOSING, this.controlBuffer, 0)) {
				logger.debug("Could not tell {} that the server stops: its ring is full", client.describe());
			}
			if (client.markClosed()) {
				this.transport.counters().connectionClosed();
			}
		}
		this.clients.clear();
	}

}
