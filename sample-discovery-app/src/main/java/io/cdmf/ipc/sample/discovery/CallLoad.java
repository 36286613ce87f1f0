package io.cdmf.ipc.sample.discovery;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * Calls at a fixed rate until stopped: a pacer thread hands one call per tick to a pool of callers, so a slow call
 * (one whose retry waits, say) does not slow the others down. Counts the answers per instance and keeps the first
 * failures. Thread-safe.
 *
 * @since 0.1.0
 */
public final class CallLoad implements AutoCloseable {

	/** Failures kept for reports; the count goes on past it. */
	private static final int KEPT_FAILURES = 20;

	private final long intervalNanos;

	private final Callable<String> call;

	private final ExecutorService callers;

	private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

	private final LongAdder failures = new LongAdder();

	private final List<String> failureMessages = new CopyOnWriteArrayList<>();

	private volatile boolean stopped;

	private @Nullable Thread pacer;

	/**
	 * Prepares a load.
	 * @param callsPerSecond the rate, 1 to 100,000
	 * @param callerThreads the callers, at least 1
	 * @param call one call, returning the id of the instance that answered; a thrown exception is a failure
	 */
	public CallLoad(int callsPerSecond, int callerThreads, Callable<String> call) {
		if (callsPerSecond < 1 || callsPerSecond > 100_000) {
			throw new IllegalArgumentException("callsPerSecond must be between 1 and 100000: " + callsPerSecond);
		}
		if (callerThreads < 1) {
			throw new IllegalArgumentException("callerThreads must be at least 1: " + callerThreads);
		}
		this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / callsPerSecond;
		this.call = call;
		AtomicInteger count = new AtomicInteger();
		this.callers = Executors.newFixedThreadPool(callerThreads, runnable -> {
			Thread thread = new Thread(runnable, "caller-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts calling.
	 */
	public synchronized void start() {
		if (this.pacer != null) {
			throw new IllegalStateException("started already");
		}
		Thread thread = new Thread(this::pace, "call-pacer");
		thread.setDaemon(true);
		this.pacer = thread;
		thread.start();
	}

	private void pace() {
		long next = System.nanoTime();
		while (!this.stopped) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
				continue;
			}
			this.callers.execute(this::callOnce);
			next += this.intervalNanos;
		}
	}

	private void callOnce() {
		try {
			this.answers.computeIfAbsent(this.call.call(), key -> new LongAdder()).increment();
		}
		catch (Exception ex) {
			this.failures.increment();
			if (this.failureMessages.size() < KEPT_FAILURES) {
				this.failureMessages.add(ex.toString());
			}
		}
	}

	/**
	 * Stops calling and waits for the calls under way to end.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void stop() throws InterruptedException {
		this.stopped = true;
		Thread thread;
		synchronized (this) {
			thread = this.pacer;
		}
		if (thread != null) {
			thread.join();
		}
		this.callers.shutdown();
		if (!this.callers.awaitTermination(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("calls still running 60 s after the load stopped");
		}
	}

	/**
	 * Returns the calls that ended, answered or failed.
	 * @return the count
	 */
	public long calls() {
		return answered() + failures();
	}

	/**
	 * Returns the answered calls.
	 * @return the count
	 */
	public long answered() {
		return this.answers.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/**
	 * Returns the failed calls.
	 * @return the count
	 */
	public long failures() {
		return this.failures.sum();
	}

	/**
	 * Returns the first failures, each as its exception's text.
	 * @return up to 20 failures
	 */
	public List<String> failureMessages() {
		return List.copyOf(this.failureMessages);
	}

	/**
	 * Returns the calls an instance answered.
	 * @param instanceId the instance
	 * @return the count
	 */
	public long answeredBy(String instanceId) {
		LongAdder count = this.answers.get(instanceId);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Returns the answers per instance.
	 * @return instance id to calls answered, sorted by id
	 */
	public Map<String, Long> answersByInstance() {
		Map<String, Long> copy = new TreeMap<>();
		this.answers.forEach((instance, count) -> copy.put(instance, count.sum()));
		return copy;
	}

	@Override
	public void close() {
		this.stopped = true;
		this.callers.shutdownNow();
	}

}
