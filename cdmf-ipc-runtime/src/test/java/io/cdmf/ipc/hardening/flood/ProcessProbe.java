package io.cdmf.ipc.hardening.flood;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says about another process: its threads ({@code /proc/<pid>/task}), its open file
 * descriptors ({@code /proc/<pid>/fd}) and its resident memory ({@code VmRSS} in {@code /proc/<pid>/status}).
 *
 * @param pid the process
 */
record ProcessProbe(long pid) {

	/**
	 * Returns the process's thread count.
	 * @return the threads
	 */
	int threads() {
		return count(Path.of("/proc", Long.toString(this.pid), "task"));
	}

	/**
	 * Returns how many of the process's threads have a name starting with a prefix (Linux keeps the first 15
	 * characters of a thread's name).
	 * @param prefix the prefix
	 * @return the threads
	 */
	int threads(String prefix) {
		return (int) threadNames().entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	/**
	 * Returns the process's open file descriptors.
	 * @return the descriptors
	 */
	int fds() {
		return count(Path.of("/proc", Long.toString(this.pid), "fd"));
	}

	/**
	 * Returns the process's resident memory.
	 * @return VmRSS in KiB
	 */
	long rssKib() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(this.pid), "status"));
			for (String line : lines) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
				}
			}
			throw new IllegalStateException("no VmRSS in /proc/" + this.pid + "/status");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns a one-line summary, for messages.
	 * @return threads, descriptors and resident memory
	 */
	String describe() {
		return "threads=" + threads() + " fds=" + fds() + " rss=" + (rssKib() / 1024) + "MiB, threads by name: "
				+ threadNames();
	}

	/**
	 * Returns the process's threads counted by name (digits folded), for failure messages.
	 * @return name to count
	 */
	Map<String, Long> threadNames() {
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(this.pid), "task"))) {
			return tasks.map((task) -> {
				try {
					return Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
				}
				catch (IOException ex) {
					// The thread ended between the listing and the read.
					return "(ended)";
				}
			}).collect(Collectors.groupingBy((name) -> name, TreeMap::new,
					Collectors.counting()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int count(Path directory) {
		try (Stream<Path> entries = Files.list(directory)) {
			return (int) entries.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
