package io.cdmf.ipc.transport.shm.journal;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.JournalConsumerMain;
import io.cdmf.ipc.testsupport.JournalProducerMain;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's delivery guarantee across processes: a consumer killed with {@code kill -9} twice in the middle of a
 * stream of 100,000 events, while a producer process writes it, still processes every event, and only the event in
 * flight at a kill is processed twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalCrossProcessTests {

	private static final int TOTAL = 100_000;

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private final ShmTestDirectory directory = new ShmTestDirectory();

	@AfterAll
	void removeDirectory() {
		this.directory.close();
	}

	@Test
	void whenTheConsumerIsKilledMidStreamThenItResumesAndLosesNothing() throws Exception {
		String endpoint = this.directory.endpoint("kill9").replace("shm://", "shm+journal://");
		Path countsFile = this.directory.directory().resolve("counts");
		int pauseAt = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
		MappedByteBuffer counts;
		try (FileChannel channel = FileChannel.open(countsFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			counts = channel.map(FileChannel.MapMode.READ_WRITE, 0, TOTAL + 8L);
		}
		try (ForkedJvm producer = ForkedJvm.start(JournalProducerMain.class, endpoint, Integer.toString(TOTAL))) {
			// Killed while its handler holds event pauseAt: that event was counted but its position not committed.
			try (ForkedJvm first = consumer(endpoint, countsFile, pauseAt)) {
				first.awaitLine("PAUSED", STARTUP);
				first.kill();
			}
			// Killed wherever it is, soon after it resumed.
			boolean done;
			try (ForkedJvm second = consumer(endpoint, countsFile, -1)) {
				second.awaitLine("READY", STARTUP);
				awaitProcessed(counts, pauseAt + 5_000, second);
				second.kill();
				done = second.output().stream().anyMatch(line -> line.startsWith("DONE"));
			}
			producer.awaitLine("SENT", STARTUP);
			if (!done) {
				try (ForkedJvm last = consumer(endpoint, countsFile, -1)) {
					last.awaitLine("DONE", STARTUP);
				}
			}
		}
		List<Integer> duplicates = new ArrayList<>();
		for (int seq = 0; seq < TOTAL; seq++) {
			int count = counts.get(seq);
			assertThat(count).as("times event %d was processed", seq).isBetween(1, 2);
			if (count == 2) {
				duplicates.add(seq);
			}
		}
		assertThat(duplicates).contains(pauseAt).hasSizeLessThanOrEqualTo(2);
	}

	private static ForkedJvm consumer(String endpoint, Path countsFile, int pauseAt) {
		return ForkedJvm.start(JournalConsumerMain.class, endpoint, countsFile.toString(), Integer.toString(TOTAL),
				Integer.toString(pauseAt));
	}

	private static void awaitProcessed(MappedByteBuffer counts, long processed, ForkedJvm consumer) {
		// Condition wait on shared memory; the consumer either passes the mark or finishes (DONE).
		while (counts.getLong(TOTAL) < processed && consumer.isAlive()
				&& consumer.output().stream().noneMatch(line -> line.startsWith("DONE"))) {
			Thread.onSpinWait();
		}
	}

}
