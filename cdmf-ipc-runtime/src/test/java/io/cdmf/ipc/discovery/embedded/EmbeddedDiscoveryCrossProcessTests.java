package io.cdmf.ipc.discovery.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.RegisteredServerMain;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded registry across processes: another JVM's registration is seen, and its death by {@code kill -9}
 * takes it out of the list at the next scan. The notice times are logged; the goals (100 ms to be found, 200 ms to be
 * gone) are asserted with room for a loaded machine.
 */
class EmbeddedDiscoveryCrossProcessTests {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDiscoveryCrossProcessTests.class);

	private static final Duration STARTUP = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	private final TestEndpoints endpoints = new TestEndpoints();

	private final List<ForkedJvm> jvms = new CopyOnWriteArrayList<>();

	private EmbeddedDiscovery discovery;

	@AfterEach
	void close() {
		this.jvms.forEach(ForkedJvm::close);
		if (this.discovery != null) {
			this.discovery.close();
		}
		this.endpoints.close();
	}

	@Test
	void instanceOfAnotherProcessIsSeenAndItsKillNoticedAtTheNextScan() {
		this.discovery = EmbeddedDiscovery.builder().directory(this.directory).build();
		List<Long> updateTimes = new CopyOnWriteArrayList<>();
		List<List<ServiceEndpoint>> updates = new CopyOnWriteArrayList<>();
		this.discovery.watch("Quotes", VersionRange.parse("1.0"), instances -> {
			updateTimes.add(System.nanoTime());
			updates.add(instances);
		});
		ForkedJvm first = start("1.0.3");
		ForkedJvm second = start("1.0.4");
		ForkedJvm wrongVersion = start("2.0.0");
		Await.until("both 1.0 instances", STARTUP, () -> EmbeddedDiscoveryTests.last(updates).size() == 2);
		assertThat(EmbeddedDiscoveryTests.last(updates)).extracting(ServiceEndpoint::version)
			.containsExactlyInAnyOrder("1.0.3", "1.0.4");
		assertThat(this.discovery.find("Quotes", "")).hasSize(3);

		long killed = System.nanoTime();
		first.kill();
		Await.until("the killed instance gone", Duration.ofSeconds(5),
				() -> EmbeddedDiscoveryTests.last(updates).size() == 1);
		long goneMillis = (updateTimes.get(updateTimes.size() - 1) - killed) / 1_000_000;
		logger.info("kill -9 to out of the list: {} ms (goal 200 ms)", goneMillis);
		assertThat(goneMillis).isLessThan(2_000);
		assertThat(EmbeddedDiscoveryTests.last(updates)).extracting(ServiceEndpoint::version).containsExactly("1.0.4");

		long registering = System.nanoTime();
		ForkedJvm third = start("1.0.5");
		long ready = System.nanoTime();
		Await.until("the new instance", Duration.ofSeconds(5), () -> EmbeddedDiscoveryTests.last(updates).size() == 2);
		long foundMillis = Math.max(0, (updateTimes.get(updateTimes.size() - 1) - ready) / 1_000_000);
		logger.info("registered to found: at most {} ms after its READY line (goal 100 ms); {} ms after start",
				foundMillis, (updateTimes.get(updateTimes.size() - 1) - registering) / 1_000_000);
		assertThat(foundMillis).isLessThan(2_000);

		second.close();
		Await.until("the stopped instance gone", Duration.ofSeconds(10),
				() -> EmbeddedDiscoveryTests.last(updates).size() == 1);
		assertThat(third.isAlive()).isTrue();
		assertThat(wrongVersion.isAlive()).isTrue();
	}

	private ForkedJvm start(String version) {
		ForkedJvm jvm = ForkedJvm.start(RegisteredServerMain.class, this.directory.toString(), "Quotes", version,
				this.endpoints.endpoint("unix", "q"));
		this.jvms.add(jvm);
		jvm.awaitLine("READY", STARTUP);
		return jvm;
	}

}
