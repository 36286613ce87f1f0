package io.cdmf.ipc.transport.stream;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.cdmf.ipc.transport.ReceiverRelay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread around a {@link Selector}: it waits for channels to become ready and calls their handlers, and runs
 * tasks other threads hand it (registrations, interest changes).
 * <p>
 * Hand-written rather than taken from Netty: the loop is 150 lines, and owning it lets the stream transports write
 * from the caller's thread straight into the socket when it has room, which is what keeps a round trip at the cost
 * of the two system calls it needs.
 * <p>
 * A server's loop is <em>relayed</em>: its receiving role is a {@link ReceiverRelay}, so a server may run a short
 * handler on the loop thread and, when one blocks, hand the loop to a new thread. The loop then first dispatches
 * the ready keys outside {@code select} (the selector is locked while its action runs, and a successor must be able to
 * select while the blocked thread is still in its handler); the successor resumes the handler of the key the blocked
 * thread was dispatching ({@link Handler#resume()}: the rest of the frames already read), the keys after it, and goes
 * on selecting. The blocked thread, once its handler returns, sees it is no longer the receiver ({@link #inLoop()} is
 * {@code false} for it) and ends without touching the loop's state.
 *
 * @since 0.1.0
 */
final class IoLoop {

	private static final Logger logger = LoggerFactory.getLogger(IoLoop.class);

	/** Period of the tickers, in milliseconds. */
	static final long TICK_MILLIS = 10;

	private final Selector selector;

	/** The receiving thread of the time (a successor's after a hand-off); for names and logs. */
	private volatile Thread thread;

	private final String threadName;

	/** Hand-offs so far, for the successors' names; written by the handing-off thread (one at a time). */
	private int handOffs;

	/** The receiving role of a relayed loop (a server's), {@code null} for a client loop. */
	private final @Nullable ReceiverRelay relay;

	/** The keys of the last select still to dispatch (relayed loops); touched by the receiving thread only. */
	private SelectionKey[] readyKeys = new SelectionKey[16];

	private int readyCount;

	private int readyIndex;

	/** The handler being dispatched now, which a successor resumes (relayed loops). */
	private @Nullable Handler dispatching;

	/** Collects the ready keys of one select (relayed loops); made once, not per select. */
	private final Consumer<SelectionKey> collect = this::collect;

	private final Consumer<SelectionKey> dispatchNow = this::dispatch;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** Run on the loop thread about every {@value #TICK_MILLIS} ms while there are any. */
	private final List<Runnable> tickers = new CopyOnWriteArrayList<>();

	private long nextTickNanos;

	private final CountDownLatch terminated = new CountDownLatch(1);

	private volatile boolean running = true;

	/**
	 * Handles readiness of one registered channel.
	 */
	interface Handler {

		/**
		 * Called on the loop thread when the key is ready.
		 * @param key the ready key
		 */
		void onReady(SelectionKey key);

		/**
		 * Called on the loop thread when the handler failed or the loop stops.
		 * @param cause why, or {@code null} when the loop stops
		 */
		void onClose(Throwable cause);

		/**
		 * Called on a successor receiving thread of a relayed loop when the previous one was handed off while it
		 * dispatched this handler: finish what that dispatch left (the frames already read).
		 */
		default void resume() {
		}

	}

	/**
	 * A thread receiving for the loop, with the generation it claimed from the relay.
	 */
	private static final class Receiver extends Thread {

		private final IoLoop loop;

		private final boolean successor;

		private int generation;

		Receiver(IoLoop loop, String name, boolean successor) {
			super(name);
			this.loop = loop;
			this.successor = successor;
			setDaemon(true);
		}

		@Override
		public void run() {
			this.loop.turn(this);
		}

	}

	/**
	 * Creates a client loop: never relayed.
	 * @param threadName the thread's name
	 * @throws IOException if no selector can be opened
	 */
	IoLoop(String threadName) throws IOException {
		this(threadName, false);
	}

	/**
	 * Creates a loop.
	 * @param threadName the thread's name (successors get the same name)
	 * @param relayed whether handlers may run on the loop thread and have it handed to a successor
	 * @throws IOException if no selector can be opened
	 */
	IoLoop(String threadName, boolean relayed) throws IOException {
		this.selector = Selector.open();
		this.threadName = threadName;
		this.relay = relayed ? new ReceiverRelay(this::takeOver) : null;
		this.thread = new Receiver(this, threadName, false);
	}

	/**
	 * Returns the relay of a server's loop.
	 * @return the relay, or {@code null} for a client loop
	 */
	@Nullable ReceiverRelay relay() {
		return this.relay;
	}

	/** Starts a successor receiving thread; runs on the thread that handed off, and does not block. */
	private void takeOver() {
		Receiver successor = new Receiver(this, this.threadName + "-" + (++this.handOffs), true);
		this.thread = successor;
		successor.start();
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Returns whether the calling thread is the loop's receiving thread: for a relayed loop, {@code false} for one
	 * whose handler was handed off, which must then leave the loop's state alone.
	 * @return whether it is
	 */
	boolean inLoop() {
		Thread current = Thread.currentThread();
		ReceiverRelay receiverRelay = this.relay;
		if (receiverRelay == null) {
			return current == this.thread;
		}
		return current instanceof Receiver receiver && receiver.loop == this
				&& receiverRelay.owns(receiver.generation);
	}

	/**
	 * Returns whether the calling thread, a receiving thread of this relayed loop, was handed off during the
	 * delivery it just made: it must return at once without touching what the successor now owns.
	 * @return whether it was handed off
	 */
	boolean handedOff() {
		return this.relay != null && !inLoop();
	}

	/**
	 * Runs a task on the loop thread: now if called from it, else soon.
	 * @param task the task
	 */
	void execute(Runnable task) {
		if (inLoop()) {
			task.run();
			return;
		}
		this.tasks.add(task);
		this.selector.wakeup();
	}

	/**
	 * Runs a task on the loop thread after what it is doing now, even if called from it.
	 * @param task the task
	 */
	void executeLater(Runnable task) {
		this.tasks.add(task);
		this.selector.wakeup();
	}

	/**
	 * Registers a channel on the loop thread.
	 * @param channel a non-blocking channel
	 * @param ops the interest set
	 * @param handler its handler
	 * @param onRegistered receives the key once registered
	 */
	void register(SelectableChannel channel, int ops, Handler handler, Consumer<SelectionKey> onRegistered) {
		execute(() -> {
			try {
				SelectionKey key = channel.register(this.selector, ops, handler);
				onRegistered.accept(key);
			}
			catch (ClosedChannelException ex) {
				handler.onClose(ex);
			}
		});
	}

	/**
	 * Adds a task run on the loop thread about every {@value #TICK_MILLIS} ms, until removed.
	 * @param ticker the task; it must be short and must not throw
	 */
	void addTicker(Runnable ticker) {
		this.tickers.add(ticker);
		this.selector.wakeup();
	}

	/**
	 * Removes a task added with {@link #addTicker}.
	 * @param ticker the task
	 */
	void removeTicker(Runnable ticker) {
		this.tickers.remove(ticker);
	}

	/**
	 * Changes a key's interest set from any thread.
	 * @param key the key
	 * @param ops the new interest set
	 */
	void interestOps(SelectionKey key, int ops) {
		if (!key.isValid()) {
			return;
		}
		if (inLoop()) {
			key.interestOps(ops);
			return;
		}
		execute(() -> {
			if (key.isValid()) {
				key.interestOps(ops);
			}
		});
	}

	private void turn(Receiver self) {
		ReceiverRelay receiverRelay = this.relay;
		if (receiverRelay != null) {
			self.generation = receiverRelay.claim();
		}
		boolean handedOff = false;
		try {
			if (self.successor && this.running) {
				resumeDispatch();
				if (handedOff = handedOff()) {
					return;
				}
			}
			while (this.running) {
				// select(Consumer) walks the ready keys without an iterator: no allocation per wake-up.
				Consumer<SelectionKey> action = (receiverRelay != null) ? this.collect : this.dispatchNow;
				if (this.tickers.isEmpty()) {
					this.selector.select(action);
				}
				else {
					this.selector.select(action, TICK_MILLIS);
				}
				if (receiverRelay != null) {
					dispatchReady();
					if (handedOff = handedOff()) {
						return;
					}
				}
				if (!this.tickers.isEmpty()) {
					tick();
				}
				runTasks();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (this.running && !handedOff) {
				logger.error("I/O loop {} failed; its connections are closed", self.getName(), ex);
			}
		}
		finally {
			if (!handedOff) {
				closeAll();
				this.terminated.countDown();
			}
		}
	}

	private void collect(SelectionKey key) {
		if (this.readyCount == this.readyKeys.length) {
			this.readyKeys = java.util.Arrays.copyOf(this.readyKeys, this.readyCount * 2);
		}
		this.readyKeys[this.readyCount++] = key;
	}

	/** Dispatches the collected keys; returns early when this thread was handed off. */
	private void dispatchReady() {
		while (this.readyIndex < this.readyCount) {
			SelectionKey key = this.readyKeys[this.readyIndex];
			this.readyKeys[this.readyIndex++] = null;
			this.dispatching = (Handler) key.attachment();
			dispatch(key);
			if (handedOff()) {
				return;
			}
			this.dispatching = null;
		}
		this.readyIndex = 0;
		this.readyCount = 0;
	}

	/** On a successor: finishes the dispatch the blocked thread was in, then the keys after it. */
	private void resumeDispatch() {
		Handler handler = this.dispatching;
		if (handler != null) {
			try {
				handler.resume();
			}
			catch (RuntimeException ex) {
				if (handedOff()) {
					logger.error("Handler on {} failed after its thread was handed off", this.threadName, ex);
					return;
				}
				logger.error("Handler on {} failed; closing its channel", this.threadName, ex);
				handler.onClose(ex);
			}
			if (handedOff()) {
				return;
			}
			this.dispatching = null;
		}
		dispatchReady();
	}

	private void dispatch(SelectionKey key) {
		Handler handler = (Handler) key.attachment();
		try {
			if (key.isValid()) {
				handler.onReady(key);
			}
		}
		catch (RuntimeException ex) {
			if (handedOff()) {
				// The successor owns the key now; this thread must not touch it.
				logger.error("Handler on {} failed after its thread was handed off", this.threadName, ex);
				return;
			}
			logger.error("Handler on {} failed; closing its channel", this.threadName, ex);
			key.cancel();
			handler.onClose(ex);
		}
	}

	private void tick() {
		long now = System.nanoTime();
		if (now - this.nextTickNanos < 0) {
			return;
		}
		this.nextTickNanos = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
		for (Runnable ticker : this.tickers) {
			try {
				ticker.run();
			}
			catch (RuntimeException ex) {
				logger.error("Ticker on I/O loop {} failed", this.threadName, ex);
			}
		}
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("Task on I/O loop {} failed", this.threadName, ex);
			}
		}
	}

	private void closeAll() {
		runTasks();
		for (SelectionKey key : this.selector.keys()) {
			key.cancel();
			((Handler) key.attachment()).onClose(null);
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.debug("Closing selector of {} failed", this.threadName, ex);
		}
	}

	/**
	 * Stops the loop, closes its channels and waits for the thread to end.
	 * @param timeoutMillis how long to wait
	 */
	void shutdown(long timeoutMillis) {
		this.running = false;
		this.selector.wakeup();
		if (inLoop()) {
			return;
		}
		try {
			if (!this.terminated.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
				logger.warn("I/O loop {} did not stop within {} ms", this.threadName, timeoutMillis);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
