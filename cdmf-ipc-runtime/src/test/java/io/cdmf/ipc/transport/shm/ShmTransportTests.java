package io.cdmf.ipc.transport.shm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
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
		try (ServiceStub stub = stub(endpoint, false);
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
