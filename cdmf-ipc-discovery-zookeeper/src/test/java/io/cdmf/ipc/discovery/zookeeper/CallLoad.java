package io.cdmf.ipc.discovery.zookeeper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.testsupport.Await;

/**
 * Calls {@code echo} in a loop on a few threads, pausing a little between calls, and counts the calls that returned
 * their request and those that did not.
 */
final class CallLoad implements AutoCloseable {

	private static final CallOptions OPTIONS = CallOptions.custom()
		.idempotent(true)
		.timeout(Duration.ofSeconds(5))
		.build();

	private final ServiceProxy proxy;

	private final long pauseNanos;

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicLong succeeded = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

	private volatile boolean stopped;

	private CallLoad(ServiceProxy proxy, Duration pause) {
		this.proxy = proxy;
		this.pauseNanos = pause.toNanos();
	}

	static CallLoad start(ServiceProxy proxy, int threads, Duration pause) {
		CallLoad load = new CallLoad(proxy, pause);
		for (int i = 0; i < threads; i++) {
			int id = i;
			Thread thread = new Thread(() -> load.run(id), "call-load-" + i);
			thread.setDaemon(true);
			load.threads.add(thread);
			thread.start();
		}
		return load;
	}

	private void run(int id) {
		for (long n = 0; !this.stopped; n++) {
			byte[] request = ("call-" + id + "-" + n).getBytes(StandardCharsets.UTF_8);
			CallResult result = this.proxy.call("echo", ByteBuffer.wrap(request), OPTIONS);
			if (result.isSuccess() && Arrays.equals(result.data(), request)) {
				this.succeeded.incrementAndGet();
			}
			else {
				this.failed.incrementAndGet();
				if (this.failures.size() < 10) {
					this.failures.add(result.toString());
				}
			}
			LockSupport.parkNanos(this.pauseNanos);
		}
	}

	long succeeded() {
		return this.succeeded.get();
	}

	long failed() {
		return this.failed.get();
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	/**
	 * Waits until this many more calls succeeded.
	 * @param more the calls
	 * @param timeout how long it may take
	 * @return how long it took
	 */
	Duration awaitMore(long more, Duration timeout) {
		long target = this.succeeded.get() + more;
		return Await.until(() -> "succeeded " + this.succeeded.get() + " of " + target + ", failed " + this.failed.get()
				+ " " + failures(), timeout, () -> this.succeeded.get() >= target);
	}

	@Override
	public void close() throws InterruptedException {
		this.stopped = true;
		for (Thread thread : this.threads) {
			thread.join(10_000);
		}
	}

}
