package io.cdmf.ipc.transport.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.ReceiverRelay;
import io.cdmf.ipc.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * One stream socket: reads frames on the I/O loop and writes frames from any thread.
 * <p>
 * Writes are batched: a sender encodes its frame into the pending buffer under a short lock; if nobody is flushing,
 * it becomes the flusher and writes straight to the socket from its own thread. Frames that other senders add
 * meanwhile go out with the next write, so under load one system call carries many frames. When the socket has no
 * room, flushing moves to the I/O loop ({@code OP_WRITE}); when the pending bytes reach their limit, senders wait up
 * to the send timeout and then fail with {@code RESOURCE_EXHAUSTED}: back-pressure, never loss.
 *
 * @since 0.1.0
 */
final class StreamConnection implements Connection, IoLoop.Handler {

	private static final int MAX_READS_PER_EVENT = 8;

	private final StreamTransport transport;

	private final SocketChannel channel;

	private final IoLoop loop;

	private final long id;

	private final PeerCredentials credentials;

	private final String description;

	private final FrameDecoder decoder;

	private final int maxPendingBytes;

	private final long sendTimeoutNanos;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final Condition writable = this.writeLock.newCondition();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile SelectionKey key;

	/**
	 * Whether the I/O loop should flush: set when the socket was full (possibly before {@link #registered} ran, which
	 * reads it), cleared by the loop when the socket is writable.
	 */
	private volatile boolean writeWanted;

	/** Whether the I/O loop reads this client connection (server connections it always reads). */
	private volatile boolean readArmed;

	/** Applies the interest flags on the loop thread; made once, not per change. */
	private final Runnable applyInterest = this::applyInterestNow;

	private ByteBuffer readBuffer;

	// The write buffers start empty and grow with the first frames sent (reserve): a connection that sends little,
	// such as one a server closes after a bad frame, holds no more than it needs. Direct memory is returned only when
	// the buffer is collected, so a flood of short connections would otherwise hold 64 KiB each until the next GC.
	private ByteBuffer pending = direct(0);

	private ByteBuffer writing = direct(0);

	private boolean flushing;

	/**
	 * Set by the I/O thread while it handles the frames of one read: replies written meanwhile (inline handlers)
	 * are gathered and leave with one write when the batch is done. Only the I/O thread reads or writes it.
	 */
	private boolean batching;

	/** Whether this is a client's connection, read by its callers and only sometimes by the loop. */
	private final boolean client;

	/** Reads a client connection on waiting callers or its own thread; {@code null} for server connections. */
	private final @Nullable ClientReader clientReader;

	/** The message a client's frames are decoded into when the callback accepts transient messages. */
	private final Message received = new Message();

	StreamConnection(StreamTransport transport, SocketChannel channel, IoLoop loop, long id,
			PeerCredentials credentials, String description, boolean client) throws IOException {
		this.transport = transport;
		this.channel = channel;
		this.loop = loop;
		this.id = id;
		this.credentials = credentials;
		this.description = description;
		this.decoder = new FrameDecoder(transport.getConfig().maxFrameLength());
		this.maxPendingBytes = transport.getConfig().maxPendingWriteBytes();
		this.sendTimeoutNanos = transport.getConfig().sendTimeout().toNanos();
		this.readBuffer = client ? direct(ReadBuffers.INITIAL_SIZE) : transport.readBuffers().take();
		this.writing.flip();
		this.client = client;
		this.clientReader = client ? new ClientReader(this, channel, loop) : null;
	}

	/**
	 * Returns the interest this connection registers with its I/O loop.
	 * @return the interest set
	 */
	int initialInterest() {
		return interest();
	}

	private int interest() {
		return ((!this.client || this.readArmed) ? SelectionKey.OP_READ : 0)
				| (this.writeWanted ? SelectionKey.OP_WRITE : 0);
	}

	/**
	 * Sets the key's interest from the flags. On the loop thread only.
	 */
	private void applyInterestNow() {
		SelectionKey current = this.key;
		if (current != null && current.isValid()) {
			current.interestOps(interest());
		}
	}

