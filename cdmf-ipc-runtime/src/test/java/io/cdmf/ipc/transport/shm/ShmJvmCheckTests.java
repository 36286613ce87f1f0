package io.cdmf.ipc.transport.shm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShmJvmCheck}.
 */
class ShmJvmCheckTests {

	@Test
	void whenTheTestJvmHasTheFlagThenAgronaIsUsableAndTheProviderAvailable() {
		assertThat(ShmJvmCheck.isAgronaUsable()).isTrue();
		assertThat(new ShmTransportProvider().isAvailable()).isTrue();
		assertThat(new ShmTransportProvider().unavailableReason()).isEmpty();
	}

	@Test
	void shouldNameTheExactFlagAndManifestLine() {
		assertThat(ShmJvmCheck.missingFlagMessage())
			.contains("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED")
			.contains("Add-Exports: java.base/jdk.internal.misc");
	}

}
