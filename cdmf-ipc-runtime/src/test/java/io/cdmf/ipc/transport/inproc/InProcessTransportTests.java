package io.cdmf.ipc.transport.inproc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
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
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InProcessTransportTests {

	private final String endpoint = "inproc://t-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private Transport echoServer(String endpoint) {
		Transport server = TransportFactory.create(endpoint);
		server.setMessageCallback(message -> server.send(message.createResponse().setPayload(message.getPayload())));
		server.start();
		return server;
	}

	@Test
	void shouldExchangeMessagesInOrderWithACopiedPayload() {
		try (Transport server = echoServer(this.endpoint); Transport client = TransportFactory.create(this.endpoint)) {
			client.connect();
			byte[] payload = { 1, 2, 3 };
			for (int i = 0; i < 1000; i++) {
				payload[0] = (byte) i;
				client.send(Message.request("echo", ByteBuffer.wrap(payload)));
			}
			for (int i = 0; i < 1000; i++) {
				Message reply = client.receive(Duration.ofSeconds(5));
				assertThat(reply.getType()).isEqualTo(MessageType.RESPONSE);
				assertThat(reply.getPayloadBytes()[0]).isEqualTo((byte) i);
			}
			assertThat(server.getStats().messagesReceived()).isEqualTo(1000);
		}
	}

	@Test
	void whenNameIsTakenThenSecondServerFails() {
		try (Transport server = echoServer(this.endpoint)) {
			Transport second = TransportFactory.create(this.endpoint);
			assertThatThrownBy(second::start).isInstanceOf(IpcException.class).hasMessageContaining("Another server");
		}
		try (Transport again = echoServer(this.endpoint)) {
			assertThat(again.isConnected()).isTrue();
		}
	}

	@Test
	void shouldEnforceTheFrameLimit() {
		TransportConfig config = TransportConfig.custom(this.endpoint).maxFrameLength(1024).build();
		Transport server = TransportFactory.create(config);
		server.setMessageCallback(message -> {
		});
		server.start();
		try (server; Transport client = TransportFactory.create(config)) {
			client.connect();
			assertThatThrownBy(() -> client.send(Message.request("big", ByteBuffer.allocate(2000))))
				.isInstanceOfSatisfying(IpcException.class,
						ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE));
		}
	}

	@Test
	void whenServerStopsThenClientHearsConnectionClosed() {
		Transport server = echoServer(this.endpoint);
		CopyOnWriteArrayList<TransportError> errors = new CopyOnWriteArrayList<>();
		try (Transport client = TransportFactory.create(this.endpoint)) {
			client.setErrorCallback(errors::add);
			client.connect();
			server.stop();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (errors.isEmpty() && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(errors).isNotEmpty();
			assertThat(errors.get(0).connectionClosed()).isTrue();
			assertThat(client.isConnected()).isFalse();
		}
	}

	@Test
	void whenNoServerThenConnectFailsWithUnavailable() {
		Transport client = TransportFactory.create(this.endpoint);
		assertThatThrownBy(client::connect).isInstanceOfSatisfying(IpcException.class,
				ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
		client.stop();
	}

	@RepeatedTest(20)
	void shouldDeliverReplySentJustBeforeServerStops() throws Exception {
		String endpoint = "inproc://drain-" + ThreadLocalRandom.current().nextInt(1 << 30);
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ServiceStub stub = new ServiceStub(
				StubConfig.custom("Drain").endpoint(endpoint).shutdownGracePeriod(Duration.ofSeconds(10)).build());
		stub.registerMethod("slow", request -> {
			entered.countDown();
			release.await();
			return request;
		});
		stub.start();
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			CompletableFuture<CallResult> call = proxy.callAsync("slow", new byte[] { 7 });
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(stub::stop);
			release.countDown();
			CallResult result = call.get(10, TimeUnit.SECONDS);
			assertThat(result.isSuccess()).as("%s", result.errorMessage()).isTrue();
			assertThat(result.data()).containsExactly(7);
			stopping.get(10, TimeUnit.SECONDS);
		}
	}

}