	/**
	 * Has the I/O loop read this client connection from now on; from any thread.
	 */
	void armRead() {
		if (!this.readArmed && !this.closed.get()) {
			this.readArmed = true;
			this.loop.execute(this.applyInterest);
		}
	}

	/**
	 * Stops the I/O loop reading this client connection; on the loop thread.
	 */
	void disarmRead() {
		this.readArmed = false;
		applyInterestNow();
	}

	boolean isReadArmed() {
		return this.readArmed;
	}

	boolean readBufferFull() {
		return !this.readBuffer.hasRemaining();
	}

	/**
	 * Lends reading to the calling thread (client connections).
	 * @return the lease, or {@code null}
	 */
	Transport.@Nullable ReceiveLease leaseReceive() {
		ClientReader reader = this.clientReader;
		return (reader != null && isOpen()) ? reader.lease() : null;
	}

	void registered(SelectionKey key) {
		this.key = key;
		if (this.closed.get()) {
			key.cancel();
			return;
		}
		// A sender may have found the socket full, or a caller armed reading, before the channel was registered.
		applyInterestNow();
	}

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public PeerCredentials peerCredentials() {
		return this.credentials;
	}

	@Override
	public String describe() {
		return this.description;
	}

	@Override
	public boolean isOpen() {
		return !this.closed.get();
	}

	@Override
	public String toString() {
		return "StreamConnection[" + this.id + ", " + this.description + "]";
	}

	// ---- reading: on the loop thread (server), or on the thread holding the client reader's lock ----

	@Override
	public void onReady(SelectionKey key) {
		if (key.isWritable()) {
			this.writeWanted = false;
			applyInterestNow();
			flushOrClose();
		}
		if (!key.isValid() || !key.isReadable()) {
			return;
		}
		ClientReader reader = this.clientReader;
		if (reader != null) {
			reader.readOnLoop();
			return;
		}
		for (int i = 0; i < MAX_READS_PER_EVENT && readOnce(); i++) {
			if (this.readBuffer.hasRemaining()) {
				return;
			}
		}
	}

	/**
	 * Reads what the socket has and delivers every whole frame. Called by one thread at a time.
	 * @return whether the connection is still open
	 */
	boolean readOnce() {
		if (this.closed.get()) {
			return false;
		}
		int count;
		try {
			count = this.channel.read(this.readBuffer);
		}
		catch (IOException ex) {
			failed(ex);
			return false;
		}
		if (count < 0) {
			close(ErrorCode.UNAVAILABLE, "connection closed by " + this.description, null);
			return false;
		}
		if (count == 0) {
			// Nothing new (a spinning caller polls often): do not re-scan and compact a partial frame per poll. A
			// full buffer never reads 0 with a frame waiting: processFrames grows it for a frame it cannot hold.
			return true;
		}
		boolean onLoop = this.loop.inLoop();
		this.batching = onLoop;
		try {
			processFrames(false);
		}
		finally {
			if (!handedOff()) {
				this.batching = false;
			}
		}
		if (handedOff()) {
			// A handler run here blocked and a successor took the loop over, this connection's buffer with it.
			return false;
		}
		if (onLoop) {
			flushBatch();
		}
		return !this.closed.get();
	}

	/**
	 * On a successor receiving thread: delivers the frames the blocked thread had read but not delivered yet, and
	 * sends the replies they gathered.
	 */
	@Override
	public void resume() {
		if (this.client || this.closed.get()) {
			return;
		}
		this.batching = true;
		try {
			processFrames(true);
		}
		finally {
			if (!handedOff()) {
				this.batching = false;
			}
		}
		if (!handedOff()) {
			flushBatch();
		}
	}

	/**
	 * Returns whether this is a server connection whose loop the calling thread no longer receives for: a handler it
	 * ran was handed off, and everything but that handler's reply is the successor's.
	 */
	private boolean handedOff() {
		return !this.client && this.loop.handedOff();
	}

	@Override
	public @Nullable ReceiverRelay receiverRelay() {
		return this.client ? null : this.loop.relay();
	}

	/**
	 * Closes the connection after an I/O failure.
	 * @param cause the failure
	 */
	void failed(Exception cause) {
		close(ErrorCode.UNAVAILABLE, "connection to " + this.description + " failed: " + cause.getMessage(), cause);
	}

