package io.cdmf.ipc.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy's call path in one JVM over {@code inproc://}.
 */
class ServiceProxyTests {

	private final String endpoint = "inproc://proxy-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final CountDownLatch release = new CountDownLatch(1);

	private ServiceStub stub;

	@AfterEach
	void stopStub() {
		this.release.countDown();
		if (this.stub != null) {
			this.stub.stop();
		}
	}

	private ServiceStub startStub() {
		this.stub = new ServiceStub(StubConfig.custom("Proxied").endpoint(this.endpoint).build());
		this.stub.registerMethod("echo", request -> request);
		this.stub.start();
		return this.stub;
	}

	@Test
	void whenNoServerThenUnavailableWithoutThrowing() {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			CallResult result = proxy.call("echo", new byte[0]);
			assertThat(result.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(result.errorMessage()).contains(this.endpoint);
			assertThat(proxy.callOneWay("echo", new byte[0])).isFalse();
			assertThat(proxy.isConnected()).isFalse();
		}
	}

	@Test
	void shouldConnectLazilyToAServerThatStartsLater() {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			assertThat(proxy.call("echo", new byte[0]).isSuccess()).isFalse();
			startStub();
			assertThat(proxy.call("echo", new byte[0]).isSuccess()).isTrue();
			assertThat(proxy.isConnected()).isTrue();
		}
	}

	@Test
	void shouldRetryUnavailableUntilTheServerIsThereKeepingTheMessageId() {
		RetryPolicy retry = RetryPolicy.custom()
			.maxAttempts(50)
			.initialBackoff(Duration.ofMillis(10))
			.maxBackoff(Duration.ofMillis(20))
			.build();
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.custom(this.endpoint).retryPolicy(retry).build())) {
			CompletableFuture<CallResult> call = proxy.callAsync("echo", "x".getBytes(StandardCharsets.UTF_8));
			startStub();
			CallResult result = call.join();
			assertThat(result.isSuccess()).as(result.toString()).isTrue();
			ProxyStats stats = proxy.getStats();
			assertThat(stats.calls()).isEqualTo(1);
			assertThat(stats.successes()).isEqualTo(1);
			assertThat(stats.retries()).isPositive();
		}
	}

	@Test
	void shouldNotRetryFailuresThatAreNotSafeToRetry() {
		startStub();
		AtomicInteger runs = new AtomicInteger();
		this.stub.registerMethod("fail", request -> {
			runs.incrementAndGet();
			throw new IllegalArgumentException("bad");
		});
		try (ServiceProxy proxy = new ServiceProxy(
				ProxyConfig.custom(this.endpoint).retryPolicy(RetryPolicy.ofDefaults()).build())) {
			assertThat(proxy.call("fail", new byte[0]).errorCode()).isEqualTo(ErrorCode.INTERNAL);
			assertThat(runs).hasValue(1);
			assertThat(proxy.getStats().retries()).isZero();
		}
	}

	@Test
	void shouldKeepStatisticsAndReset() {
		startStub();
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			for (int i = 0; i < 10; i++) {
				proxy.call("echo", new byte[8]);
			}
			proxy.call("nope", new byte[0]);
			proxy.callOneWay("echo", new byte[0]);
			ProxyStats stats = proxy.getStats();
			assertThat(stats.calls()).isEqualTo(11);
			assertThat(stats.successes()).isEqualTo(10);
			assertThat(stats.failures()).isEqualTo(1);
			assertThat(stats.failuresByCode()).containsEntry(ErrorCode.METHOD_NOT_FOUND, 1L);
			assertThat(stats.oneWaySent()).isEqualTo(1);
			assertThat(stats.latency().count()).isEqualTo(10);
			assertThat(stats.latency().p50Micros()).isPositive();
			proxy.resetStats();
			assertThat(proxy.getStats().calls()).isZero();
			assertThat(proxy.getStats().latency().count()).isZero();
		}
	}

	@Test
	void whenClosedThenWaitingCallsFailWithUnavailable() throws Exception {
		startStub();
		CountDownLatch entered = new CountDownLatch(1);
		this.stub.registerMethod("hang", request -> {
			entered.countDown();
			this.release.await(10, TimeUnit.SECONDS);
			return request;
		});
		ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint));
		CompletableFuture<CallResult> call = proxy.callAsync("hang", new byte[0], Duration.ofSeconds(30));
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		proxy.close();
		assertThat(call.get(5, TimeUnit.SECONDS).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
		assertThat(proxy.call("echo", new byte[0]).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
	}

	@Test
	void whenServerStopsThenWaitingCallsFailAtOnce() throws Exception {
		startStub();
		CountDownLatch entered = new CountDownLatch(1);
		this.stub.registerMethod("hang", request -> {
			entered.countDown();
			this.release.await(10, TimeUnit.SECONDS);
			return request;
		});
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			CompletableFuture<CallResult> call = proxy.callAsync("hang", new byte[0], Duration.ofSeconds(60));
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			ServiceStub old = this.stub;
			this.stub = null;
			CompletableFuture.runAsync(() -> {
				old.getTransports().forEach(transport -> transport.stop());
			});
			assertThat(call.get(10, TimeUnit.SECONDS).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
			this.release.countDown();
			old.stop();
		}
	}

	@Test
	void shouldRejectAnEmptyMethodName() {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> proxy.call("", new byte[0]));
		}
	}

}
