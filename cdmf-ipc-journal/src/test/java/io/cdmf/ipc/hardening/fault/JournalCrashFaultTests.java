package io.cdmf.ipc.hardening.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.JournalConsumerMain;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} on both ends of a {@code shm+journal://} stream, at random points: a consumer killed three times
 * while a producer process writes 300,000 events at full speed resumes each time after its last finished event (0 lost, and only the event in
 * flight at a kill handled twice); a producer killed mid-stream loses none of the events whose {@code send} had
 * returned, and its restart goes on from there.
 */
class JournalCrashFaultTests {

	private static final Logger logger = LoggerFactory.getLogger(JournalCrashFaultTests.class);

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private final ShmTestDirectory directory = new ShmTestDirectory();

	private final List<ForkedJvm> jvms = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		this.jvms.forEach(ForkedJvm::close);
		this.directory.close();
	}

	@Test
	void whenTheConsumerIsKilledAtRandomPointsThenNoEventIsLostAndOnlyEventsInFlightRepeat() throws IOException {
		FaultRandom random = FaultRandom.of("journal consumer kill -9");
		int total = 300_000;
		String endpoint = journalEndpoint("consumer-kill");
		Path countsFile = this.directory.directory().resolve("counts");
		MappedByteBuffer counts = map(countsFile, total + 8L);
		ForkedJvm producer = start(DurableProducerMain.class, endpoint, Integer.toString(total),
				this.directory.directory().resolve("acks").toString(), "0");
		producer.awaitLine("READY", STARTUP);
		int kills = 3;
		boolean done = false;
		List<Long> processedAtKill = new ArrayList<>();
		for (int k = 0; k < kills && !done; k++) {
			ForkedJvm consumer = start(JournalConsumerMain.class, endpoint, countsFile.toString(),
					Integer.toString(total), "-1");
			consumer.awaitLine("READY", STARTUP);
			long before = counts.getLong(total);
			Await.until("the consumer processing", Duration.ofSeconds(30), () -> counts.getLong(total) > before);
			Duration delay = random.delay(5, 150);
			long killAt = System.nanoTime() + delay.toNanos();
			Await.until("the kill point", delay.plusSeconds(5), () -> System.nanoTime() - killAt >= 0);
			consumer.kill();
			processedAtKill.add(counts.getLong(total));
			done |= consumer.output().stream().anyMatch(line -> line.startsWith("DONE"));
		}
		producer.awaitLine("SENT", STARTUP);
		if (!done) {
			// The last event was not finished yet: a consumer that handled it printed DONE before committing it.
			ForkedJvm last = start(JournalConsumerMain.class, endpoint, countsFile.toString(), Integer.toString(total),
					"-1");
			last.awaitLine("DONE", STARTUP);
		}

		int lost = 0;
		List<Integer> twice = new ArrayList<>();
		for (int seq = 0; seq < total; seq++) {
			int count = counts.get(seq);
			if (count == 0) {
				lost++;
			}
			else if (count > 1) {
				twice.add(seq);
			}
		}
		logger.info("journal consumer ({}): killed after {} of {} events processed; lost {}, handled twice {} {}",
				random, processedAtKill, total, lost, twice.size(), twice);
		assertThat(processedAtKill).as("killed mid-stream").anyMatch(processed -> processed < total);
		assertThat(lost).as("0 lost durable events").isZero();
		assertThat(twice).as("events handled twice: at most the one in flight at each kill").hasSizeLessThanOrEqualTo(
				processedAtKill.size());
		for (int seq = 0; seq < total; seq++) {
			assertThat((int) counts.get(seq)).as("times event %d was handled", seq).isBetween(1, 2);
		}
	}

	@Test
	void whenTheProducerIsKilledMidStreamThenEveryAcknowledgedEventIsKeptAndTheRestartGoesOn() throws IOException {
		FaultRandom random = FaultRandom.of("journal producer kill -9");
		String endpoint = journalEndpoint("producer-kill");
		Path acks = this.directory.directory().resolve("acks");
		MappedByteBuffer acknowledged = map(acks, 8);
		ForkedJvm producer = start(DurableProducerMain.class, endpoint, "100000000", acks.toString(), "20");
		producer.awaitLine("READY", STARTUP);
		Await.until("events written", Duration.ofSeconds(30), () -> acknowledged.getLong(0) > 0);
		Duration delay = random.delay(50, 800);
		long killAt = System.nanoTime() + delay.toNanos();
		Await.until("the kill point", delay.plusSeconds(5), () -> System.nanoTime() - killAt >= 0);
		producer.kill();
		long durable = acknowledged.getLong(0);
		int more = 5_000;
		ForkedJvm restarted = start(DurableProducerMain.class, endpoint, Long.toString(durable + more), acks.toString(),
				"0");
		assertThat(restarted.awaitLine("READY", STARTUP)).endsWith(" " + durable);
		restarted.awaitLine("SENT", STARTUP);

		List<Long> seen = new ArrayList<>();
		try (Transport consumer = TransportFactory.create(endpoint + "&consumer=verify")) {
			consumer.start();
			long lastSeq = durable + more - 1;
			while (seen.isEmpty() || seen.get(seen.size() - 1) != lastSeq) {
				Message event = consumer.receive(Duration.ofSeconds(10));
				assertThat(event).as("event after %s of %s read", seen.size(), lastSeq + 1).isNotNull();
				ByteBuffer payload = event.getPayload();
				seen.add(payload.getLong(payload.position()));
			}
		}
		// Before the kill: 0 .. k-1 with k = durable, or durable + 1 for one event written but not yet acknowledged.
		int restart = (int) durable;
		if (seen.size() > durable + more) {
			restart++;
		}
		logger.info("journal producer ({}): killed after {} ms with {} events acknowledged, {} in the journal before "
				+ "the restart; the restart wrote {} more", random, delay.toMillis(), durable, restart, more);
		assertThat(durable).as("killed mid-stream").isPositive().isLessThan(100_000_000L);
		assertThat(seen).as("events in the journal").hasSizeBetween((int) durable + more, (int) durable + more + 1);
		for (int i = 0; i < restart; i++) {
			assertThat(seen.get(i)).as("event %d before the kill", i).isEqualTo(i);
		}
		for (int i = 0; i < more; i++) {
			assertThat(seen.get(restart + i)).as("event %d after the restart", restart + i).isEqualTo(durable + i);
		}
	}

	private String journalEndpoint(String name) {
		return this.directory.endpoint(name).replace("shm://", "shm+journal://");
	}

	private ForkedJvm start(Class<?> main, String... args) {
		ForkedJvm jvm = ForkedJvm.start(main, args);
		this.jvms.add(jvm);
		return jvm;
	}

	private static MappedByteBuffer map(Path file, long length) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			return channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
		}
	}

}
