package io.cdmf.ipc.testsupport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.transport.Transport;

/**
 * A service run in a second JVM by cross-process tests. Arguments: endpoint, max concurrent requests, request
 * timeout in milliseconds, and optionally how handlers run: {@code inline} on the transport's thread, {@code default}
 * as the stub's default dispatch does, else ({@code executor}) on the stub's pool. Prints {@code READY <pid> <bound endpoint>} once listening (the endpoint with the port
 * actually bound, for network endpoints given port 0), and stops on SIGTERM.
 * <p>
 * Methods: {@code echo} returns the request; {@code thread} and {@code thread-again} return the name of the thread their handler runs on (two methods, as a
 * stub's adaptive dispatch learns per method); {@code sleep} sleeps the number of milliseconds in the request;
 * {@code fail} throws; {@code count} counts its calls per request text and returns the count (a text starting with
 * {@code slow<ms>} then sleeps that long, after printing {@code COUNTING <text>}) and {@code counted} returns that
 * count without counting; {@code record} counts one-way deliveries and {@code recorded} returns that count;
 * {@code pid} returns the process id; {@code connections} returns the connections open to the server.
 * <p>
 * For channel tests, whose clients tell servers apart and change how a server behaves while it runs: {@code serve}
 * answers with the process id after the server's delay plus the milliseconds in the request (if any), holding no
 * thread while it waits, or fails with the server's failure code; {@code served} returns how many {@code serve} calls
 * arrived; {@code control} sets the delay ({@code delay=<ms>}) or the failure ({@code fail=<ErrorCode>},
 * {@code fail=none}) of {@code serve}, or both back to none with the count ({@code reset}).
 */
public final class StubServerMain {

	private StubServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		String endpoint = args[0];
		int maxConcurrent = (args.length > 1) ? Integer.parseInt(args[1]) : 100;
		long requestTimeoutMillis = (args.length > 2) ? Long.parseLong(args[2]) : 30_000;
		String dispatch = (args.length > 3) ? args[3] : "executor";
		StubConfig.Builder builder = StubConfig.custom("TestService");
		if (!"default".equals(dispatch)) {
			builder.inlineHandlers("inline".equals(dispatch));
		}
		ServiceStub stub = new ServiceStub(builder
			.endpoint(endpoint)
			.maxConcurrentRequests(maxConcurrent)
			.requestTimeout(Duration.ofMillis(requestTimeoutMillis))
			.shutdownGracePeriod(Duration.ofSeconds(2))
			.build());
		ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
		AtomicInteger recorded = new AtomicInteger();
		stub.registerMethod("echo", request -> request);
		for (String method : new String[] { "thread", "thread-again" }) {
			stub.registerMethod(method, request -> bytes(Thread.currentThread().getName()));
		}
		stub.registerMethod("sleep", request -> {
			Thread.sleep(Long.parseLong(text(request)));
			return bytes("slept");
		});
		stub.registerMethod("fail", request -> {
			throw new IllegalStateException("boom: " + text(request));
		});
		stub.registerMethod("count", request -> {
			String key = text(request);
			int value = counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
			if (key.startsWith("slow")) {
				System.out.println("COUNTING " + key);
				int end = key.indexOf('-');
				Thread.sleep(Long.parseLong(key.substring(4, (end > 0) ? end : key.length())));
			}
			return bytes(Integer.toString(value));
		});
		stub.registerMethod("record", request -> {
			recorded.incrementAndGet();
			return null;
		});
		stub.registerMethod("recorded", request -> bytes(Integer.toString(recorded.get())));
		stub.registerMethod("counted", request -> {
			AtomicInteger count = counts.get(text(request));
			return bytes(Integer.toString((count != null) ? count.get() : 0));
		});
		stub.registerMethod("pid", request -> bytes(Long.toString(ProcessHandle.current().pid())));
		stub.registerMethod("connections", request -> {
			long open = 0;
			for (Transport transport : stub.getTransports()) {
				open += transport.getStats().activeConnections();
			}
			return bytes(Long.toString(open));
		});
		registerServe(stub);
		stub.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stub.stop();
			stopped.countDown();
		}));
		System.out.println("READY " + ProcessHandle.current().pid() + " " + String.join(",", stub.getBoundEndpoints()));
		stopped.await();
	}

	/**
	 * Registers {@code serve}, {@code served} and {@code control}.
	 */
	private static void registerServe(ServiceStub stub) {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "serve-timer");
			thread.setDaemon(true);
			return thread;
		});
		AtomicLong delayMillis = new AtomicLong();
		AtomicReference<ErrorCode> failure = new AtomicReference<>();
		AtomicInteger served = new AtomicInteger();
		ByteBuffer pid = ByteBuffer.wrap(bytes(Long.toString(ProcessHandle.current().pid()))).asReadOnlyBuffer();
		stub.registerAsyncHandler("serve", request -> {
			served.incrementAndGet();
			ErrorCode code = failure.get();
			if (code != null) {
				throw new IpcException(code, "serve fails on purpose with " + code);
			}
			String extra = text(request.payloadBytes()).trim();
			long delay = delayMillis.get() + (extra.isEmpty() ? 0 : Long.parseLong(extra));
			if (delay == 0) {
				return CompletableFuture.completedFuture(pid.duplicate());
			}
			CompletableFuture<ByteBuffer> answer = new CompletableFuture<>();
			timer.schedule(() -> answer.complete(pid.duplicate()), delay, TimeUnit.MILLISECONDS);
			return answer;
		});
		stub.registerMethod("served", request -> bytes(Integer.toString(served.get())));
		stub.registerMethod("control", request -> {
			String command = text(request);
			if (command.equals("reset")) {
				delayMillis.set(0);
				failure.set(null);
				served.set(0);
			}
			else if (command.startsWith("delay=")) {
				delayMillis.set(Long.parseLong(command.substring("delay=".length())));
			}
			else if (command.startsWith("fail=")) {
				String code = command.substring("fail=".length());
				failure.set(code.equals("none") ? null : ErrorCode.valueOf(code));
			}
			else {
				throw new IllegalArgumentException("unknown control command: " + command);
			}
			return bytes("ok");
		});
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
