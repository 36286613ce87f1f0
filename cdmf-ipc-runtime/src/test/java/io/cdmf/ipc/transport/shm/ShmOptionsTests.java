package io.cdmf.ipc.transport.shm;

import java.nio.file.Path;

import io.cdmf.ipc.transport.TransportConfig;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ShmOptions}.
 */
class ShmOptionsTests {

	@Test
	void shouldDefaultToDevShmAndAOneMegabyteRing() {
		ShmOptions options = ShmOptions.from(TransportConfig.of("shm://sensor"));
		assertThat(options.directory()).isEqualTo(Path.of("/dev/shm/cdmf"));
		assertThat(options.endpointDirectory("sensor")).isEqualTo(Path.of("/dev/shm/cdmf/sensor"));
		assertThat(options.ringSize()).isEqualTo(1 << 20);
		assertThat(options.responseRingSize()).isEqualTo(1 << 20);
		assertThat(options.livenessTimeoutMillis()).isEqualTo(1_000);
		assertThat(options.heartbeatIntervalMillis()).isEqualTo(100);
		assertThat(options.newIdleStrategy()).isInstanceOf(BackoffIdleStrategy.class);
	}

	@Test
	void shouldReadOptionsFromTheUriAndTheBuilder() {
		ShmOptions options = ShmOptions.from(TransportConfig
			.custom("shm://sensor?directory=/tmp/x&ring-size=65536&liveness-timeout-ms=500")
			.option("response-ring-size", "8192")
			.option("idle-strategy", "busy-spin")
			.build());
		assertThat(options.directory()).isEqualTo(Path.of("/tmp/x"));
		assertThat(options.ringSize()).isEqualTo(65536);
		assertThat(options.responseRingSize()).isEqualTo(8192);
		assertThat(options.livenessTimeoutMillis()).isEqualTo(500);
		assertThat(options.newIdleStrategy()).isInstanceOf(BusySpinIdleStrategy.class);
	}

	@Test
	void whenAnOptionIsOutOfRangeThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ShmOptions.from(TransportConfig.of("shm://s?ring-size=1000")))
			.withMessageContaining("ring-size must be a power of two");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ShmOptions.from(TransportConfig.of("shm://s?liveness-timeout-ms=5")))
			.withMessageContaining("liveness-timeout-ms must be at least 100: 5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ShmOptions.from(TransportConfig.of("shm://s?idle-strategy=sleepy")))
			.withMessageContaining("idle-strategy must be backoff, busy-spin or yielding");
		assertThatIllegalArgumentException().isThrownBy(() -> ShmOptions.checkName(".."))
			.withMessage("a shared-memory endpoint name cannot be '..'");
	}

}
