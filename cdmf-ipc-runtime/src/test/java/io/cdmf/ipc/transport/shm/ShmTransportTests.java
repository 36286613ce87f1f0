package io.cdmf.ipc.transport.shm;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceRequest;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ShmTransport} with server and client in this JVM.
 */
class ShmTransportTests {

	private static final ShmTestDirectory DIRECTORY = new ShmTestDirectory();

	@AfterAll
	static void removeDirectory() {
		DIRECTORY.close();
	}

	@Test
	void shouldCallThroughStubAndProxy() {
		String endpoint = DIRECTORY.endpoint("call");
		try (ServiceStub stub = stub(endpoint, true);
				ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerMethod("echo", request -> request);
			stub.start();
			CallResult result = proxy.call("echo", bytes("hello"), Duration.ofSeconds(5));
			assertThat(result.isSuccess()).as(result.toString()).isTrue();
			assertThat(text(result.data())).isEqualTo("hello");
			assertThat(proxy.callOneWay("echo", bytes("one way"))).isTrue();
		}
		assertThat(DIRECTORY.filesOf(endpoint)).doesNotExist();
	}

	@Test
	void sharedMemoryFilesAreReadableAndWritableOnlyByTheOwner() throws java.io.IOException {
		String endpoint = DIRECTORY.endpoint("private");
		try (ServiceStub stub = stub(endpoint, true);
				ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerMethod("echo", request -> request);
			stub.start();
			assertThat(proxy.call("echo", bytes("x"), Duration.ofSeconds(5)).isSuccess()).isTrue();
			List<String> modes = new java.util.ArrayList<>();
			try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(DIRECTORY.filesOf(endpoint))) {
				for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
					modes.add(file.getFileName() + " " + java.nio.file.attribute.PosixFilePermissions
						.toString(java.nio.file.Files.getPosixFilePermissions(file)));
				}
			}
			assertThat(modes).hasSizeGreaterThanOrEqualTo(3).allMatch(mode -> mode.endsWith(" rw-------"), "owner-only");
			assertThat(java.nio.file.attribute.PosixFilePermissions
				.toString(java.nio.file.Files.getPosixFilePermissions(DIRECTORY.filesOf(endpoint)))).isEqualTo("rwx------");
		}
	}

	@Test
	void whenHandlersRunInlineThenPayloadIsAReadOnlyViewOverTheRing() {
		String endpoint = DIRECTORY.endpoint("zero-copy");
		List<String> seen = new CopyOnWriteArrayList<>();
		try (ServiceStub stub = stub(endpoint, true);
				ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerHandler("inspect", request -> {
				ByteBuffer payload = request.payload();
				seen.add(payload.isDirect() + "/" + payload.isReadOnly() + "/"
						+ request.message().isPayloadTransient());
				return null;
			});
			stub.start();
			assertThat(proxy.call("inspect", bytes("x"), Duration.ofSeconds(5)).isSuccess()).isTrue();
		}
		assertThat(seen).containsExactly("true/true/true");
	}

	@Test
	void whenHandlersRunOnTheExecutorThenEachSeesItsOwnCopyWhileTheRingWraps() {
		String endpoint = DIRECTORY.endpoint("copy", "ring-size=4096");
		List<String> kinds = new CopyOnWriteArrayList<>();
		// All 500 calls may be in flight at once: above the default limit of 100 they would be refused.
		StubConfig config = StubConfig.custom("Test").endpoint(endpoint).inlineHandlers(false)
			.maxConcurrentRequests(1000).build();
		try (ServiceStub stub = new ServiceStub(config);
				ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerHandler("echo", request -> {
				if (kinds.isEmpty()) {
					kinds.add(request.payload().isDirect() + "/" + request.message().isPayloadTransient());
				}
				// Let the ring wrap over this request's slot before reading it.
				Thread.yield();
				return ByteBuffer.wrap(bytes(text(request.payloadBytes())));
			});
			stub.start();
			List<CompletableFuture<CallResult>> calls = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				calls.add(proxy.callAsync("echo", bytes("payload-" + i + "-" + "x".repeat(i % 200)),
						Duration.ofSeconds(20)));
			}
			for (int i = 0; i < calls.size(); i++) {
				CallResult result = calls.get(i).join();
				assertThat(result.isSuccess()).as(result.toString()).isTrue();
				assertThat(text(result.data())).isEqualTo("payload-" + i + "-" + "x".repeat(i % 200));
			}
		}
		assertThat(kinds).containsOnly("false/false");
	}

	@Test
	void whenOneWayHandlersRunInlineThenEveryRequestReusesOneMessageAndAllocatesNothing() throws Exception {
		String endpoint = DIRECTORY.endpoint("reuse");
		int warmup = 50_000;
		int measured = 100_000;
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long[] allocated = new long[2];
		Object[] first = new Object[2];
		AtomicInteger received = new AtomicInteger();
		AtomicInteger wrong = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(1);
		try (ServiceStub stub = stub(endpoint, true);
				ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerHandler("count", request -> {
				int n = received.getAndIncrement();
				ByteBuffer payload = request.message().getPayload();
				if (n == 0) {
					first[0] = request;
					first[1] = request.message();
				}
				if (payload.getInt(payload.position()) != n || first[0] != request || first[1] != request.message()) {
					wrong.incrementAndGet();
				}
				if (n == warmup || n == warmup + measured) {
					allocated[(n == warmup) ? 0 : 1] = threads.getCurrentThreadAllocatedBytes();
				}
				if (n == warmup + measured) {
					done.countDown();
				}
				return null;
			});
			stub.start();
			ByteBuffer payload = ByteBuffer.allocate(64);
			for (int i = 0; i <= warmup + measured; i++) {
				assertThat(proxy.callOneWay("count", payload.putInt(0, i), CallOptions.DEFAULTS)).isTrue();
			}
			assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(wrong).hasValue(0);
		// The smallest object is 16 bytes: less than that per message means no object per message.
		long bytes = allocated[1] - allocated[0];
		assertThat(bytes / measured).as("bytes per message, %d in all", bytes).isLessThan(16);
	}

	@Test
	void whenAnAsyncHandlerKeepsItsRequestThenItHasItsOwnCopy() {
		String endpoint = DIRECTORY.endpoint("async-copy");
		List<ServiceRequest> kept = new CopyOnWriteArrayList<>();
		List<CompletableFuture<ByteBuffer>> answers = new CopyOnWriteArrayList<>();
		try (ServiceStub stub = stub(endpoint, true);
				ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerAsyncHandler("later", request -> {
				kept.add(request);
				CompletableFuture<ByteBuffer> answer = new CompletableFuture<>();
				answers.add(answer);
				return answer;
			});
			stub.start();
			List<CompletableFuture<CallResult>> calls = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				calls.add(proxy.callAsync("later", bytes("request-" + i), Duration.ofSeconds(10)));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (answers.size() < 3 && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			for (int i = 0; i < answers.size(); i++) {
				// Read only now, after every request went through the ring and the server's reused message.
				answers.get(i).complete(ByteBuffer.wrap(kept.get(i).payloadBytes()));
			}
			for (int i = 0; i < 3; i++) {
				assertThat(text(calls.get(i).join().data())).isEqualTo("request-" + i);
			}
		}
		assertThat(kept).hasSize(3).doesNotHaveDuplicates();
		assertThat(kept).allSatisfy(request -> assertThat(request.message().isPayloadTransient()).isFalse());
	}

	@Test
	void whenAnInlineHandlerOverrunsItsDeadlineThenTheSweepAnswersBeforeTheMessageIsReused() {
		String endpoint = DIRECTORY.endpoint("overrun");
		try (ServiceStub stub = new ServiceStub(StubConfig.custom("Test").endpoint(endpoint).inlineHandlers(true)
			.requestTimeout(Duration.ofMillis(50)).build());
				ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerHandler("slow", request -> {
				// Past the deadline by more than a sweep interval: the sweep answers while this still runs.
				while (request.remainingNanos() > -TimeUnit.MILLISECONDS.toNanos(30)) {
					Thread.onSpinWait();
				}
				return request.payload();
			});
			stub.registerHandler("echo", ServiceRequest::payload);
			stub.start();
			CallResult slow = proxy.call("slow", bytes("late"), Duration.ofSeconds(5));
			CallResult next = proxy.call("echo", bytes("next"), Duration.ofSeconds(5));
			assertThat(slow.errorCode()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
			assertThat(slow.errorMessage()).contains("Test.slow");
			assertThat(text(next.data())).isEqualTo("next");
			assertThat(stub.getStats().outcomesByCode()).containsEntry(ErrorCode.DEADLINE_EXCEEDED, 1L);
		}
	}

	@Test
	void whenMessagesAreQueuedForReceiveThenEachIsItsOwnCopy() throws Exception {
		String endpoint = DIRECTORY.endpoint("queued");
		try (Transport server = TransportFactory.create(endpoint);
				Transport client = TransportFactory.create(endpoint)) {
			server.start();
			client.connect();
			client.send(Message.request("a", ByteBuffer.wrap(bytes("first"))));
			client.send(Message.request("b", ByteBuffer.wrap(bytes("second"))));
			Message a = server.receive(Duration.ofSeconds(5));
			Message b = server.receive(Duration.ofSeconds(5));
			assertThat(a).isNotNull().isNotSameAs(b);
			assertThat(a.getMetadata().getSubject()).isEqualTo("a");
			assertThat(text(a.getPayloadBytes())).isEqualTo("first");
			assertThat(b.getMetadata().getSubject()).isEqualTo("b");
			assertThat(text(b.getPayloadBytes())).isEqualTo("second");
		}
	}

	@Test
	void whenRingStaysFullThenSendFailsWithResourceExhaustedAfterTheSendTimeout() throws Exception {
		String endpoint = DIRECTORY.endpoint("full", "ring-size=4096");
		CountDownLatch release = new CountDownLatch(1);
		try (Transport server = TransportFactory.create(endpoint);
				Transport client = TransportFactory.create(
						TransportConfig.custom(endpoint).sendTimeout(Duration.ofMillis(200)).build())) {
			server.setMessageCallback(message -> await(release));
			server.start();
			client.connect();
			long start = 0;
			IpcException failure = null;
			for (int i = 0; i < 1000 && failure == null; i++) {
				start = System.nanoTime();
				try {
					client.send(request("fill", 300));
				}
				catch (IpcException ex) {
					failure = ex;
				}
			}
			assertThat(failure).isNotNull();
			assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(190);
			release.countDown();
			client.send(request("after", 10));
		}
	}

	@Test
	void whenMessageIsLargerThanAnEighthOfTheRingThenTooLargeAndNothingIsWritten() throws Exception {
		String endpoint = DIRECTORY.endpoint("large", "ring-size=4096");
		try (Transport server = TransportFactory.create(endpoint); Transport client = TransportFactory.create(endpoint)) {
			server.start();
			client.connect();
			assertThatThrownBy(() -> client.send(request("big", 600))).isInstanceOfSatisfying(IpcException.class,
					ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE));
			client.send(request("small", 10));
			Message received = server.receive(Duration.ofSeconds(5));
			assertThat(received).isNotNull();
			assertThat(received.getMetadata().getSubject()).isEqualTo("small");
			assertThat(received.isPayloadTransient()).as("queued for receive(): copied").isFalse();
		}
	}

	@Test
	void whenASecondServerStartsOnTheSameNameThenItFailsClearly() {
		String endpoint = DIRECTORY.endpoint("twice");
		try (Transport first = TransportFactory.create(endpoint); Transport second = TransportFactory.create(endpoint)) {
			first.start();
			assertThatThrownBy(second::start).isInstanceOfSatisfying(IpcException.class, ex -> {
				assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
				assertThat(ex.getMessage()).contains("Another server is running on " + endpoint);
			});
		}
	}

	@Test
	void whenNoServerRunsThenConnectFailsWithUnavailable() {
		try (Transport client = TransportFactory.create(DIRECTORY.endpoint("nobody"))) {
			assertThatThrownBy(client::connect).isInstanceOfSatisfying(IpcException.class, ex -> {
				assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
				assertThat(ex.getMessage()).contains("no server is running");
			});
		}
	}

	@Test
	void whenServerStopsThenClientHearsOfItAtOnce() throws Exception {
		String endpoint = DIRECTORY.endpoint("stop");
		CompletableFuture<TransportError> closed = new CompletableFuture<>();
		Transport server = TransportFactory.create(endpoint);
		server.start();
		try (Transport client = TransportFactory.create(endpoint)) {
			client.setErrorCallback(error -> {
				if (error.connectionClosed()) {
					closed.complete(error);
				}
			});
			client.connect();
			long start = System.nanoTime();
			server.stop();
			TransportError error = closed.get(5, TimeUnit.SECONDS);
			assertThat(error.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
			assertThat(client.isConnected()).isFalse();
		}
	}

	@Test
	void whenServerIsReplacedThenClientReconnectsToTheNewOne() {
		String endpoint = DIRECTORY.endpoint("reconnect");
		try (Transport client = TransportFactory.create(endpoint)) {
			for (int round = 0; round < 2; round++) {
				try (Transport server = TransportFactory.create(endpoint)) {
					server.setMessageCallback(message -> server.send(message.createResponse()));
					server.start();
					client.connect();
					client.send(request("ping", 1));
					Message response = client.receive(Duration.ofSeconds(5));
					assertThat(response).isNotNull();
					assertThat(response.getType()).isEqualTo(MessageType.RESPONSE);
				}
			}
		}
	}

	static ServiceStub stub(String endpoint, boolean inline) {
		return new ServiceStub(StubConfig.custom("Test").endpoint(endpoint).inlineHandlers(inline).build());
	}

	static Message request(String method, int payloadSize) {
		return Message.request(method, ByteBuffer.allocate(payloadSize));
	}

	static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
