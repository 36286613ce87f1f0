package io.cdmf.ipc.spring.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.IpcUnavailableException;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.serialization.SerializerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IpcServerLifecycle}: orderly shutdown.
 */
class IpcServerLifecycleTests {

	private final String endpoint = "inproc://slow-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final CountDownLatch entered = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final ServiceProxy proxy = new ServiceProxy(
			ProxyConfig.custom(this.endpoint).format(SerializationFormat.JSON).build());

	@AfterEach
	void close() {
		this.release.countDown();
		this.proxy.close();
	}

	private IpcServerLifecycle lifecycle(Duration grace) {
		Slow service = new Slow() {

			@Override
			public String slow(String text) throws InterruptedException {
				IpcServerLifecycleTests.this.entered.countDown();
				IpcServerLifecycleTests.this.release.await();
				return "done " + text;
			}

			@Override
			public String fast(String text) {
				return text;
			}

		};
		IpcServiceDefinition definition = new IpcServiceDefinition("slow", service, Slow.class, "Slow", "",
				List.of(this.endpoint), null, -1, null);
		return new IpcServerLifecycle(() -> List.of(definition),
				d -> new IpcServiceConfig(
						StubConfig.custom("Slow").endpoint(this.endpoint).shutdownGracePeriod(grace).build(),
						SerializationFormat.JSON),
				SerializerRegistry.ofDefaults());
	}

	@Test
	void stopRefusesNewCallsAndLetsRunningOnesFinishWithinTheGracePeriod() throws Exception {
		IpcServerLifecycle lifecycle = lifecycle(Duration.ofSeconds(10));
		lifecycle.start();
		Slow client = IpcBinding.createClient(Slow.class, this.proxy, SerializationFormat.JSON);
		CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> call(client));
		assertThat(this.entered.await(10, TimeUnit.SECONDS)).isTrue();
		CountDownLatch stopped = new CountDownLatch(1);
		lifecycle.stop(stopped::countDown);
		assertThat(lifecycle.isRunning()).isFalse();
		assertThatExceptionOfType(IpcUnavailableException.class).isThrownBy(() -> client.fast("new"))
			.withMessageContaining("stopping");
		assertThat(stopped.getCount()).isOne();
		this.release.countDown();
		assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("done old");
		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(lifecycle.getServices().get(0).isRunning()).isFalse();
	}

	@Test
	void whenGracePeriodEndsThenStopDoesNotWaitForever() throws Exception {
		IpcServerLifecycle lifecycle = lifecycle(Duration.ofMillis(200));
		lifecycle.start();
		Slow client = IpcBinding.createClient(Slow.class, this.proxy, SerializationFormat.JSON);
		CompletableFuture.runAsync(() -> call(client));
		assertThat(this.entered.await(10, TimeUnit.SECONDS)).isTrue();
		long start = System.nanoTime();
		lifecycle.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(lifecycle.getServices().get(0).isRunning()).isFalse();
	}

	@Test
	void startAgainAfterStopServesAgain() {
		IpcServerLifecycle lifecycle = lifecycle(Duration.ZERO);
		lifecycle.start();
		lifecycle.stop();
		lifecycle.start();
		try {
			Slow client = IpcBinding.createClient(Slow.class, this.proxy, SerializationFormat.JSON);
			assertThat(client.fast("again")).isEqualTo("again");
		}
		finally {
			lifecycle.stop();
		}
	}

	private static String call(Slow client) {
		try {
			return client.slow("old");
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A contract with a method that blocks until released.
	 */
	public interface Slow {

		String slow(String text) throws InterruptedException;

		String fast(String text);

	}

}
