package io.cdmf.ipc.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.StubServerMain;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default handler dispatch across two processes: a short handler over {@code shm://}, {@code unix://} and
 * {@code tcp://} runs on the receiving
 * thread, and a handler that blocks for two seconds stalls neither the receiving thread nor the other callers of the
 * same connection (the same {@code shm://} ring, the same socket), and the calls pipelined behind it are each
 * answered once, by a successor receiving thread.
 */
class HandlerDispatchCrossProcessTests {

	private static final int CALLERS = 4;

	private static final int CALLS_EACH = 25;

	private final ShmTestDirectory shm = new ShmTestDirectory();

	private final TestEndpoints unix = new TestEndpoints();

	@AfterEach
	void cleanUp() {
		this.shm.close();
		this.unix.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "shm", "unix", "tcp" })
	void whenAHandlerBlocksThenOtherCallersOfTheSameConnectionAreAnsweredPromptly(String scheme) throws Exception {
		String endpoint = switch (scheme) {
			case "shm" -> this.shm.endpoint("dispatch");
			case "tcp" -> "tcp://127.0.0.1:" + freePort();
			default -> this.unix.endpoint(scheme, "dispatch");
		};
		try (ForkedJvm server = ForkedJvm.start(StubServerMain.class, endpoint, "100", "60000", "default");
				ServiceProxy client = new ServiceProxy(ProxyConfig.of(endpoint))) {
			server.awaitLine("READY", Duration.ofSeconds(30));
			// The first call of a method runs where the dispatch puts short handlers: by default on the receiving
			// thread, where the transport can hand receiving on (shm://, the selector loop of unix:// and tcp://).
			String receiver = threadOfHandler(client, "thread");
			assertThat(receiver).startsWith("shm".equals(scheme) ? "cdmf-shm-server-" : "cdmf-io-" + scheme + "://");

			CompletableFuture<CallResult> blocked = client.callAsync("sleep", bytes("2000"), Duration.ofSeconds(30));
			long blockedAt = System.nanoTime();
			AtomicLong slowestNanos = new AtomicLong();
			List<CompletableFuture<Void>> callers = new ArrayList<>();
			for (int i = 0; i < CALLERS; i++) {
				String name = "caller-" + i;
				callers.add(CompletableFuture.runAsync(() -> {
					for (int call = 0; call < CALLS_EACH; call++) {
						long start = System.nanoTime();
						CallResult result = client.call("echo", bytes(name + "-" + call), Duration.ofSeconds(10));
						slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
						assertThat(result.isSuccess()).as(result.errorMessage()).isTrue();
						assertThat(text(result.data())).isEqualTo(name + "-" + call);
					}
				}));
			}
			CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			long othersDoneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - blockedAt);

			// Every other call was answered while the sleeping handler still held its thread, none waited long.
			assertThat(blocked).as("answered after " + othersDoneMillis + " ms").isNotDone();
			assertThat(TimeUnit.NANOSECONDS.toMillis(slowestNanos.get())).isLessThan(1_000);
			CallResult slept = blocked.get(30, TimeUnit.SECONDS);
			assertThat(slept.isSuccess()).as(slept.errorMessage()).isTrue();
			assertThat(text(slept.data())).isEqualTo("slept");
			// The blocked receiving thread gave its place to a new one, which runs short handlers itself.
			String successor = threadOfHandler(client, "thread-again");
			assertThat(successor).startsWith(receiver + "-").isNotEqualTo(receiver);
		}
	}

	private static int freePort() throws java.io.IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String threadOfHandler(ServiceProxy client, String method) {
		CallResult result = client.call(method, bytes(""), Duration.ofSeconds(10));
		assertThat(result.isSuccess()).as(result.errorMessage()).isTrue();
		return text(result.data());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
