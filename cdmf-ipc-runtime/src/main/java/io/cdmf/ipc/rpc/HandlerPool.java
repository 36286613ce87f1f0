package io.cdmf.ipc.rpc;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stub's own handler threads: grows to one thread per running request (up to the concurrency limit) so that a
 * blocking handler never waits behind another, and queues a request only when a thread is idle or at the limit.
 * <p>
 * A plain {@link ThreadPoolExecutor} either makes a thread per task until its core size (too many threads for a
 * quick handler) or queues before growing (a blocking handler holds up the queue). This is the queue-or-grow rule
 * of Tomcat's {@code TaskQueue}, written here because it is twenty lines: a task goes to the queue while there are
 * at least as many threads as tasks, otherwise the pool grows. Busy threads take the next task from the queue
 * without being woken, which is what a {@code SynchronousQueue} hand-off would cost on every request.
 */
final class HandlerPool extends ThreadPoolExecutor {

	private final AtomicInteger tasks = new AtomicInteger();

	HandlerPool(int maxThreads, ThreadFactory threadFactory) {
		super(1, maxThreads, 60, TimeUnit.SECONDS, new GrowFirstQueue(), threadFactory);
		((GrowFirstQueue) getQueue()).pool = this;
		allowCoreThreadTimeOut(true);
	}

	@Override
	public void execute(Runnable command) {
		this.tasks.incrementAndGet();
		try {
			super.execute(command);
		}
		catch (RuntimeException ex) {
			this.tasks.decrementAndGet();
			throw ex;
		}
	}

	@Override
	protected void afterExecute(Runnable task, Throwable failure) {
		this.tasks.decrementAndGet();
	}

	/**
	 * Refuses a task (so the pool adds a thread) while every thread is busy and the pool may still grow.
	 */
	private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

		private static final long serialVersionUID = 1L;

		private transient HandlerPool pool;

		@Override
		public boolean offer(Runnable task) {
			HandlerPool owner = this.pool;
			int threads = owner.getPoolSize();
			if (owner.tasks.get() <= threads || threads >= owner.getMaximumPoolSize()) {
				return super.offer(task);
			}
			return false;
		}

	}

}