	/**
	 * Delivers the whole frames in the read buffer.
	 * @param resumed whether a successor resumes a blocked thread's delivery: the buffer is already flipped, its
	 * position at the first frame not delivered yet
	 */
	private void processFrames(boolean resumed) {
		ByteBuffer buffer = this.readBuffer;
		if (!resumed) {
			buffer.flip();
		}
		int needed = 0;
		while (!this.closed.get()) {
			int position = buffer.position();
			int available = buffer.remaining();
			int length;
			try {
				length = this.decoder.frameLength(buffer, position, available);
			}
			catch (FrameException ex) {
				// The connection closes after the error reply: send it (and any gathered replies) now.
				this.batching = false;
				this.transport.frameRejected(this, ex, true);
				return;
			}
			if (length == 0 || available < length) {
				needed = length;
				break;
			}
			buffer.position(position + length);
			// A client's frames are read by one thread at a time (its reader), so one reused message serves them all
			// when the callback takes transient messages; the window over the read buffer lasts until compact().
			boolean reuse = this.client && this.transport.callbackAcceptsTransient();
			Message message;
			try {
				message = reuse ? this.decoder.decodeInto(this.received, buffer, position, length)
						: this.decoder.decode(buffer, position, length, true);
			}
			catch (FrameException ex) {
				this.transport.frameRejected(this, ex, false);
				continue;
			}
			if (reuse) {
				message.markPayloadTransient();
			}
			message.setOrigin(this);
			ClientReader reader = this.clientReader;
			if (reader != null && isReply(message)) {
				reader.replyReceived();
			}
			this.transport.received(message, length);
			if (handedOff()) {
				// The position is past this frame: the successor goes on from the next one.
				return;
			}
		}
		buffer.compact();
		if (needed > buffer.capacity()) {
			// Grow only as bytes arrive: a declared length alone never makes a large allocation.
			buffer.flip();
			this.readBuffer = grow(buffer, Math.min(needed, buffer.capacity() * 2));
		}
	}

	private static boolean isReply(Message message) {
		MessageType type = message.getType();
		MessageHeader header = message.getHeader();
		return (type == MessageType.RESPONSE || type == MessageType.ERROR || type == MessageType.HEARTBEAT)
				&& (header.getCorrelationIdHigh() != 0 || header.getCorrelationIdLow() != 0);
	}

	private static boolean expectsReply(Message message) {
		MessageType type = message.getType();
		return (type == MessageType.REQUEST && !message.getHeader().hasFlag(MessageHeader.FLAG_ONE_WAY))
				|| (type == MessageType.HEARTBEAT && message.getHeader().getCorrelationId().isNone());
	}

	// ---- writing, from any thread ----

	@Override
	public void send(Message message) {
		int length = this.transport.encoder().frameLength(message);
		this.writeLock.lock();
		try {
			reserve(length);
			this.transport.encoder().encode(message, this.pending, this.pending.position(), length);
			this.pending.position(this.pending.position() + length);
			this.transport.counters().messageSent(length);
			ClientReader reader = this.clientReader;
			if (reader != null && expectsReply(message)) {
				reader.replyExpected();
			}
			if (this.flushing || (this.batching && this.loop.inLoop())) {
				return;
			}
			this.flushing = true;
		}
		finally {
			this.writeLock.unlock();
		}
		try {
			flush();
		}
		catch (IOException ex) {
			IpcException failure = new IpcException(ErrorCode.UNAVAILABLE,
					"sending to " + this.description + " failed: " + ex.getMessage(), ex);
			close(ErrorCode.UNAVAILABLE, failure.getMessage(), ex);
			throw failure;
		}
	}

