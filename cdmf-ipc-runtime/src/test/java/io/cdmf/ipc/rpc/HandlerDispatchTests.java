package io.cdmf.ipc.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Where a {@link ServiceStub} runs handlers ({@link HandlerDispatch}), in one JVM; across processes see
 * {@link HandlerDispatchCrossProcessTests}.
 */
class HandlerDispatchTests {

	private final ShmTestDirectory shm = new ShmTestDirectory();

	@AfterEach
	void removeDirectory() {
		this.shm.close();
	}

	@Test
	void handlersRunAdaptivelyUnlessInlineHandlersIsSet() {
		assertThat(StubConfig.custom("s").build().getHandlerDispatch()).isEqualTo(HandlerDispatch.ADAPTIVE);
		assertThat(StubConfig.custom("s").build().isInlineHandlers()).isFalse();
		assertThat(StubConfig.custom("s").inlineHandlers(true).build().getHandlerDispatch())
			.isEqualTo(HandlerDispatch.INLINE);
		assertThat(StubConfig.custom("s").inlineHandlers(false).build().getHandlerDispatch())
			.isEqualTo(HandlerDispatch.EXECUTOR);
		assertThat(StubConfig.custom("s").build().getInlineHandlerBudget())
			.isEqualTo(StubConfig.DEFAULT_INLINE_HANDLER_BUDGET);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StubConfig.custom("s").inlineHandlerBudget(Duration.ZERO))
			.withMessageContaining("inlineHandlerBudget");
	}

	@Test
	void whereTheTransportCannotHandReceivingOnThenAdaptiveHandlersRunOnThePool() {
		String endpoint = "inproc://dispatch-" + ThreadLocalRandom.current().nextInt(1 << 30);
		try (ServiceStub stub = threadNamingStub(StubConfig.custom("Dispatch").endpoint(endpoint).build());
				ServiceProxy client = new ServiceProxy(ProxyConfig.of(endpoint))) {
			assertThat(threadOf(client, "thread")).startsWith("cdmf-stub-Dispatch-");
		}
	}

	@Test
	void whenAnInlineHandlerBlocksThenReceivingMovesOnAndTheMethodRunsOnThePoolUntilItIsShortAgain()
			throws Exception {
		String endpoint = this.shm.endpoint("adaptive");
		CountDownLatch release = new CountDownLatch(1);
		StubConfig config = StubConfig.custom("Dispatch").endpoint(endpoint).build();
		try (ServiceStub stub = threadNamingStub(config);
				ServiceProxy client = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerMethod("block", request -> {
				if (request.length > 0) {
					release.await(30, TimeUnit.SECONDS);
				}
				return bytes(Thread.currentThread().getName());
			});
			String receiver = threadOf(client, "thread");
			assertThat(receiver).startsWith("cdmf-shm-server-");

			CompletableFuture<CallResult> blocked = client.callAsync("block", bytes("wait"), Duration.ofSeconds(30));
			// Answered while the receiving thread that runs "block" is still blocked: a successor receives, and runs
			// short handlers itself. (On a loaded machine a cold first call may already have overrun the budget, so
			// the names are compared, not counted.)
			String successor = threadOf(client, "thread-again");
			assertThat(blocked).isNotDone();
			release.countDown();
			String blockedOn = text(blocked.get(30, TimeUnit.SECONDS).data());
			assertThat(blockedOn).startsWith(receiver);
			assertThat(successor).startsWith(receiver + "-").isNotEqualTo(blockedOn);

			// The method that blocked runs on the pool, until enough short runs in a row bring it back.
			assertThat(threadOf(client, "block")).startsWith("cdmf-stub-Dispatch-");
			// At least SHORT_RUNS_TO_INLINE calls; more where a loaded machine made a run overrun and start again.
			Await.until("block runs on the receiving thread again", Duration.ofSeconds(60),
					() -> threadOf(client, "block").startsWith(receiver + "-"));
		}
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsAreRefusedBeforeJava21() {
		assertThatIllegalArgumentException().isThrownBy(() -> StubConfig.custom("s").virtualThreads(true))
			.withMessageContaining("Java 21");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void whenVirtualThreadsAreOnThenPooledHandlersRunOnVirtualThreads() throws Exception {
		String endpoint = "inproc://virtual-" + ThreadLocalRandom.current().nextInt(1 << 30);
		StubConfig config = StubConfig.custom("Virtual").endpoint(endpoint).virtualThreads(true).build();
		try (ServiceStub stub = new ServiceStub(config);
				ServiceProxy client = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerMethod("virtual", request -> bytes(String.valueOf(
					Thread.class.getMethod("isVirtual").invoke(Thread.currentThread())) + " "
					+ Thread.currentThread().getName()));
			stub.start();
			assertThat(threadOf(client, "virtual")).startsWith("true cdmf-stub-Virtual-");
		}
	}

	private static ServiceStub threadNamingStub(StubConfig config) {
		ServiceStub stub = new ServiceStub(config);
		for (String method : new String[] { "thread", "thread-again" }) {
			stub.registerMethod(method, request -> bytes(Thread.currentThread().getName()));
		}
		stub.start();
		return stub;
	}

	private static String threadOf(ServiceProxy client, String method) {
		CallResult result = client.call(method, new byte[0], Duration.ofSeconds(10));
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
