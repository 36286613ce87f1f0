package io.cdmf.ipc.transport.shm.journal;

import java.nio.file.Path;

import io.cdmf.ipc.transport.TransportConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JournalOptions}.
 */
class JournalOptionsTests {

	@Test
	void shouldDefaultToHourlyFilesUnderDevShmKeepingOnePassedCycle() {
		JournalOptions options = JournalOptions.from(TransportConfig.of("shm+journal://sensor"));
		assertThat(options.queueDirectory("sensor")).isEqualTo(Path.of("/dev/shm/cdmf/journal/sensor/queue"));
		assertThat(options.consumersDirectory("sensor")).isEqualTo(Path.of("/dev/shm/cdmf/journal/sensor/consumers"));
		assertThat(options.rollCycle()).isEqualTo("FAST_HOURLY");
		assertThat(options.consumer()).isEqualTo("default");
		assertThat(options.retentionCycles()).isEqualTo(1);
		assertThat(options.maxCycles()).isZero();
		assertThat(options.startAtEnd()).isFalse();
	}

	@Test
	void shouldReadEveryOption() {
		JournalOptions options = JournalOptions.from(TransportConfig.of("shm+journal://s?directory=/data/j"
				+ "&roll-cycle=fast_daily&consumer=audit&retention-cycles=3&max-cycles=10&start=latest"));
		assertThat(options.directory()).isEqualTo(Path.of("/data/j"));
		assertThat(options.rollCycle()).isEqualTo("FAST_DAILY");
		assertThat(options.consumer()).isEqualTo("audit");
		assertThat(options.retentionCycles()).isEqualTo(3);
		assertThat(options.maxCycles()).isEqualTo(10);
		assertThat(options.startAtEnd()).isTrue();
	}

	@Test
	void whenAnOptionIsInvalidThenRejectedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JournalOptions.from(TransportConfig.of("shm+journal://s?consumer=a/b")))
			.withMessageContaining("consumer must have only letters");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JournalOptions.from(TransportConfig.of("shm+journal://s?max-cycles=1")))
			.withMessageContaining("max-cycles must be 0 (no limit) or at least 2: 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JournalOptions.from(TransportConfig.of("shm+journal://s?start=middle")))
			.withMessageContaining("start must be earliest or latest");
	}

}