	private void reserve(int length) {
		long deadline = 0;
		while (true) {
			if (this.closed.get()) {
				this.transport.counters().sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "connection to " + this.description + " is closed");
			}
			if (this.pending.remaining() >= length) {
				return;
			}
			int used = this.pending.position();
			if (used + length <= this.maxPendingBytes) {
				int capacity = Math.min(this.maxPendingBytes, Math.max(this.pending.capacity() * 2, used + length));
				this.pending.flip();
				this.pending = grow(this.pending, capacity);
				return;
			}
			long now = System.nanoTime();
			if (deadline == 0) {
				deadline = now + this.sendTimeoutNanos;
			}
			else if (now - deadline >= 0) {
				this.transport.counters().sendError();
				throw new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "connection to " + this.description + " has "
						+ used + " bytes waiting to be sent, its limit; the peer is not reading");
			}
			try {
				this.writable.awaitNanos(deadline - now);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IpcException(ErrorCode.CANCELLED, "interrupted while waiting to send to " + this.description);
			}
		}
	}

	/**
	 * Writes what the replies of one read batch gathered, unless another thread is already flushing.
	 */
	private void flushBatch() {
		this.writeLock.lock();
		try {
			if (this.flushing || this.pending.position() == 0) {
				return;
			}
			this.flushing = true;
		}
		finally {
			this.writeLock.unlock();
		}
		flushOrClose();
	}

	private void flushOrClose() {
		try {
			flush();
		}
		catch (IOException ex) {
			close(ErrorCode.UNAVAILABLE, "sending to " + this.description + " failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Writes pending bytes until none are left or the socket is full. Only the thread that set {@code flushing}
	 * runs this, so {@code writing} is touched by one thread at a time.
	 */
	private void flush() throws IOException {
		while (true) {
			if (!this.writing.hasRemaining()) {
				this.writeLock.lock();
				try {
					if (this.pending.position() == 0 || this.closed.get()) {
						this.flushing = false;
						this.writable.signalAll();
						return;
					}
					ByteBuffer next = this.pending;
					this.pending = this.writing;
					this.pending.clear();
					this.writing = next;
					this.writing.flip();
					this.writable.signalAll();
				}
				finally {
					this.writeLock.unlock();
				}
			}
			while (this.writing.hasRemaining()) {
				if (this.channel.write(this.writing) == 0) {
					// The socket is full: the I/O loop finishes when it becomes writable. If the channel is not
					// registered yet, registered() hands it over; one of the two sees the other's write.
					this.writeWanted = true;
					if (this.key != null) {
						this.loop.execute(this.applyInterest);
					}
					return;
				}
			}
		}
	}

	// ---- closing ----

	@Override
	public void close() {
		close(ErrorCode.UNAVAILABLE, "connection to " + this.description + " closed locally", null);
	}

	@Override
	public void onClose(@Nullable Throwable cause) {
		close(ErrorCode.UNAVAILABLE, "connection to " + this.description + " closed"
				+ ((cause != null) ? ": " + cause.getMessage() : ""), cause);
	}

	void close(ErrorCode code, String reason, @Nullable Throwable cause) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		SelectionKey selectionKey = this.key;
		if (selectionKey != null) {
			selectionKey.cancel();
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			cause = (cause != null) ? cause : ex;
		}
		ClientReader reader = this.clientReader;
		if (reader != null) {
			reader.close();
		}
		else {
			// A server connection's read buffer is touched only on the loop thread, so it goes back there, after the
			// read that may be closing the connection now (see ReadBuffers).
			this.loop.executeLater(this::returnReadBuffer);
		}
		this.writeLock.lock();
		try {
			this.writable.signalAll();
		}
		finally {
			this.writeLock.unlock();
		}
		this.transport.connectionClosed(this, code, reason, cause);
	}

	/**
	 * Gives the read buffer of a closed server connection back for reuse, on the loop thread.
	 */
	private void returnReadBuffer() {
		ByteBuffer buffer = this.readBuffer;
		this.readBuffer = ByteBuffer.allocate(0);
		this.transport.readBuffers().give(buffer);
	}

	/**
	 * Waits until everything pending was written, for an orderly close.
	 * @param timeoutMillis how long to wait
	 */
	void awaitFlushed(long timeoutMillis) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		this.writeLock.lock();
		try {
			while (!this.closed.get() && (this.flushing || this.pending.position() > 0)) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || !this.writable.await(left, TimeUnit.NANOSECONDS)) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private static ByteBuffer direct(int capacity) {
		return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static ByteBuffer grow(ByteBuffer flipped, int capacity) {
		ByteBuffer larger = direct(capacity);
		larger.put(flipped);
		return larger;
	}

}
