package io.cdmf.ipc.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stub's record of recent requests stays within its capacity while one request runs for long: every request of
 * a retrying proxy is recorded, and a slow one used to stop the eviction behind it.
 */
class DuplicateRecordBoundTests {

	private static final int CAPACITY = 1_000;

	private static final int CALLS = 100_000;

	private static final byte[] X = "x".getBytes(StandardCharsets.UTF_8);

	@Test
	void oneBlockedHandlerDoesNotLetTheRecordGrowPastItsCapacity() throws Exception {
		try (TestEndpoints endpoints = new TestEndpoints()) {
			String endpoint = endpoints.endpoint("unix", "dedup");
			CountDownLatch release = new CountDownLatch(1);
			ServiceStub stub = new ServiceStub(StubConfig.custom("Dedup")
				.endpoint(endpoint)
				.duplicateCacheSize(CAPACITY)
				.duplicateWindow(Duration.ofMinutes(5))
				.build());
			stub.registerMethod("echo", request -> request);
			stub.registerMethod("block", request -> {
				// Blocked until the calls are through (bounded, so a broken test cannot hang the build).
				release.await(5, TimeUnit.MINUTES);
				return request;
			});
			stub.start();
			try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.custom(endpoint)
				.serviceName("Dedup")
				.retryPolicy(RetryPolicy.ofDefaults())
				.defaultTimeout(Duration.ofSeconds(30))
				.build())) {
				CompletableFuture<CallResult> blocked = proxy.callAsync("block", bytes("slow"),
						CallOptions.timeout(Duration.ofMinutes(5)));
				Await.until("the blocked handler to start", Duration.ofSeconds(10), () -> stub.getInFlightRequests() == 1);
				int largest = 0;
				for (int i = 0; i < CALLS; i++) {
					CallResult result = proxy.call("echo", X);
					assertThat(result.isSuccess()).as(result.toString()).isTrue();
					if ((i & 255) == 0) {
						largest = Math.max(largest, stub.rememberedRequests());
					}
				}
				largest = Math.max(largest, stub.rememberedRequests());
				assertThat(largest).as("requests remembered while one handler is blocked").isLessThanOrEqualTo(CAPACITY);
				assertThat(blocked).isNotDone();
				release.countDown();
				assertThat(blocked.get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
			}
			finally {
				stub.stop();
			}
		}
	}

	private static java.nio.ByteBuffer bytes(String text) {
		return java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
