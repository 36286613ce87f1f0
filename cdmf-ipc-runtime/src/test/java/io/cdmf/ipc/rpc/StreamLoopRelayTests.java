package io.cdmf.ipc.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relayed selector loop of the stream servers ({@code unix://}, {@code tcp://}) under the default dispatch, over
 * real sockets: a short handler runs on the loop's thread; one that blocks has the loop handed to a successor, which
 * answers the calls pipelined behind it on the same connection (each once) and those of other connections; and a stop
 * while the blocked handler still runs leaves no loop thread behind once it returns.
 */
class StreamLoopRelayTests {

	private static final TestEndpoints SOCKETS = new TestEndpoints();

	private static final int PIPELINED = 50;

	@AfterAll
	static void removeSockets() {
		SOCKETS.close();
	}

	private static String endpoint(String scheme, String name) {
		return "tcp".equals(scheme) ? "tcp://127.0.0.1:0" : SOCKETS.endpoint(scheme, name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix", "tcp" })
	void whenAHandlerBlocksThenTheCallsPipelinedBehindItAndOtherConnectionsAreAnsweredOnce(String scheme)
			throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
		try (ServiceStub stub = new ServiceStub(StubConfig.custom("Relayed").endpoint(endpoint(scheme, "relayed"))
				.build())) {
			stub.registerMethod("thread", request -> bytes(Thread.currentThread().getName()));
			stub.registerMethod("block", request -> {
				release.await(30, TimeUnit.SECONDS);
				return bytes("released");
			});
			stub.registerMethod("echo", request -> {
				runs.computeIfAbsent(text(request), key -> new AtomicInteger()).incrementAndGet();
				return request;
			});
			stub.start();
			String bound = stub.getBoundEndpoints().get(0);
			try (ServiceProxy first = new ServiceProxy(ProxyConfig.of(bound));
					ServiceProxy second = new ServiceProxy(ProxyConfig.of(bound))) {
				String loopThread = text(first.call("thread", bytes(""), Duration.ofSeconds(10)).data());
				assertThat(loopThread).startsWith("cdmf-io-" + scheme + "://");

				CompletableFuture<CallResult> blocked = first.callAsync("block", bytes(""), Duration.ofSeconds(30));
				List<CompletableFuture<CallResult>> pipelined = new ArrayList<>();
				for (int i = 0; i < PIPELINED; i++) {
					pipelined.add(first.callAsync("echo", bytes("first-" + i), Duration.ofSeconds(30)));
				}
				long start = System.nanoTime();
				CompletableFuture.allOf(pipelined.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
				CallResult other = second.call("echo", bytes("second"), Duration.ofSeconds(10));
				long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

				assertThat(blocked).isNotDone();
				assertThat(tookMillis).isLessThan(1_000);
				for (int i = 0; i < PIPELINED; i++) {
					CallResult result = pipelined.get(i).get();
					assertThat(result.isSuccess()).as(result.errorMessage()).isTrue();
					assertThat(text(result.data())).isEqualTo("first-" + i);
				}
				assertThat(text(other.data())).isEqualTo("second");
				assertThat(runs).hasSize(PIPELINED + 1).allSatisfy((payload, count) -> assertThat(count).hasValue(1));

				release.countDown();
				CallResult released = blocked.get(30, TimeUnit.SECONDS);
				assertThat(text(released.data())).isEqualTo("released");
				// A new method learns afresh: it runs on the successor, named after the first loop thread.
				stub.registerMethod("thread-again", request -> bytes(Thread.currentThread().getName()));
				String successor = text(first.call("thread-again", bytes(""), Duration.ofSeconds(10)).data());
				assertThat(successor).startsWith(loopThread + "-");
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix", "tcp" })
	void whenTheStubStopsWhileAHandedOffHandlerRunsThenNoLoopThreadIsLeftOnceItReturns(String scheme)
			throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ServiceStub stub = new ServiceStub(StubConfig.custom("Stopping").endpoint(endpoint(scheme, "stopping"))
				.shutdownGracePeriod(Duration.ofMillis(50)).build());
		String loopThread;
		try (stub) {
			stub.registerMethod("thread", request -> bytes(Thread.currentThread().getName()));
			stub.registerMethod("block", request -> {
				entered.countDown();
				release.await(30, TimeUnit.SECONDS);
				return bytes("released");
			});
			stub.start();
			String bound = stub.getBoundEndpoints().get(0);
			try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(bound))) {
				loopThread = text(proxy.call("thread", bytes(""), Duration.ofSeconds(10)).data());
				assertThat(loopThread).startsWith("cdmf-io-" + scheme + "://");
				proxy.callAsync("block", bytes(""), Duration.ofSeconds(30));
				assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
				Await.until("the loop handed to a successor", Duration.ofSeconds(10),
						() -> loopThreads(loopThread).stream().anyMatch(t -> t.getName().equals(loopThread + "-1")));
				stub.stop();
				// The successor stopped with the loop; the blocked thread is still in its handler.
				assertThat(loopThreads(loopThread)).extracting(Thread::getName).containsExactly(loopThread);
			}
		}
		finally {
			release.countDown();
		}
		Await.until("no loop thread left", Duration.ofSeconds(10), () -> loopThreads(loopThread).isEmpty());
	}

	private static List<Thread> loopThreads(String name) {
		return Thread.getAllStackTraces().keySet().stream()
				.filter(thread -> thread.isAlive() && thread.getName().startsWith(name))
				.toList();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
