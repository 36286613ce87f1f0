package io.cdmf.ipc.transport.shm.journal;

import java.nio.file.Path;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ConsumerPosition}.
 */
class ConsumerPositionTests {

	private static final ShmTestDirectory DIRECTORY = new ShmTestDirectory();

	@AfterAll
	static void removeDirectory() {
		DIRECTORY.close();
	}

	@Test
	void shouldPersistTheLastCommittedIndexAcrossReopens() throws Exception {
		Path consumers = DIRECTORY.directory().resolve("persist");
		MessageId id = MessageId.next();
		try (ConsumerPosition position = ConsumerPosition.open(consumers, "c")) {
			assertThat(position.index()).isEqualTo(ConsumerPosition.NONE);
			position.commit(42, id);
		}
		assertThat(ConsumerPosition.readIndex(consumers.resolve("c.pos"))).isEqualTo(42);
		try (ConsumerPosition position = ConsumerPosition.open(consumers, "c")) {
			assertThat(position.index()).isEqualTo(42);
			assertThat(position.lastMessageId()).isEqualTo(id);
		}
	}

	@Test
	void whenTheNameIsInUseThenASecondOpenFails() {
		Path consumers = DIRECTORY.directory().resolve("locked");
		try (ConsumerPosition first = ConsumerPosition.open(consumers, "c")) {
			assertThatThrownBy(() -> ConsumerPosition.open(consumers, "c")).isInstanceOf(IpcException.class)
				.hasMessageContaining("Another consumer named 'c'");
		}
	}

}
