package io.cdmf.ipc.hardening.fault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.discovery.embedded.EmbeddedDiscovery;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.RegisteredServerMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the process that owns an embedded-registry entry, at a random point of a stream of calls that
 * a discovery-fed proxy spreads over two instances: the entry disappears from the registry, and the calls move to
 * the other instance. The method is declared idempotent, so the calls in flight on the killed instance are retried
 * on the other one and no call fails.
 */
class RegistryOwnerCrashFaultTests {

	private static final Logger logger = LoggerFactory.getLogger(RegistryOwnerCrashFaultTests.class);

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/** Three attempts and their backoff, plus scheduling slack. */
	private static final Duration CALL_BOUND = TIMEOUT.multipliedBy(3).plusSeconds(1);

	@TempDir
	Path registry;

	private final FaultProcesses processes = new FaultProcesses();

	@AfterEach
	void cleanUp() {
		this.processes.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix", "shm", "tcp" })
	void whenTheOwnerOfAnEntryIsKilledThenTheEntryGoesAndCallsMoveToTheOtherInstance(String scheme) {
		FaultRandom random = FaultRandom.of("registry owner kill -9 over " + scheme);
		ForkedJvm doomed = start(endpoint(scheme, "a"));
		ForkedJvm survivor = start(endpoint(scheme, "b"));
		String doomedPid = Long.toString(doomed.pid());
		String doomedInstance = doomed.awaitLine("READY", STARTUP).split(" ")[2];
		String survivorPid = Long.toString(survivor.pid());
		AtomicBoolean running = new AtomicBoolean(true);
		CallLog log = new CallLog();
		Map<String, Long> lastAnswerNanos = new ConcurrentHashMap<>();
		try (EmbeddedDiscovery discovery = EmbeddedDiscovery.builder().directory(this.registry).build();
				ServiceProxyFactory factory = ServiceProxyFactory.builder(discovery)
					.channelConfig(service -> ChannelConfig.custom(service)
						.defaultTimeout(TIMEOUT)
						.retryPolicy(RetryPolicy.custom().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build())
						.idempotentMethods("pid"))
					.build()) {
			ServiceProxy proxy = factory.createProxy("Quotes", "1.0");
			CompletableFuture<Void> calling = CompletableFuture.runAsync(() -> {
				long n = 0;
				while (running.get()) {
					long start = System.nanoTime();
					CallResult result = proxy.call("pid", new byte[0]);
					log.record("call-" + n++, start, result);
					if (result.isSuccess()) {
						lastAnswerNanos.put(new String(result.data(), StandardCharsets.UTF_8), System.nanoTime());
					}
				}
			});
			Await.until(() -> "answers from both instances: " + lastAnswerNanos.keySet(), STARTUP,
					() -> lastAnswerNanos.containsKey(doomedPid) && lastAnswerNanos.containsKey(survivorPid));
			long warm = System.nanoTime();
			Duration beforeKill = random.delay(50, 1000);
			long killAt = System.nanoTime() + beforeKill.toNanos();
			Await.until("the kill point", beforeKill.plusSeconds(5), () -> System.nanoTime() - killAt >= 0);
			long killed = System.nanoTime();
			doomed.kill();
			Await.until(() -> "the killed owner's entry gone: " + discovery.find("Quotes", "1.0"),
					Duration.ofSeconds(10), () -> discovery.find("Quotes", "1.0").size() == 1);
			long entryGone = System.nanoTime();
			Duration gone = Duration.ofNanos(entryGone - killed);
			Await.until("100 calls after the entry went", Duration.ofSeconds(20),
					() -> log.successesEndingAfter(entryGone) >= 100);
			running.set(false);
			calling.join();
			long lastFromDoomed = lastAnswerNanos.get(doomedPid);
			logger.info("{} ({}): killed after {} ms of calls; entry gone from the registry {} ms after kill -9 "
					+ "(reaping included); last answer from the killed instance {} ms after the kill; {} calls, "
					+ "{} failed {}, longest {} ms",
					scheme, random, beforeKill.toMillis(), gone.toMillis(),
					TimeUnit.NANOSECONDS.toMillis(lastFromDoomed - killed), log.calls().size(), log.failures().size(),
					log.failuresByCode(), log.longest().toMillis());

			assertThat(discovery.find("Quotes", "1.0")).singleElement()
				.satisfies(entry -> assertThat(entry.instanceId()).isNotEqualTo(doomedInstance));
			assertThat(gone).as("kill -9 to the entry gone").isLessThan(Duration.ofSeconds(5));
			// An answer written before the kill may still be read just after it; none once the entry is gone.
			assertThat(lastFromDoomed).as("no answer from the killed instance once its entry went")
				.isLessThan(entryGone);
			// Counted once both instances answered: a cold JVM on a loaded machine may miss the first timeouts.
			assertThat(log.failures()).filteredOn(call -> call.startNanos() > warm)
				.as("failed calls (idempotent: retried on the other instance)")
				.isEmpty();
			assertThat(log.longest()).as("0 hung calls: the longest").isLessThanOrEqualTo(CALL_BOUND);
			assertThat(survivor.isAlive()).isTrue();
		}
		finally {
			running.set(false);
		}
	}

	private String endpoint(String scheme, String name) {
		return this.processes.endpoint(scheme, "quotes-" + name);
	}

	private ForkedJvm start(String endpoint) {
		ForkedJvm jvm = this.processes.fork(RegisteredServerMain.class, this.registry.toString(), "Quotes", "1.0.0",
				endpoint);
		jvm.awaitLine("READY", STARTUP);
		return jvm;
	}

}
