package io.cdmf.ipc.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.testsupport.Await;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers of the channel tests: payloads, which server answered, and callers on several threads.
 */
final class ChannelCalls {

	/** The test JVM's own process id, which an in-process server answers with. */
	static final long OWN_PID = ProcessHandle.current().pid();

	private ChannelCalls() {
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(CallResult result) {
		return new String(result.data(), StandardCharsets.UTF_8);
	}

	/**
	 * Returns the process that answered a successful {@code serve} call.
	 * @param result the result
	 * @return the server's pid
	 */
	static long pid(CallResult result) {
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		return Long.parseLong(text(result));
	}

	/**
	 * Returns the state of one endpoint of a channel.
	 * @param channel the channel
	 * @param server the server of the endpoint
	 * @return its state
	 */
	static SubchannelStats stats(ManagedChannel channel, ForkedServer server) {
		return stats(channel, server.endpoint());
	}

	static SubchannelStats stats(ManagedChannel channel, String uri) {
		return channel.getStats()
			.endpoints()
			.stream()
			.filter(endpoint -> endpoint.endpoint().equals(uri))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no endpoint " + uri + " in " + channel.getStats()));
	}

	/**
	 * Waits until every endpoint of a channel is ready.
	 * @param channel the channel
	 */
	static void awaitAllReady(ManagedChannel channel) {
		channel.connect();
		Await.until(() -> "every endpoint ready: " + channel.getStats().endpoints(), Duration.ofSeconds(10),
				() -> channel.getStats().readyEndpoints() == channel.getEndpoints().size());
	}

	/**
	 * Runs calls on several threads and counts the answering processes.
	 * @param threads how many callers
	 * @param callsPerThread how many calls each makes
	 * @param call one call
	 * @return the count of answers per pid
	 */
	static Map<Long, Long> callConcurrently(int threads, int callsPerThread, Supplier<CallResult> call)
			throws Exception {
		Map<Long, LongAdder> answers = new ConcurrentHashMap<>();
		ExecutorService callers = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				done.add(callers.submit(() -> {
					for (int i = 0; i < callsPerThread; i++) {
						answers.computeIfAbsent(pid(call.get()), key -> new LongAdder()).increment();
					}
					return null;
				}));
			}
			for (Future<?> each : done) {
				each.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
		}
		Map<Long, Long> counts = new ConcurrentHashMap<>();
		answers.forEach((pid, count) -> counts.put(pid, count.sum()));
		return counts;
	}

}
