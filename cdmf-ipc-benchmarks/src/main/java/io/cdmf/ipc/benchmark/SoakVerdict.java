package io.cdmf.ipc.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether a soak phase passed: no call failed, and from the first minute on (the reference sample, after
 * warm-up) nothing grew past its bound in either JVM: live heap by at most {@value #HEAP_SLACK_MIB} MiB or a quarter,
 * resident memory by at most {@value #RSS_SLACK_MIB} MiB, descriptors and threads by at most {@value #COUNT_SLACK};
 * the shared-memory files and their bytes not at all.
 *
 * @param reference the sample later ones are held to
 * @param failures what went past its bound, empty if the phase passed
 * @since 0.1.0
 */
record SoakVerdict(SoakSample reference, List<String> failures) {

	static final long HEAP_SLACK_MIB = 16;

	static final long RSS_SLACK_MIB = 64;

	static final long COUNT_SLACK = 2;

	static final long REFERENCE_SECONDS = 60;

	/** The criterion in words, for the report. */
	static final String CRITERION = "0 errors; from the sample at 1 min (the reference, after warm-up) to the end, in "
			+ "both JVMs: live heap (after a GC) at most " + HEAP_SLACK_MIB + " MiB or 25 % above the reference, "
			+ "resident memory at most " + RSS_SLACK_MIB + " MiB above, open descriptors and threads at most "
			+ COUNT_SLACK + " above; shared-memory files and bytes equal to the reference";

	/**
	 * Judges a phase's samples.
	 * @param samples the samples, at least one
	 * @return the verdict
	 */
	static SoakVerdict of(List<SoakSample> samples) {
		int at = 0;
		long referenceSeconds = Math.min(REFERENCE_SECONDS, samples.get(samples.size() - 1).seconds() / 3);
		while (at < samples.size() - 1 && samples.get(at).seconds() < referenceSeconds) {
			at++;
		}
		SoakSample reference = samples.get(at);
		List<SoakSample> later = samples.subList(at, samples.size());
		List<String> failures = new ArrayList<>();
		long errors = samples.get(samples.size() - 1).errors();
		if (errors != 0) {
			failures.add(errors + " calls failed");
		}
		for (String side : List.of("client", "server")) {
			ToLongFunction<SoakSample> heap = s -> process(s, side).liveHeapBytes();
			long refHeap = heap.applyAsLong(reference);
			check(failures, side + " live heap", later, heap, refHeap + Math.max(HEAP_SLACK_MIB << 20, refHeap / 4));
			ToLongFunction<SoakSample> rss = s -> process(s, side).rssBytes();
			check(failures, side + " RSS", later, rss, rss.applyAsLong(reference) + (RSS_SLACK_MIB << 20));
			ToLongFunction<SoakSample> fds = s -> process(s, side).fds();
			check(failures, side + " fds", later, fds, fds.applyAsLong(reference) + COUNT_SLACK);
			ToLongFunction<SoakSample> threads = s -> process(s, side).threads();
			check(failures, side + " threads", later, threads, threads.applyAsLong(reference) + COUNT_SLACK);
		}
		check(failures, "/dev/shm files", later, SoakSample::shmFiles, reference.shmFiles());
		check(failures, "/dev/shm bytes", later, SoakSample::shmBytes, reference.shmBytes());
		return new SoakVerdict(reference, List.copyOf(failures));
	}

	/**
	 * Returns whether the phase passed.
	 * @return whether there are no failures
	 */
	boolean passed() {
		return this.failures.isEmpty();
	}

	private static SoakSample.Process process(SoakSample sample, String side) {
		return side.equals("client") ? sample.client() : sample.server();
	}

	private static void check(List<String> failures, String what, List<SoakSample> samples,
			ToLongFunction<SoakSample> value, long bound) {
		for (SoakSample sample : samples) {
			long seen = value.applyAsLong(sample);
			if (seen > bound) {
				failures.add(what + " " + seen + " at " + sample.seconds() + " s, above its bound " + bound);
				return;
			}
		}
	}

}
