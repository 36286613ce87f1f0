package io.cdmf.ipc.sample.discovery;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.cdmf.ipc.sample.discovery.SampleRun.TIMEOUT;
import static io.cdmf.ipc.sample.discovery.SampleRun.awaitAnswers;
import static io.cdmf.ipc.sample.discovery.SampleRun.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample on ZooKeeper, as {@code ./scripts/demo.sh discovery-zookeeper} runs it: a real ZooKeeper server
 * (Curator's {@link TestingServer}, one per test, in this JVM), the instances in JVMs of their own, the client in this
 * JVM at 1,000 calls a second. ZooKeeper learns that an instance was killed only when its session expires
 * ({@link Registries#ZOOKEEPER_SESSION_TIMEOUT}); the client's channel stops calling it long before, on the lost
 * connection, so no call fails meanwhile.
 */
class DataProcessorZooKeeperTests {

	private static final int RATE = 1000;

	private TestingServer zookeeper;

	@BeforeEach
	void startZooKeeper() throws Exception {
		this.zookeeper = new TestingServer(true);
	}

	@AfterEach
	void stopZooKeeper() throws IOException {
		this.zookeeper.close();
	}

	@Test
	void whenBothInstancesRestartOneAfterTheOtherUnderLoadThenNoCallFails() throws Exception {
		try (SampleRun run = new SampleRun(registry()); CallLoad load = run.load(RATE)) {
			List<ForkedJvm> first = run.start("dp-a", "dp-b");
			run.awaitCalling("dp-a", "dp-b");
			load.start();
			awaitAnswers(load, "dp-a", "dp-b");

			run.restart(load, first.get(0), "dp-a", "dp-a2", "dp-b");
			run.restart(load, first.get(1), "dp-b", "dp-b2", "dp-a2");
			awaitAnswers(load, "dp-a2", "dp-b2");
			load.stop();

			report("zookeeper rolling restart", load);
			assertThat(load.failureMessages()).as("failed calls").isEmpty();
			assertThat(load.failures()).as("failed calls").isZero();
		}
	}

	@Test
	void whenAnInstanceIsKilledUnderLoadThenNoCallFailsAndItLeavesTheRegistryWhenItsSessionExpires()
			throws Exception {
		try (SampleRun run = new SampleRun(registry()); CallLoad load = run.load(RATE)) {
			List<ForkedJvm> instances = run.start("dp-a", "dp-b");
			run.awaitCalling("dp-a", "dp-b");
			AtomicLong killedAt = new AtomicLong();
			AtomicLong removedAt = new AtomicLong();
			try (ServiceDiscovery watcher = Registries.open(registry());
					ServiceDiscovery.Watch watch = watcher.watch(DataProcessor.SERVICE_NAME,
							VersionRange.parse(DataProcessor.VERSION_REQUIRED), found -> {
								if (killedAt.get() != 0 && found.stream().map(ServiceEndpoint::instanceId)
									.noneMatch("dp-a"::equals)) {
									removedAt.compareAndSet(0, System.nanoTime());
								}
							})) {
				load.start();
				awaitAnswers(load, "dp-a", "dp-b");

				killedAt.set(System.nanoTime());
				instances.get(0).kill();
				long answeredBeforeRemoval = awaitAnswersStop(load, "dp-a");
				Await.until("the killed instance out of ZooKeeper's list", TIMEOUT, () -> removedAt.get() != 0);
				long removalMillis = TimeUnit.NANOSECONDS.toMillis(removedAt.get() - killedAt.get());
				run.awaitCalling("dp-b");
				long afterRemoval = load.calls();
				Await.until("1000 calls more", TIMEOUT, () -> load.calls() >= afterRemoval + RATE);
				load.stop();

				report("zookeeper kill -9", load);
				System.out.println("zookeeper kill -9: out of the registry's list " + removalMillis
						+ " ms after the kill (session timeout " + Registries.ZOOKEEPER_SESSION_TIMEOUT.toMillis()
						+ " ms)");
				assertThat(load.failureMessages()).as("failed calls").isEmpty();
				assertThat(load.failures()).as("failed calls").isZero();
				assertThat(load.answeredBy("dp-a")).as("answers of the killed instance")
					.isEqualTo(answeredBeforeRemoval);
				assertThat(removalMillis).as("ms from kill -9 to ZooKeeper's update")
					.isLessThan(Registries.ZOOKEEPER_SESSION_TIMEOUT.toMillis() + 5_000);
			}
		}
	}

	/**
	 * Waits until an instance has answered no call for half a second of calls, long before its session expires:
	 * the channel has taken it out of rotation. Returns its answers.
	 */
	private static long awaitAnswersStop(CallLoad load, String instance) {
		long[] last = { load.answeredBy(instance), load.calls() };
		Await.until(instance + " out of the channel's rotation", TIMEOUT, () -> {
			long answered = load.answeredBy(instance);
			if (answered != last[0]) {
				last[0] = answered;
				last[1] = load.calls();
			}
			return load.calls() - last[1] >= RATE / 2;
		});
		return last[0];
	}

	private String registry() {
		return "zookeeper:" + this.zookeeper.getConnectString();
	}

}
