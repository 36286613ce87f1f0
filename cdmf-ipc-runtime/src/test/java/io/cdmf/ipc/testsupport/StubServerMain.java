package io.cdmf.ipc.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;

/**
 * A service run in a second JVM by cross-process tests. Arguments: endpoint, max concurrent requests, request
 * timeout in milliseconds, and optionally {@code inline} to run handlers on the transport's thread. Prints {@code READY <pid> <bound endpoint>} once listening (the endpoint with the port
 * actually bound, for network endpoints given port 0), and stops on SIGTERM.
 * <p>
 * Methods: {@code echo} returns the request; {@code sleep} sleeps the number of milliseconds in the request;
 * {@code fail} throws; {@code count} counts its calls per request text and returns the count; {@code record}
 * counts one-way deliveries and {@code recorded} returns that count; {@code pid} returns the process id.
 */
public final class StubServerMain {

	private StubServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		String endpoint = args[0];
		int maxConcurrent = (args.length > 1) ? Integer.parseInt(args[1]) : 100;
		long requestTimeoutMillis = (args.length > 2) ? Long.parseLong(args[2]) : 30_000;
		boolean inline = args.length > 3 && "inline".equals(args[3]);
		ServiceStub stub = new ServiceStub(StubConfig.custom("TestService")
			.endpoint(endpoint)
			.inlineHandlers(inline)
			.maxConcurrentRequests(maxConcurrent)
			.requestTimeout(Duration.ofMillis(requestTimeoutMillis))
			.shutdownGracePeriod(Duration.ofSeconds(2))
			.build());
		ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
		AtomicInteger recorded = new AtomicInteger();
		stub.registerMethod("echo", request -> request);
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
		stub.registerMethod("pid", request -> bytes(Long.toString(ProcessHandle.current().pid())));
		stub.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stub.stop();
			stopped.countDown();
		}));
		System.out.println("READY " + ProcessHandle.current().pid() + " " + String.join(",", stub.getBoundEndpoints()));
		stopped.await();
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
