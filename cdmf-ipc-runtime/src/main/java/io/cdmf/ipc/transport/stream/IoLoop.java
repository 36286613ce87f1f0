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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread around a {@link Selector}: it waits for channels to become ready and calls their handlers, and runs
 * tasks other threads hand it (registrations, interest changes).
 * <p>
 * Hand-written rather than taken from Netty: the loop is 150 lines, and owning it lets the stream transports write
 * from the caller's thread straight into the socket when it has room, which is what keeps a round trip at the cost
 * of the two system calls it needs.
 *
 * @since 0.1.0
 */
final class IoLoop implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(IoLoop.class);

	/** Period of the tickers, in milliseconds. */
	static final long TICK_MILLIS = 10;

	private final Selector selector;

	private final Thread thread;

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

	}

	IoLoop(String threadName) throws IOException {
		this.selector = Selector.open();
		this.thread = new Thread(this, threadName);
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	boolean inLoop() {
		return Thread.currentThread() == this.thread;
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

	@Override
	public void run() {
		try {
			while (this.running) {
				// select(Consumer) walks the ready keys without an iterator: no allocation per wake-up.
				if (this.tickers.isEmpty()) {
					this.selector.select(this::dispatch);
				}
				else {
					this.selector.select(this::dispatch, TICK_MILLIS);
					tick();
				}
				runTasks();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (this.running) {
				logger.error("I/O loop {} failed; its connections are closed", this.thread.getName(), ex);
			}
		}
		finally {
			closeAll();
			this.terminated.countDown();
		}
	}

	private void dispatch(SelectionKey key) {
		Handler handler = (Handler) key.attachment();
		try {
			if (key.isValid()) {
				handler.onReady(key);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Handler on {} failed; closing its channel", this.thread.getName(), ex);
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
				logger.error("Ticker on I/O loop {} failed", this.thread.getName(), ex);
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
				logger.error("Task on I/O loop {} failed", this.thread.getName(), ex);
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
			logger.debug("Closing selector of {} failed", this.thread.getName(), ex);
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
				logger.warn("I/O loop {} did not stop within {} ms", this.thread.getName(), timeoutMillis);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
