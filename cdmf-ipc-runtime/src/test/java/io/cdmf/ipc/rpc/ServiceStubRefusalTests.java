package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.channel.SubchannelState;
import io.cdmf.ipc.channel.SubchannelStats;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a {@link ServiceStub} refuses requests over {@code unix://}: every refusal before a handler starts carries
 * {@link MessageHeader#FLAG_NOT_EXECUTED}, so the caller's result {@link CallResult#isKnownNotRun() is known not to
 * have run}; a failure of a handler that ran or runs does not.
 */
class ServiceStubRefusalTests {

	private static final TestEndpoints SOCKETS = new TestEndpoints();

	private final String endpoint = SOCKETS.endpoint("unix", "refusing");

	private final AtomicInteger runs = new AtomicInteger();

	private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

	@AfterAll
	static void removeSockets() {
		SOCKETS.close();
	}

	@AfterEach
	void close() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

	private ServiceStub stub(StubConfig.Builder config) {
		return stub(config, this.endpoint);
	}

	private ServiceStub stub(StubConfig.Builder config, String endpoint) {
		ServiceStub stub = new ServiceStub(config.endpoint(endpoint).build());
		stub.registerMethod("work", request -> {
			this.runs.incrementAndGet();
			return request;
		});
		this.closeables.add(stub);
		return stub;
	}

	private ServiceProxy proxy() {
		ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint));
		this.closeables.add(proxy);
		return proxy;
	}

	@Test
	void whenTheMethodIsUnknownThenTheCallIsKnownNotToHaveRun() {
		stub(StubConfig.custom("Unknown")).start();

		CallResult result = proxy().call("missing", bytes("x"));

		assertThat(result.errorCode()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
		assertThat(result.isKnownNotRun()).isTrue();
	}

	@Test
	void whenTheStubIsStoppingThenTheCallIsKnownNotToHaveRun() throws Exception {
		ServiceStub stub = stub(StubConfig.custom("Stopping").shutdownGracePeriod(Duration.ofSeconds(10)));
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		stub.registerMethod("long", request -> {
			started.countDown();
			release.await(10, TimeUnit.SECONDS);
			return request;
		});
		stub.start();
		ServiceProxy proxy = proxy();
		CompletableFuture<CallResult> running = proxy.callAsync("long", bytes("x"), Duration.ofSeconds(20));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(stub::stop);
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			CallResult refused;
			do {
				refused = proxy.call("work", bytes("x"));
			}
			while (refused.isSuccess() && System.nanoTime() < deadline);

			assertThat(refused.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(refused.isKnownNotRun()).isTrue();
		}
		finally {
			release.countDown();
		}
		assertThat(running.join().isSuccess()).isTrue();
		stopping.get(10, TimeUnit.SECONDS);
	}

	@Test
	void whenAtTheConcurrencyLimitThenTheCallIsKnownNotToHaveRun() throws Exception {
		ServiceStub stub = stub(StubConfig.custom("Limited").maxConcurrentRequests(1));
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		stub.registerMethod("long", request -> {
			started.countDown();
			release.await(10, TimeUnit.SECONDS);
			return request;
		});
		stub.start();
		ServiceProxy proxy = proxy();
		CompletableFuture<CallResult> running = proxy.callAsync("long", bytes("x"), Duration.ofSeconds(20));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		try {
			CallResult refused = proxy.call("work", bytes("x"));

			assertThat(refused.errorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
			assertThat(refused.isKnownNotRun()).isTrue();
		}
		finally {
			release.countDown();
		}
		assertThat(running.join().isSuccess()).isTrue();
		assertThat(this.runs).hasValue(0);
	}

	@Test
	void whenTheExecutorHasNoThreadThenTheCallIsKnownNotToHaveRun() {
		// On the pool always: by default a unix:// server would run this short handler on its I/O thread.
		stub(StubConfig.custom("Threadless").inlineHandlers(false).executor(task -> {
			throw new RejectedExecutionException("no threads today");
		})).start();

		CallResult result = proxy().call("work", bytes("x"));

		assertThat(result.errorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
		assertThat(result.errorMessage()).contains("no thread free");
		assertThat(result.isKnownNotRun()).isTrue();
		assertThat(this.runs).hasValue(0);
	}

	@Test
	void whenTheDeadlinePassesWhileTheRequestWaitsForAThreadThenItIsKnownNotToHaveRunAndNeverRuns() {
		List<Runnable> queued = new CopyOnWriteArrayList<>();
		ServiceStub stub = stub(
				StubConfig.custom("Queued").inlineHandlers(false).executor(queued::add)
					.requestTimeout(Duration.ofMillis(100)));
		stub.start();

		CallResult result = proxy().call("work", bytes("x"), Duration.ofSeconds(10));
		queued.forEach(Runnable::run);

		assertThat(result.errorCode()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
		assertThat(result.errorMessage()).contains("it did not run");
		assertThat(result.isKnownNotRun()).isTrue();
		assertThat(queued).hasSize(1);
		assertThat(this.runs).hasValue(0);
		assertThat(stub.getStats().rejected()).isEqualTo(1);
	}

	@Test
	void whenTheDeadlinePassedBeforeTheRequestArrivedThenTheReplySaysItDidNotRun() throws Exception {
		stub(StubConfig.custom("Late")).start();
		try (Transport raw = TransportFactory.create(this.endpoint)) {
			raw.connect();
			Message request = Message.request("work", ByteBuffer.allocate(0));
			request.getMetadata().setExpirationMillis(System.currentTimeMillis() - 1);
			raw.send(request);

			Message reply = raw.receive(Duration.ofSeconds(5));

			assertThat(reply).isNotNull();
			assertThat(reply.getType()).isEqualTo(MessageType.ERROR);
			assertThat(reply.getErrorInfo().code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
			assertThat(reply.getHeader().hasFlag(MessageHeader.FLAG_NOT_EXECUTED)).isTrue();
		}
		assertThat(this.runs).hasValue(0);
	}

	@Test
	void whenAHandlerRanOrRunsThenItsFailureIsNotKnownNotRun() {
		ServiceStub stub = stub(StubConfig.custom("Failing").requestTimeout(Duration.ofMillis(200)));
		CountDownLatch release = new CountDownLatch(1);
		stub.registerMethod("throw", request -> {
			throw new IllegalStateException("broken");
		});
		stub.registerMethod("busy", request -> {
			throw new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "the handler itself is busy");
		});
		stub.registerMethod("hang", request -> {
			release.await(10, TimeUnit.SECONDS);
			return request;
		});
		stub.start();
		ServiceProxy proxy = proxy();
		try {
			CallResult thrown = proxy.call("throw", bytes("x"));
			CallResult busy = proxy.call("busy", bytes("x"));
			CallResult expired = proxy.call("hang", bytes("x"), Duration.ofSeconds(10));

			assertThat(thrown.errorCode()).isEqualTo(ErrorCode.INTERNAL);
			assertThat(busy.errorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
			assertThat(expired.errorCode()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
			assertThat(List.of(thrown, busy, expired)).noneMatch(CallResult::isKnownNotRun);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void whenAnEndpointRefusesBeforeRunningThenARetriedCallMovesToAnotherEvenIfNotIdempotent() {
		// Whichever endpoint gets the first attempt refuses it; without the flag the retry would stay on the
		// connection it may have run on, and go to the same endpoint.
		AtomicBoolean warmingUp = new AtomicBoolean(true);
		List<String> refusedBy = new CopyOnWriteArrayList<>();
		List<String> ranOn = new CopyOnWriteArrayList<>();
		String[] endpoints = { SOCKETS.endpoint("unix", "first"), SOCKETS.endpoint("unix", "second") };
		for (String name : endpoints) {
			ServiceStub stub = stub(StubConfig.custom("Replicated").interceptor(new ServerInterceptor() {

				@Override
				public void onRequest(ServerCall call) {
					if (warmingUp.compareAndSet(true, false)) {
						refusedBy.add(name);
						throw new IpcException(ErrorCode.UNAVAILABLE, "warming up");
					}
				}

			}), name);
			stub.registerMethod("order", request -> {
				ranOn.add(name);
				return request;
			});
			stub.start();
		}
		ServiceProxy proxy = new ServiceProxy(ChannelConfig.custom("Replicated")
			.endpoints(endpoints[0] + "," + endpoints[1])
			.loadBalancer(LoadBalancer.named(LoadBalancer.ROUND_ROBIN))
			.retryPolicy(RetryPolicy.custom().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build())
			.build());
		this.closeables.add(proxy);
		proxy.connect();
		awaitReady(proxy, 2);

		CallResult result = proxy.call("order", bytes("one"));

		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		assertThat(refusedBy).hasSize(1);
		assertThat(ranOn).hasSize(1).doesNotContain(refusedBy.get(0));
	}

	private static void awaitReady(ServiceProxy proxy, int endpoints) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline && proxy.getChannelStats()
			.endpoints()
			.stream()
			.filter(endpoint -> endpoint.state().isAvailable())
			.count() < endpoints) {
			Thread.onSpinWait();
		}
		assertThat(proxy.getChannelStats().endpoints()).extracting(SubchannelStats::state)
			.allMatch(SubchannelState::isAvailable);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
