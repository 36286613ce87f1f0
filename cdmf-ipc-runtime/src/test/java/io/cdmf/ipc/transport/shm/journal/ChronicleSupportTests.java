package io.cdmf.ipc.transport.shm.journal;

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
