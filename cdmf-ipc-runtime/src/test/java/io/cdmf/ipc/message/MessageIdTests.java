package io.cdmf.ipc.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageIdTests {

	@Test
	void shouldKeepHighHalfConstantAndIncrementLowHalfOverAMillionIds() {
		MessageId first = MessageId.next();
		long previous = first.low();
		for (int i = 0; i < 1_000_000; i++) {
			MessageId id = MessageId.next();
			assertThat(id.high()).isEqualTo(first.high());
			// Other threads in this JVM may take ids too, so the low half only has to go up.
			if (id.low() <= previous) {
				assertThat(id.low()).as("low half after %d ids", i).isGreaterThan(previous);
			}
			previous = id.low();
		}
		assertThat(first.isNone()).isFalse();
		assertThat(first.high()).isNotZero();
	}

	@Test
	void shouldHandOutDistinctIdsToConcurrentThreads() throws Exception {
		int threads = 4;
		int perThread = 250_000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			Callable<long[]> task = () -> IntStream.range(0, perThread).mapToLong((i) -> MessageId.next().low())
				.toArray();
			List<Future<long[]>> results = executor.invokeAll(List.of(task, task, task, task));
			long[] all = new long[threads * perThread];
			for (int t = 0; t < threads; t++) {
				System.arraycopy(results.get(t).get(), 0, all, t * perThread, perThread);
			}
			Arrays.sort(all);
			for (int i = 1; i < all.length; i++) {
				assertThat(all[i]).isNotEqualTo(all[i - 1]);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void shouldDrawADifferentHighHalfInAnotherJvm() throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				PrintIds.class.getName())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();

		List<MessageId> other = output.lines().map(MessageId::parse).toList();

		assertThat(other).hasSize(3);
		assertThat(other).extracting(MessageId::high).containsOnly(other.get(0).high());
		// Collides only if two 64-bit random draws are equal.
		assertThat(other.get(0).high()).isNotEqualTo(MessageId.next().high());
	}

	@Test
	void shouldRoundTripThroughToStringAndParse() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 10_000; i++) {
			MessageId id = new MessageId(random.nextLong(), random.nextLong());
			assertThat(id.toString()).hasSize(32).matches("[0-9a-f]{32}");
			assertThat(MessageId.parse(id.toString())).isEqualTo(id);
		}
		MessageId next = MessageId.next();
		assertThat(MessageId.parse(next.toString())).isEqualTo(next);
	}

	@Test
	void shouldFormatHighHalfThenLowHalfWithLeadingZeros() {
		MessageId id = new MessageId(0x0123456789ABCDEFL, -2L);

		assertThat(id).hasToString("0123456789abcdeffffffffffffffffe");
		assertThat(MessageId.parse("0123456789ABCDEFFFFFFFFFFFFFFFFE")).isEqualTo(id);
		assertThat(MessageId.NONE).hasToString("0".repeat(32));
		assertThat(MessageId.parse("0".repeat(32))).isEqualTo(MessageId.NONE);
		assertThat(MessageId.parse("0".repeat(32)).isNone()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
			"0123456789abcdeg0123456789abcdef", "-123456789abcdef0123456789abcdef", "+123456789abcdef0123456789abcdef",
			"0123456789abcdef+123456789abcdef", "0x23456789abcdef0123456789abcdef", " 123456789abcdef0123456789abcdef",
			"0123456789abcdef0123456789abcde\u0661", "0123456789abcdef0123456789abcde\uFF21" })
	void shouldRejectTextThatIsNot32HexDigits(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> MessageId.parse(text))
			.withMessage("message id must be 32 hex digits: '" + text + "'");
	}

	/**
	 * Prints three ids; run in a second JVM.
	 */
	static final class PrintIds {

		public static void main(String[] args) {
			for (int i = 0; i < 3; i++) {
				System.out.println(MessageId.next());
			}
		}

	}

}
