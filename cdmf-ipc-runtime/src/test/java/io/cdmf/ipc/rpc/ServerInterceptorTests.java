package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServerInterceptor}s of a real stub, called by a real proxy over {@code unix://}: their order, their
 * threads, refusals, their own failures, and headers from a {@link ClientInterceptor}.
 */
class ServerInterceptorTests {

	private static final TestEndpoints SOCKETS = new TestEndpoints();

	private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

	private final String endpoint = SOCKETS.endpoint("unix", "intercepted");

	private final List<String> events = new CopyOnWriteArrayList<>();

	private ServiceStub stub;

	private ServiceProxy proxy;

	@AfterAll
	static void removeSockets() {
		SOCKETS.close();
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

	private ServiceStub stub(StubConfig.Builder config) {
		this.stub = new ServiceStub(config.endpoint(this.endpoint).shutdownGracePeriod(Duration.ZERO).build());
		this.stub.registerMethod("echo", request -> {
			this.events.add("handler");
			return request;
		});
		return this.stub;
	}

	private ServiceProxy proxy() {
		this.proxy = new ServiceProxy(ProxyConfig.custom(this.endpoint).serviceName("Intercepted").build());
		return this.proxy;
	}

	@Test
	void shouldRunOnRequestInOrderAroundHandlerNestedAndOnCompleteInReverse() {
		stub(StubConfig.custom("Ordered").interceptor(new Recording("a", this.events)))
			.addInterceptor(new Recording("b", this.events));
		this.stub.start();

		CallResult result = proxy().call("echo", bytes("hi"));

		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		assertThat(this.events).containsExactly("a.onRequest echo", "b.onRequest echo", "a.before", "b.before",
				"handler", "b.after", "a.after", "b.onComplete echo OK", "a.onComplete echo OK");
		assertThat(this.stub.getInterceptors()).hasSize(2);
	}

	@Test
	void whenOnRequestThrowsAnIpcExceptionThenTheCallerGetsItsCodeAndKnowsTheHandlerDidNotRun() {
		stub(StubConfig.custom("Refusing").interceptor(new Recording("a", this.events)).interceptor(new Recording("b",
				this.events) {

			@Override
			public void onRequest(ServerCall call) {
				super.onRequest(call);
				throw new IpcException(ErrorCode.PERMISSION_DENIED, "echo is not for you");
			}

		}).interceptor(new Recording("c", this.events))).start();

		CallResult result = proxy().call("echo", bytes("hi"));

		assertThat(result.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED);
		assertThat(result.errorMessage()).isEqualTo("echo is not for you");
		assertThat(result.isKnownNotRun()).isTrue();
		assertThat(this.events).as("c never saw it; the handler did not run")
			.containsExactly("a.onRequest echo", "b.onRequest echo", "b.onComplete echo PERMISSION_DENIED",
					"a.onComplete echo PERMISSION_DENIED");
		assertThat(this.stub.getStats().rejected()).isEqualTo(1);
	}

	@Test
	void whenOnRequestFailsOtherwiseThenTheRequestIsRefusedAsInternal() {
		stub(StubConfig.custom("Broken").interceptor(new ServerInterceptor() {

			@Override
			public void onRequest(ServerCall call) {
				throw new IllegalStateException("no token store");
			}

			@Override
			public String toString() {
				return "token check";
			}

		})).start();

		CallResult result = proxy().call("echo", bytes("hi"));

		assertThat(result.errorCode()).isEqualTo(ErrorCode.INTERNAL);
		assertThat(result.errorMessage()).contains("token check", "no token store");
		assertThat(result.isKnownNotRun()).isTrue();
		assertThat(this.events).doesNotContain("handler");
	}

	@ParameterizedTest(name = "inline handlers: {0}")
	@ValueSource(booleans = { false, true })
	void shouldRunAroundHandlerOnTheHandlersThreadSoThatItSeesThreadBoundContext(boolean inline) {
		AtomicReference<Thread> aroundThread = new AtomicReference<>();
		AtomicReference<Thread> handlerThread = new AtomicReference<>();
		stub(StubConfig.custom("Tenants").inlineHandlers(inline).interceptor(new ServerInterceptor() {

			@Override
			public void aroundHandler(ServerCall call, Runnable handler) {
				aroundThread.set(Thread.currentThread());
				TENANT.set(call.request().getMetadata().getContentType());
				try {
					handler.run();
				}
				finally {
					TENANT.remove();
				}
			}

		})).registerMethod("tenant", request -> {
			handlerThread.set(Thread.currentThread());
			return TENANT.get().getBytes(StandardCharsets.UTF_8);
		});
		this.stub.start();

		CallResult result = proxy().call("tenant", ByteBuffer.allocate(0),
				CallOptions.custom().contentType("tenant-7").build());

		assertThat(new String(result.data(), StandardCharsets.UTF_8)).as(result.toString()).isEqualTo("tenant-7");
		assertThat(handlerThread.get()).isSameAs(aroundThread.get());
		assertThat(handlerThread.get().getName().startsWith("cdmf-stub-Tenants-")).isEqualTo(!inline);
	}

	@Test
	void shouldWrapTheInlineOneWayPathToo() throws Exception {
		BlockingQueue<String> seen = new LinkedBlockingQueue<>();
		stub(StubConfig.custom("Events").inlineHandlers(true).interceptor(new ServerInterceptor() {

			@Override
			public void aroundHandler(ServerCall call, Runnable handler) {
				TENANT.set("events-" + call.isOneWay());
				try {
					handler.run();
				}
				finally {
					TENANT.remove();
				}
			}

			@Override
			public void onComplete(ServerCall call, ErrorCode outcome, long durationNanos) {
				seen.add("onComplete " + call.method() + " " + outcome + " " + (durationNanos >= 0));
			}

		})).registerHandler("log", request -> {
			seen.add("handler " + TENANT.get() + " " + Thread.currentThread().getName().startsWith("cdmf-stub-"));
			return null;
		});
		this.stub.start();

		assertThat(proxy().callOneWay("log", bytes("event"))).isTrue();

		assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("handler events-true false");
		assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("onComplete log OK true");
	}

	@Test
	void shouldTellOnCompleteEveryOutcome() throws Exception {
		Recording recording = new Recording("r", this.events);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch blocking = new CountDownLatch(1);
		stub(StubConfig.custom("Outcomes")
			.maxConcurrentRequests(1)
			.requestTimeout(Duration.ofSeconds(1))
			.interceptor(recording));
		this.stub.registerMethod("fail", request -> {
			throw new IllegalStateException("broken");
		});
		this.stub.registerMethod("block", request -> {
			blocking.countDown();
			release.await(10, TimeUnit.SECONDS);
			return request;
		});
		this.stub.start();
		ServiceProxy client = proxy();
		try {
			// With a limit of one, each call waits until the one before has left the in-flight count, which happens
			// just after its reply is sent.
			assertThat(client.call("echo", bytes("1")).isSuccess()).isTrue();
			awaitIdle();
			assertThat(client.call("fail", bytes("2")).errorCode()).isEqualTo(ErrorCode.INTERNAL);
			awaitIdle();
			assertThat(client.call("nothing-here", bytes("3")).errorCode()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
			CompletableFuture<CallResult> blocked = client.callAsync("block", bytes("4"), Duration.ofSeconds(10));
			assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(client.call("echo", bytes("5")).errorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
			assertThat(blocked.join().errorCode()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
		}
		finally {
			release.countDown();
		}

		assertThat(this.events).filteredOn(event -> event.startsWith("r.onComplete"))
			.containsExactly("r.onComplete echo OK", "r.onComplete fail INTERNAL",
					"r.onComplete " + CallListener.UNKNOWN_METHOD + " METHOD_NOT_FOUND",
					"r.onComplete echo RESOURCE_EXHAUSTED", "r.onComplete block DEADLINE_EXCEEDED");
		assertThat(this.events).as("a request of an unknown method reaches no onRequest")
			.filteredOn(event -> event.startsWith("r.onRequest"))
			.containsExactly("r.onRequest echo", "r.onRequest fail", "r.onRequest block", "r.onRequest echo");
	}

	@Test
	void whenInterceptorsFailAfterAdmittingARequestThenItIsStillAnsweredAndItsHandlerRunsOnce() {
		AtomicInteger runs = new AtomicInteger();
		stub(StubConfig.custom("Clumsy").interceptor(new ServerInterceptor() {

			@Override
			public void aroundHandler(ServerCall call, Runnable handler) {
				throw new IllegalStateException("forgot to run the handler");
			}

			@Override
			public void onComplete(ServerCall call, ErrorCode outcome, long durationNanos) {
				throw new IllegalStateException("metrics are down");
			}

		}).interceptor(new ServerInterceptor() {

			@Override
			public void aroundHandler(ServerCall call, Runnable handler) {
				handler.run();
				handler.run();
				throw new IllegalStateException("ran it twice, then failed");
			}

		})).registerMethod("count", request -> {
			runs.incrementAndGet();
			return request;
		});
		this.stub.start();

		CallResult result = proxy().call("count", bytes("once"));

		assertThat(new String(result.data(), StandardCharsets.UTF_8)).as(result.toString()).isEqualTo("once");
		assertThat(runs).hasValue(1);
	}

	@Test
	void shouldSeeTheHeadersAClientInterceptorSet() {
		stub(StubConfig.custom("Secured").interceptor(new BearerTokenCheck("t"))).start();
		ChannelConfig withToken = ChannelConfig.custom("Secured")
			.endpoints(this.endpoint)
			.interceptor(new ClientInterceptor() {

				@Override
				public void beforeCall(ClientCall call) {
					call.requestMetadata().setHeader("authorization", "Bearer t");
				}

			})
			.build();

		try (ServiceProxy authorized = new ServiceProxy(withToken)) {
			CallResult admitted = authorized.call("echo", bytes("secret"));
			assertThat(admitted.isSuccess()).as(admitted.toString()).isTrue();
		}
		CallResult refused = proxy().call("echo", bytes("secret"));
		assertThat(refused.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
		assertThat(refused.errorMessage()).isEqualTo("missing or wrong bearer token");
		assertThat(refused.isKnownNotRun()).isTrue();
		assertThat(this.events).containsExactly("handler");
	}

	@Test
	void shouldRunTheBuiltInInterceptorsFirstAndTheListenerOutermost() {
		stub(StubConfig.custom("BuiltIns").interceptor(new Recording("user", this.events)));
		this.stub.setCallListener((service, method, transport, outcome, nanos) -> this.events
			.add("listener " + service + "." + method + " " + transport + " " + outcome));
		this.stub.setAuthenticationHandler((request, peer) -> {
			this.events.add("authentication");
			return !"stranger".equals(request.getMetadata().getContentType());
		});
		this.stub.setRequestValidator(request -> {
			this.events.add("validation");
			return request.getPayloadSize() > 0;
		});
		this.stub.start();
		ServiceProxy client = proxy();

		CallResult stranger = client.call("echo", ByteBuffer.wrap(bytes("x")),
				CallOptions.custom().contentType("stranger").build());
		CallResult empty = client.call("echo", new byte[0]);
		CallResult fine = client.call("echo", bytes("x"));

		assertThat(stranger.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
		assertThat(stranger.errorMessage()).startsWith("service BuiltIns refused the caller ");
		assertThat(empty.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
		assertThat(empty.errorMessage())
			.isEqualTo("request to BuiltIns.echo was refused by the service's request validator");
		assertThat(stranger.isKnownNotRun() && empty.isKnownNotRun()).isTrue();
		assertThat(fine.isSuccess()).isTrue();
		assertThat(this.events).containsExactly("authentication", "listener BuiltIns.echo UNIX_SOCKET UNAUTHENTICATED",
				"authentication", "validation", "listener BuiltIns.echo UNIX_SOCKET INVALID_ARGUMENT", "authentication",
				"validation", "user.onRequest echo", "user.before", "handler", "user.after", "user.onComplete echo OK",
				"listener BuiltIns.echo UNIX_SOCKET OK");
	}

	private void awaitIdle() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.stub.getInFlightRequests() > 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(this.stub.getInFlightRequests()).isZero();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Records each step it is told of.
	 */
	private static class Recording implements ServerInterceptor {

		private final String name;

		private final List<String> events;

		Recording(String name, List<String> events) {
			this.name = name;
			this.events = events;
		}

		@Override
		public void onRequest(ServerCall call) {
			this.events.add(this.name + ".onRequest " + call.method());
		}

		@Override
		public void aroundHandler(ServerCall call, Runnable handler) {
			this.events.add(this.name + ".before");
			handler.run();
			this.events.add(this.name + ".after");
		}

		@Override
		public void onComplete(ServerCall call, ErrorCode outcome, long durationNanos) {
			this.events.add(this.name + ".onComplete " + call.method() + " " + outcome);
		}

	}

	/**
	 * Admits requests that carry a bearer token, as docs/rpc.md shows it.
	 */
	private static final class BearerTokenCheck implements ServerInterceptor {

		private final String expected;

		BearerTokenCheck(String token) {
			this.expected = "Bearer " + token;
		}

		@Override
		public void onRequest(ServerCall call) {
			if (!this.expected.equals(call.request().getMetadata().getHeader("authorization"))) {
				throw new IpcException(ErrorCode.UNAUTHENTICATED, "missing or wrong bearer token");
			}
		}

	}

}
