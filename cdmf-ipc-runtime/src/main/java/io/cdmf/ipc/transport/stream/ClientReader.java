package io.cdmf.ipc.transport.stream;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.transport.Transport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a client connection either on the thread of a caller that waits for its response (a "lease"), or on the
 * shared client event loop ({@link ClientLoops}) when replies are expected and no caller reads, and when the
 * connection is idle (to notice a server that closed it).
 * <p>
 * Why: a response read by an I/O thread must then wake the caller — a second thread wake-up per call, which on a busy
 * machine costs more than the whole round trip of a raw socket. A caller that reads for itself is woken by the kernel
 * straight out of its poll, as a raw client is, and delivers on the way any responses of other calls it reads. The
 * event loop's interest in reading is switched on only while nobody holds the lease: when it finds the lease taken
 * it switches itself off, so a busy synchronous connection costs the loop nothing. Written by hand: no library
 * offers caller-runs reading of a non-blocking socket.
 */
final class ClientReader {

	private static final Logger logger = LoggerFactory.getLogger(ClientReader.class);

	private static final int MAX_READS_PER_EVENT = 8;

	/**
	 * Quiet time after which the event loop reads an idle connection, to notice a server that closed it or sent
	 * something unasked. Longer than the gap between synchronous calls, so it never competes with a caller that reads
	 * for itself.
	 */
	private static final long IDLE_WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final StreamConnection connection;

	private final IoLoop loop;

	private final ReentrantLock readLock = new ReentrantLock();

	private final Selector callerSelector;

	private final AtomicInteger expectedReplies = new AtomicInteger();

	private final Runnable idleCheck = this::idleCheck;

	private final AtomicBoolean selectorClosed = new AtomicBoolean();

	/** The caller that holds the lease, or null. */
	private volatile @Nullable Thread leader;

	private volatile boolean running = true;

	private volatile long lastActivityNanos = System.nanoTime();

	ClientReader(StreamConnection connection, SocketChannel channel, IoLoop loop) throws IOException {
		this.connection = connection;
		this.loop = loop;
		this.callerSelector = Selector.open();
		try {
			channel.register(this.callerSelector, SelectionKey.OP_READ);
		}
		catch (IOException ex) {
			closeSelector();
			throw ex;
		}
		loop.addTicker(this.idleCheck);
	}

	/**
	 * Notes a sent request that expects a reply, and makes sure someone reads for it.
	 */
	void replyExpected() {
		this.lastActivityNanos = System.nanoTime();
		if (this.expectedReplies.incrementAndGet() > 0 && this.leader == null) {
			this.connection.armRead();
		}
	}

	/**
	 * Notes a received reply.
	 */
	void replyReceived() {
		this.expectedReplies.updateAndGet(count -> (count > 0) ? count - 1 : 0);
	}

	/**
	 * Lends reading to the calling thread, if no other caller holds it.
	 * @return the lease, or {@code null}
	 */
	Transport.@Nullable ReceiveLease lease() {
		if (!this.readLock.tryLock()) {
			return null;
		}
		this.leader = Thread.currentThread();
		return new Lease();
	}

	/**
	 * Reads on the event loop, which found the connection readable while its read interest was on. If a caller holds
	 * the lease, the loop stops watching instead: that caller reads.
	 */
	void readOnLoop() {
		if (!this.readLock.tryLock()) {
			this.connection.disarmRead();
			return;
		}
		try {
			for (int i = 0; i < MAX_READS_PER_EVENT && this.running; i++) {
				if (!this.connection.readOnce() || !this.connection.readBufferFull()) {
					return;
				}
			}
		}
		finally {
			this.readLock.unlock();
		}
	}

	private void idleCheck() {
		if (this.running && this.leader == null && !this.connection.isReadArmed()
				&& System.nanoTime() - this.lastActivityNanos > IDLE_WATCH_NANOS) {
			this.connection.armRead();
		}
	}

	private final class Lease implements Transport.ReceiveLease {

		private boolean open = true;

		@Override
		public void receiveUntil(BooleanSupplier condition, long spinNanos, long deadlineNanos) {
			if (spinNanos > 0 && !spin(condition, Math.min(System.nanoTime() + spinNanos, deadlineNanos))) {
				return;
			}
			while (this.open && running && !condition.getAsBoolean()) {
				long left = deadlineNanos - System.nanoTime();
				if (left <= 0) {
					return;
				}
				try {
					if (callerSelector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999))) > 0) {
						callerSelector.selectedKeys().clear();
						if (!connection.readOnce()) {
							return;
						}
					}
				}
				catch (IOException ex) {
					connection.failed(ex);
					return;
				}
			}
		}

		/**
		 * Polls the non-blocking channel, as a raw client spinning on {@code read} does: a response that arrives
		 * within the spin wakes no thread. On a VM whose idle CPUs halt, waking a thread blocked in the kernel costs
		 * more than a whole round trip.
		 * @return {@code false} if the connection closed
		 */
		private boolean spin(BooleanSupplier condition, long spinEndNanos) {
			// The clock is read every 16 turns only: a turn is one non-blocking read, the clock a third of it.
			for (int turn = 1; this.open && running && !condition.getAsBoolean(); turn++) {
				if (!connection.readOnce()) {
					return false;
				}
				if ((turn & 15) == 0 && System.nanoTime() - spinEndNanos >= 0) {
					return true;
				}
				Thread.onSpinWait();
			}
			return true;
		}

		@Override
		public void close() {
			release(false);
		}

		@Override
		public void closeForSuccessor() {
			release(true);
		}

		private void release(boolean successor) {
			if (!this.open) {
				return;
			}
			this.open = false;
			lastActivityNanos = System.nanoTime();
			leader = null;
			readLock.unlock();
			if (!running) {
				// The connection closed during the lease and left its selector to us.
				closeSelector();
			}
			else if (!successor && expectedReplies.get() > 0) {
				connection.armRead();
			}
		}

	}

	/**
	 * Stops reading and closes the callers' selector. Called when the connection closes.
	 */
	void close() {
		this.running = false;
		this.loop.removeTicker(this.idleCheck);
		this.callerSelector.wakeup();
		// A caller reading under the lease closes the selector when it gives the lease back; otherwise close it now.
		if (this.readLock.tryLock()) {
			try {
				closeSelector();
			}
			finally {
				this.readLock.unlock();
			}
		}
	}

	private void closeSelector() {
		if (!this.selectorClosed.compareAndSet(false, true)) {
			return;
		}
		try {
			this.callerSelector.close();
		}
		catch (IOException ex) {
			logger.debug("Closing a reader selector failed", ex);
		}
	}

}
