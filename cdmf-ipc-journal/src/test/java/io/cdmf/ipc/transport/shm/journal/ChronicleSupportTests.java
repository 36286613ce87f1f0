package io.cdmf.ipc.transport.shm.journal;

import io.cdmf.ipc.transport.HidingClassLoader;
import io.cdmf.ipc.transport.TransportDependency;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.TransportType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChronicleSupport} and {@link JournalTransportProvider}.
 */
class ChronicleSupportTests {

	@Test
	void whenChronicleAndTheFlagsArePresentThenTheJournalIsAvailable() {
		assertThat(ChronicleSupport.isOnClasspath()).isTrue();
		assertThat(ChronicleSupport.missingFlags()).isEmpty();
		assertThat(ChronicleSupport.unavailableReason()).isEmpty();
		assertThat(new JournalTransportProvider().isAvailable()).isTrue();
	}

	@Test
	void shouldNameTheVersionOfTheJarThisModuleBrings() {
		assertThat(System.getProperty("java.class.path"))
			.contains("chronicle-queue-" + TransportDependency.buildVersion("chronicle-queue.version") + ".jar");
	}

	@Test
	void whenThisModuleIsHiddenThenTheFactoryNamesItAsTheDependencyToAdd() {
		ClassLoader withoutModule = new HidingClassLoader("io.cdmf.ipc.transport.shm.journal.");
		assertThat(TransportFactory.isSupported(TransportType.SHARED_MEMORY_JOURNAL, withoutModule)).isFalse();
		assertThat(TransportFactory.missingDependencies(TransportType.SHARED_MEMORY_JOURNAL, withoutModule))
			.extracting(TransportDependency::coordinates)
			.containsExactly("io.cdmf:cdmf-ipc-journal:" + TransportDependency.buildVersion("cdmf-ipc.version"));
	}

	@Test
	void whenChronicleIsHiddenThenTheReasonNamesTheArtifactWithItsVersionAndTheFlags() {
		ClassLoader withoutChronicle = new HidingClassLoader("net.openhft.");
		String coordinates = "net.openhft:chronicle-queue:" + TransportDependency.buildVersion("chronicle-queue.version");
		assertThat(ChronicleSupport.isOnClasspath(withoutChronicle)).isFalse();
		assertThat(TransportFactory.isSupported(TransportType.SHARED_MEMORY_JOURNAL, withoutChronicle)).isFalse();
		assertThat(TransportFactory.unavailableReason(TransportType.SHARED_MEMORY_JOURNAL, withoutChronicle))
			.contains("add the dependency " + coordinates)
			.contains(ChronicleSupport.FLAGS)
			.contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
		assertThat(TransportFactory.missingDependencies(TransportType.SHARED_MEMORY_JOURNAL, withoutChronicle))
			.extracting(TransportDependency::coordinates)
			.containsExactly(coordinates);
	}

	@Test
	void whenChronicleIsVisibleThroughAnotherLoaderThenTheJournalIsAvailable() {
		ClassLoader loader = new HidingClassLoader("io.grpc.");
		assertThat(ChronicleSupport.isOnClasspath(loader)).isTrue();
		assertThat(TransportFactory.isSupported(TransportType.SHARED_MEMORY_JOURNAL, loader)).isTrue();
		assertThat(TransportFactory.missingDependencies(TransportType.SHARED_MEMORY_JOURNAL, loader)).isEmpty();
	}

	@Test
	void shouldListEveryFlagChronicleNeeds() {
		assertThat(ChronicleSupport.FLAGS).contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED")
			.contains("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED")
			.contains("--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED");
	}

	@Test
	void shouldTurnOffAnalyticsAnnouncerAndDiskMonitorUnlessConfigured() {
		System.setProperty("chronicle.disk.monitor.disable", "false");
		try {
			ChronicleSupport.applyQuietDefaults();
			assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
			assertThat(System.getProperty("chronicle.announcer.disable")).isEqualTo("true");
			assertThat(System.getProperty("chronicle.disk.monitor.disable")).isEqualTo("false");
		}
		finally {
			System.setProperty("chronicle.disk.monitor.disable", "true");
		}
	}

}
