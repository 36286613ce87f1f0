package io.cdmf.ipc.transport.inproc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code inproc://} transport under a stopping server.
 */
class InProcessTransportTests {

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
