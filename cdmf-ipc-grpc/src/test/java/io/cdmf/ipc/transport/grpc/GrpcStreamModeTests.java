package io.cdmf.ipc.transport.grpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A proxy on {@code grpc://...?call-mode=stream} (the default, named here explicitly): one long-lived
 * {@code Envelope/Stream} call for all messages.
 */
class GrpcStreamModeTests {

	@Test
	void shouldCarryCallsOneWayMessagesAndHeartbeatsOnOneStream() throws Exception {
		CountDownLatch events = new CountDownLatch(5);
		try (ServiceStub stub = new ServiceStub(StubConfig.custom("Streamed").endpoint("grpc://127.0.0.1:0").build())) {
			stub.registerMethod("echo", request -> request);
			stub.registerMethod("event", request -> {
				events.countDown();
				return null;
			});
			stub.registerMethod("sleep", request -> {
				Thread.sleep(2_000);
				return request;
			});
			stub.start();
			String endpoint = stub.getBoundEndpoints().get(0) + "?call-mode=stream";
			try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
				List<CompletableFuture<CallResult>> calls = new CopyOnWriteArrayList<>();
				for (int i = 0; i < 100; i++) {
					calls.add(proxy.callAsync("echo", ("m" + i).getBytes()));
				}
				for (int i = 0; i < calls.size(); i++) {
					assertThat(new String(calls.get(i).join().data())).isEqualTo("m" + i);
				}
				for (int i = 0; i < 5; i++) {
					assertThat(proxy.callOneWay("event", new byte[0])).isTrue();
				}
				assertThat(events.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(proxy.ping(Duration.ofSeconds(5)).isSuccess()).isTrue();
				assertThat(proxy.call("missing", new byte[0]).errorCode()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
				assertThat(proxy.call("sleep", new byte[0], Duration.ofMillis(200)).errorCode())
					.isIn(ErrorCode.TIMEOUT, ErrorCode.DEADLINE_EXCEEDED);
				assertThat(stub.getTransports().get(0).getStats().connectionsOpened()).isEqualTo(1);
			}
		}
	}

	@Test
	void whenTheServerStopsThenWaitingCallsFailUnavailableAtOnce() {
		ServiceStub stub = new ServiceStub(StubConfig.custom("Stopping")
			.endpoint("grpc://127.0.0.1:0")
			.shutdownGracePeriod(Duration.ZERO)
			.build());
		CountDownLatch started = new CountDownLatch(1);
		stub.registerMethod("hang", request -> {
			started.countDown();
			new CountDownLatch(1).await(30, TimeUnit.SECONDS);
			return request;
		});
		stub.start();
		try (ServiceProxy proxy = new ServiceProxy(
				ProxyConfig.of(stub.getBoundEndpoints().get(0) + "?call-mode=stream"))) {
			CompletableFuture<CallResult> waiting = proxy.callAsync("hang", new byte[0], Duration.ofSeconds(30));
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			long start = System.nanoTime();
			stub.stop();
			assertThat(waiting.join().errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			stub.stop();
		}
	}

	@Test
	void shouldRefuseAnUnknownCallMode() {
		assertThatThrownBy(() -> TransportFactory.create(TransportConfig.of("grpc://127.0.0.1:0?call-mode=carrier-pigeon")))
			.isInstanceOf(IpcException.class)
			.hasMessageContaining("unary or stream");
	}

}
