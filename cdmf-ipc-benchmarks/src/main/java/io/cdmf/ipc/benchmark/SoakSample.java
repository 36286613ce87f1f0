package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One sample of the soak ({@link SoakMain}), taken every interval: the call rate since the previous sample, and for
 * the client and the server JVM their live heap (after a GC), resident memory, open file descriptors and threads,
 * and the files and bytes under the server's shared-memory directory.
 *
 * @param seconds seconds since the phase started
 * @param callsPerSecond good calls per second since the previous sample
 * @param errors failed or wrong calls so far
 * @param client the client JVM
 * @param server the server JVM
 * @param shmFiles files under the shared-memory directory
 * @param shmBytes their bytes
 * @since 0.1.0
 */
record SoakSample(long seconds, long callsPerSecond, long errors, Process client, Process server, long shmFiles,
		long shmBytes) {

	/**
	 * What one JVM uses.
	 *
	 * @param liveHeapBytes heap in use after a GC
	 * @param rssBytes resident memory ({@code VmRSS})
	 * @param fds open file descriptors
	 * @param threads threads
	 */
	record Process(long liveHeapBytes, long rssBytes, long fds, long threads) {

		/**
		 * Reads what {@code /proc} says about a process, with its live heap measured by the caller.
		 * @param pid the process
		 * @param liveHeapBytes its heap in use after a GC
		 * @return the sample
		 */
		static Process of(long pid, long liveHeapBytes) {
			Path proc = Path.of("/proc", Long.toString(pid));
			return new Process(liveHeapBytes, rss(proc), count(proc.resolve("fd")), count(proc.resolve("task")));
		}

		private static long rss(Path proc) {
			try {
				for (String line : Files.readAllLines(proc.resolve("status"))) {
					if (line.startsWith("VmRSS:")) {
						return 1024 * Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
					}
				}
				throw new IllegalStateException("no VmRSS in " + proc.resolve("status"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/**
	 * Returns the regular files under a directory and their bytes, zeros if it does not exist.
	 * @param directory the directory
	 * @return files and bytes
	 */
	static long[] filesAndBytes(Path directory) {
		if (!Files.isDirectory(directory)) {
			return new long[2];
		}
		try (Stream<Path> files = Files.walk(directory)) {
			long[] totals = new long[2];
			files.filter(Files::isRegularFile).forEach(file -> {
				totals[0]++;
				try {
					totals[1] += Files.size(file);
				}
				catch (IOException ex) {
					// Removed between the listing and the size: it no longer counts.
					totals[0]--;
				}
			});
			return totals;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long count(Path directory) {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
