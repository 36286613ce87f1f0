package io.cdmf.ipc.fuzz;

import java.util.Arrays;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdmf.ipc.transport.shm.journal.JournalConsumerFuzzHarness;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the reader of a shm+journal:// consumer: a real consumer over a real Chronicle Queue in {@code /dev/shm},
 * into which the fuzzer appends events of any bytes, as a hostile or broken producer process could (every producer
 * appends to the same queue files).
 * <p>
 * Input: byte 0 says how many events the rest is cut into (1 to 4) and, bit by bit, which of them get a valid
 * checksum first (a journal's frames carry one, and mutations would not get past it otherwise). Invariants: the
 * consumer's duty cycle never throws and returns; every event is either delivered or counted as rejected, once
 * (nothing is lost silently); and the consumer goes on to the next event.
 *
 * @since 0.1.0
 */
class JournalFuzzer {

	private static final int MAX_POLLS = 16;

	private static @Nullable JournalConsumerFuzzHarness shared;

	@AfterAll
	static void stopConsumer() {
		if (shared != null) {
			shared.close();
		}
	}

	static Stream<Arguments> seeds() {
		return FuzzSeeds.frames().map((frame) -> {
			byte[] input = ((byte[]) frame.get()[0]).clone();
			input[0] = (byte) 0xF0;
			return Arguments.of((Object) input);
		});
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "3s")
	void deliversOrRejectsEveryEvent(byte[] input) {
		if (input.length == 0) {
			return;
		}
		if (shared == null) {
			// Made on the first input, after Jazzer's agent is in (see ShmRingFuzzer).
			shared = new JournalConsumerFuzzHarness();
		}
		JournalConsumerFuzzHarness journal = shared;
		int options = input[0] & 0xFF;
		int events = 1 + (options & 3);
		int size = (input.length - 1) / events;
		long before = journal.received() + journal.rejected();
		for (int i = 0; i < events; i++) {
			int from = 1 + i * size;
			int to = (i == events - 1) ? input.length : from + size;
			byte[] event = Arrays.copyOfRange(input, from, to);
			journal.append(((options >>> (4 + i)) & 1) != 0 ? FuzzChecks.rechecksum(event) : event);
		}
		for (int i = 0; i < MAX_POLLS && journal.received() + journal.rejected() - before < events; i++) {
			journal.poll();
		}
		long handled = journal.received() + journal.rejected() - before;
		if (handled != events) {
			throw new AssertionError(events + " events appended, " + handled + " delivered or rejected");
		}
	}

}
