package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stub's request path, exercised in one JVM over {@code inproc://}.
 */
class ServiceStubTests {

	private final String endpoint = "inproc://stub-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private ServiceStub stub;

	private ServiceProxy proxy;

	private ServiceStub start(StubConfig.Builder config) {
		this.stub = new ServiceStub(config.endpoint(this.endpoint).build());
		this.stub.registerMethod("echo", request -> request);
		return this.stub;
	}

	private ServiceProxy proxy() {
		this.proxy = new ServiceProxy(ProxyConfig.of(this.endpoint));
		return this.proxy;
	}

	@AfterEach
	void close() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.stub != null) {
			this.stub.stop();
		}
	}

	@Test
	void shouldRegisterUnregisterAndListMethods() {
		ServiceStub service = start(StubConfig.custom("Methods"));
		assertThat(service.registerMethod("b", request -> request)).isTrue();
		assertThat(service.registerMethod("b", request -> request)).isFalse();
		assertThat(service.hasMethod("b")).isTrue();
		assertThat(service.getMethodNames()).containsExactly("b", "echo");
		assertThat(service.unregisterMethod("b")).isTrue();
		assertThat(service.unregisterMethod("b")).isFalse();
		assertThat(service.hasMethod("b")).isFalse();
	}

	@Test
	void whenValidatorRefusesThenInvalidArgumentAndHandlerDoesNotRun() {
		ServiceStub service = start(StubConfig.custom("Validated"));
		AtomicInteger runs = new AtomicInteger();
		service.registerMethod("work", request -> {
			runs.incrementAndGet();
			return request;
		});
		service.setRequestValidator(request -> request.getPayloadSize() > 0);
		service.start();
		assertThat(proxy().call("work", new byte[0]).errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
		assertThat(runs).hasValue(0);
		assertThat(this.proxy.call("work", new byte[] { 1 }).isSuccess()).isTrue();
		assertThat(runs).hasValue(1);
	}

	@Test
	void shouldGiveTheAuthenticationHandlerMetadataAndPeerCredentials() {
		ServiceStub service = start(StubConfig.custom("Guarded"));
		AtomicReference<PeerCredentials> seen = new AtomicReference<>();
		service.setAuthenticationHandler((request, peer) -> {
			seen.set(peer);
			return "let-me-in".equals(request.getMetadata().getContentType());
		});
		service.start();
		CallResult refused = proxy().call("echo", ByteBuffer.wrap(new byte[1]), CallOptions.DEFAULTS);
		assertThat(refused.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
		CallResult admitted = this.proxy.call("echo", ByteBuffer.wrap(new byte[1]),
				CallOptions.custom().contentType("let-me-in").build());
		assertThat(admitted.isSuccess()).isTrue();
		assertThat(seen.get().pid()).isEqualTo(ProcessHandle.current().pid());
	}

	@Test
	void whenDeadlineHasPassedThenDeadlineExceededAndHandlerNeverRuns() throws Exception {
		ServiceStub service = start(StubConfig.custom("Deadlines"));
		AtomicInteger runs = new AtomicInteger();
		service.registerMethod("work", request -> {
			runs.incrementAndGet();
			return request;
		});
		service.start();
		try (Transport raw = TransportFactory.create(this.endpoint)) {
			raw.connect();
			Message request = Message.request("work", ByteBuffer.allocate(0));
			request.getMetadata().setExpirationMillis(System.currentTimeMillis() - 1);
			raw.send(request);
			Message reply = raw.receive(Duration.ofSeconds(5));
			assertThat(reply).isNotNull();
			assertThat(reply.getErrorInfo().code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
		}
		assertThat(runs).hasValue(0);
	}

	@Test
	void whenARetryableRequestArrivesPastItsDeadlineThenItNeitherRunsNorEndsTheRetries() throws Exception {
		ServiceStub service = start(StubConfig.custom("Expired"));
		AtomicInteger runs = new AtomicInteger();
		service.registerMethod("work", request -> {
			runs.incrementAndGet();
			return request;
		});
		service.start();
		try (Transport raw = TransportFactory.create(this.endpoint)) {
			raw.connect();
			Message late = Message.request("work", ByteBuffer.allocate(0));
			late.getHeader().setFlag(io.cdmf.ipc.message.MessageHeader.FLAG_DEDUPLICATE, true);
			late.getMetadata().setExpirationMillis(System.currentTimeMillis() - 1);
			raw.send(late);
			Message retry = late.copy();
			retry.getMetadata().setRetryCount(1).setExpirationMillis(System.currentTimeMillis() + 60_000);
			raw.send(retry);
			Message reply = raw.receive(Duration.ofSeconds(5));
			assertThat(reply).isNotNull();
			assertThat(reply.getErrorInfo()).as("the retry runs; the expired attempt got no answer").isNull();
			assertThat(raw.receive(Duration.ofMillis(200))).isNull();
		}
		assertThat(runs).hasValue(1);
		assertThat(service.getStats().outcomesByCode()).containsEntry(ErrorCode.DEADLINE_EXCEEDED, 1L);
	}

	@Test
	void whenARetryArrivesPastItsDeadlineThenItGetsTheFirstRunsResult() throws Exception {
		ServiceStub service = start(StubConfig.custom("LateRetry"));
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		service.registerMethod("work", request -> {
			runs.incrementAndGet();
			release.await(10, TimeUnit.SECONDS);
			return "done".getBytes(StandardCharsets.UTF_8);
		});
		service.start();
		try (Transport raw = TransportFactory.create(this.endpoint)) {
			raw.connect();
			Message first = Message.request("work", ByteBuffer.allocate(0));
			first.getHeader().setFlag(io.cdmf.ipc.message.MessageHeader.FLAG_DEDUPLICATE, true);
			first.getMetadata().setExpirationMillis(System.currentTimeMillis() + 60_000);
			raw.send(first);
			Message retry = first.copy();
			retry.getMetadata().setRetryCount(1).setExpirationMillis(System.currentTimeMillis() - 1);
			raw.send(retry);
			release.countDown();
			for (int i = 0; i < 2; i++) {
				Message reply = raw.receive(Duration.ofSeconds(5));
				assertThat(reply).isNotNull();
				assertThat(reply.getErrorInfo()).isNull();
				assertThat(new String(reply.getPayloadBytes(), StandardCharsets.UTF_8)).isEqualTo("done");
			}
		}
		assertThat(runs).hasValue(1);
	}

	@Test
	void whenHandlerExceedsRequestTimeoutThenCallerGetsDeadlineExceeded() {
		ServiceStub service = start(StubConfig.custom("Slow").requestTimeout(Duration.ofMillis(100)));
		CountDownLatch release = new CountDownLatch(1);
		service.registerMethod("hang", request -> {
			release.await(10, TimeUnit.SECONDS);
			return request;
		});
		service.start();
		long start = System.nanoTime();
		CallResult result = proxy().call("hang", new byte[0], Duration.ofSeconds(10));
		release.countDown();
		assertThat(result.errorCode()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
	}

	@Test
	void shouldAnswerWhenAnAsyncHandlerCompletes() {
		ServiceStub service = start(StubConfig.custom("Async"));
		CompletableFuture<ByteBuffer> later = new CompletableFuture<>();
		service.registerAsyncHandler("later", request -> later);
		service.registerAsyncHandler("broken", request -> CompletableFuture.failedFuture(
				new IpcException(ErrorCode.PERMISSION_DENIED, "not for you")));
		service.start();
		CompletableFuture<CallResult> call = proxy().callAsync("later", new byte[0]);
		assertThat(call).isNotDone();
		later.complete(ByteBuffer.wrap("done".getBytes(StandardCharsets.UTF_8)));
		assertThat(new String(call.join().data(), StandardCharsets.UTF_8)).isEqualTo("done");
		CallResult broken = this.proxy.call("broken", new byte[0]);
		assertThat(broken.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED);
		assertThat(broken.errorMessage()).isEqualTo("not for you");
	}

	@Test
	void shouldRunHandlersInlineWhenConfigured() {
		ServiceStub service = start(StubConfig.custom("Inline").inlineHandlers(true));
		AtomicReference<String> thread = new AtomicReference<>();
		service.registerMethod("where", request -> {
			thread.set(Thread.currentThread().getName());
			return request;
		});
		service.start();
		assertThat(proxy().call("where", new byte[0]).isSuccess()).isTrue();
		assertThat(thread.get()).startsWith("cdmf-inproc-");
	}

	@Test
	void shouldAnswerHeartbeatsWithoutRunningHandlers() {
		start(StubConfig.custom("Pinged")).start();
		CallResult pong = proxy().ping(Duration.ofSeconds(5));
		assertThat(pong.isSuccess()).isTrue();
		assertThat(this.stub.getStats().requests()).isZero();
	}

	@Test
	void whenStoppingThenRefusesNewCallsAndDrainsRunningOnes() throws Exception {
		ServiceStub service = start(StubConfig.custom("Draining").shutdownGracePeriod(Duration.ofSeconds(10)));
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<CallResult> running = startWithARunningCall(service, release);
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::stop);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		CallResult refused;
		do {
			refused = this.proxy.call("echo", new byte[0]);
		}
		while (refused.isSuccess() && System.nanoTime() < deadline);
		assertThat(refused.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
		assertThat(stopping).isNotDone();
		release.countDown();
		CallResult finished = running.join();
		assertThat(new String(finished.data(), StandardCharsets.UTF_8)).as(finished.toString()).isEqualTo("finished");
		stopping.get(10, TimeUnit.SECONDS);
		assertThat(service.isRunning()).isFalse();
	}

	@Test
	void whenRefusingNewCallsThenRefusesFromTheReturnAndStopStillDrains() throws Exception {
		ServiceStub service = start(StubConfig.custom("Refusing").shutdownGracePeriod(Duration.ofSeconds(10)));
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<CallResult> running = startWithARunningCall(service, release);
		service.refuseNewCalls();
		assertThat(service.isRunning()).isFalse();
		assertThat(this.proxy.call("echo", new byte[0]).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::stop);
		assertThatExceptionOfType(TimeoutException.class).as("stop waits for the running call")
			.isThrownBy(() -> stopping.get(200, TimeUnit.MILLISECONDS));
		release.countDown();
		assertThat(new String(running.join().data(), StandardCharsets.UTF_8)).isEqualTo("finished");
		stopping.get(10, TimeUnit.SECONDS);
	}

	@Test
	void shouldCountRequestsErrorsRejectionsAndLatency() {
		ServiceStub service = start(StubConfig.custom("Counted"));
		service.registerMethod("fail", request -> {
			throw new IllegalStateException("no");
		});
		service.start();
		ServiceProxy client = proxy();
		client.call("echo", new byte[0]);
		client.call("echo", new byte[0]);
		client.call("fail", new byte[0]);
		client.call("missing", new byte[0]);
		// A request leaves the in-flight count just after its reply is sent: wait for the count, not a fixed time.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (service.getStats().inFlight() > 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		StubStats stats = service.getStats();
		assertThat(stats.requests()).isEqualTo(4);
		assertThat(stats.errors()).isEqualTo(1);
		assertThat(stats.rejected()).isEqualTo(1);
		assertThat(stats.outcomesByCode()).containsEntry(ErrorCode.INTERNAL, 1L)
			.containsEntry(ErrorCode.METHOD_NOT_FOUND, 1L);
		assertThat(stats.methods().get("echo").calls()).isEqualTo(2);
		assertThat(stats.handlerLatency().count()).isEqualTo(3);
		assertThat(stats.inFlight()).isZero();
		service.resetStats();
		assertThat(service.getStats().requests()).isZero();
		assertThat(service.getStats().methods().get("echo").calls()).isZero();
	}

	@Test
	void whenOneWayRequestsRunInlineThenOutcomesAreCountedAndNothingIsAnswered() throws Exception {
		ServiceStub service = start(StubConfig.custom("OneWay").inlineHandlers(true)
			.requestTimeout(Duration.ofMillis(50)));
		CountDownLatch done = new CountDownLatch(3);
		service.registerHandler("ok", request -> null);
		service.registerHandler("fail", request -> {
			throw new IllegalStateException("no");
		});
		service.registerHandler("overrun", request -> {
			while (request.remainingNanos() > 0) {
				Thread.onSpinWait();
			}
			return null;
		});
		service.setCallListener((name, method, transport, code, nanos) -> done.countDown());
		service.start();
		try (Transport raw = TransportFactory.create(this.endpoint)) {
			raw.connect();
			for (String method : new String[] { "ok", "fail", "overrun" }) {
				Message request = Message.request(method, ByteBuffer.allocate(1));
				request.getHeader().setFlag(MessageHeader.FLAG_ONE_WAY, true);
				raw.send(request);
			}
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(raw.receive(Duration.ofMillis(100))).isNull();
		}
		StubStats stats = service.getStats();
		assertThat(stats.requests()).isEqualTo(3);
		assertThat(stats.errors()).isEqualTo(2);
		assertThat(stats.outcomesByCode()).containsEntry(ErrorCode.INTERNAL, 1L)
			.containsEntry(ErrorCode.DEADLINE_EXCEEDED, 1L);
		assertThat(stats.methods().get("ok").calls()).isEqualTo(1);
		assertThat(stats.handlerLatency().count()).isEqualTo(3);
		assertThat(stats.inFlight()).isZero();
	}

	@Test
	void whenEndpointIsTakenThenStartFailsAndReleasesWhatItBound() {
		start(StubConfig.custom("First")).start();
		ServiceStub second = new ServiceStub(StubConfig.custom("Second").endpoint(this.endpoint).build());
		assertThatThrownBy(second::start).isInstanceOf(IpcException.class)
			.hasMessageContaining("Another server is running on " + this.endpoint);
		assertThat(second.isRunning()).isFalse();
		assertThat(proxy().call("echo", new byte[0]).isSuccess()).isTrue();
	}

	@Test
	void whenStartedWithoutEndpointThenFailsClearly() {
		ServiceStub empty = new ServiceStub(StubConfig.custom("Nowhere").build());
		assertThatThrownBy(empty::start).isInstanceOf(IpcException.class).hasMessageContaining("no endpoint");
	}

	/**
	 * Starts a stub whose method "long" runs until released, and calls it.
	 * @return the call, running when this returns
	 */
	private CompletableFuture<CallResult> startWithARunningCall(ServiceStub service, CountDownLatch release)
			throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		service.registerMethod("long", request -> {
			started.countDown();
			release.await(10, TimeUnit.SECONDS);
			return "finished".getBytes(StandardCharsets.UTF_8);
		});
		service.start();
		CompletableFuture<CallResult> running = proxy().callAsync("long", new byte[0], Duration.ofSeconds(20));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		return running;
	}

}
