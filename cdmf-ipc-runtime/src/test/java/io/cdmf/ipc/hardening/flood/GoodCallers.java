package io.cdmf.ipc.hardening.flood;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * Well-behaved callers that call {@code echo} on one {@link ServiceProxy} without pause, each with its own payloads,
 * and check every answer: a call counts as good only if it succeeded with its own payload back.
 */
final class GoodCallers implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final LongAdder good = new LongAdder();

	private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * Starts callers.
	 * @param proxy the proxy they share
	 * @param count how many threads call
	 */
	GoodCallers(ServiceProxy proxy, int count) {
		for (int t = 0; t < count; t++) {
			String prefix = "good-" + t + "-";
			Thread thread = new Thread(() -> call(proxy, prefix), "good-caller-" + t);
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
	}

	private void call(ServiceProxy proxy, String prefix) {
		for (long i = 0; this.running.get(); i++) {
			String payload = prefix + i;
			CallResult result = proxy.call("echo", payload.getBytes(StandardCharsets.UTF_8), TIMEOUT);
			if (!result.isSuccess()) {
				this.errors.add(payload + ": " + result);
			}
			else if (!payload.equals(new String(result.data(), StandardCharsets.UTF_8))) {
				this.errors.add(payload + ": answered " + new String(result.data(), StandardCharsets.UTF_8));
			}
			else {
				this.good.increment();
			}
		}
	}

	/**
	 * Returns the calls answered correctly so far.
	 * @return the count
	 */
	long good() {
		return this.good.sum();
	}

	/**
	 * Returns the calls that failed or were answered wrongly so far.
	 * @return what went wrong, one line per call
	 */
	List<String> errors() {
		return List.copyOf(this.errors);
	}

	/**
	 * Stops the callers after their current call and waits for them.
	 */
	@Override
	public void close() {
		this.running.set(false);
		for (Thread thread : this.threads) {
			try {
				thread.join(TIMEOUT.toMillis() * 2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while stopping the callers", ex);
			}
		}
	}

}
