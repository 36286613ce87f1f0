package io.cdmf.ipc.hardening.fault;

import java.time.Duration;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeded randomness of a fault test: where in a stream of calls a process is killed. The seed is printed, and a
 * failed run is repeated with {@code -Dcdmf.fault.seed=<seed>}.
 */
final class FaultRandom {

	private static final Logger logger = LoggerFactory.getLogger(FaultRandom.class);

	private final long seed;

	private final SplittableRandom random;

	private FaultRandom(long seed) {
		this.seed = seed;
		this.random = new SplittableRandom(seed);
	}

	/**
	 * Returns the randomness of one test, seeded by {@code cdmf.fault.seed} or else by the clock, and logs the seed.
	 * @param test the test's name, for the log line
	 * @return the randomness
	 */
	static FaultRandom of(String test) {
		long seed = Long.getLong("cdmf.fault.seed", System.nanoTime());
		logger.info("{}: fault seed {} (repeat with -Dcdmf.fault.seed={})", test, seed, seed);
		System.out.println(test + ": fault seed " + seed);
		return new FaultRandom(seed);
	}

	/**
	 * Returns a delay between two bounds.
	 * @param fromMillis the shortest, in milliseconds
	 * @param toMillis the longest, in milliseconds (exclusive)
	 * @return the delay
	 */
	Duration delay(long fromMillis, long toMillis) {
		return Duration.ofMillis(this.random.nextLong(fromMillis, toMillis));
	}

	@Override
	public String toString() {
		return "seed " + this.seed;
	}

}
