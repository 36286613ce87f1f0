package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a shared-memory case keeps its files: {@code /dev/shm/cdmf-bench/<case tag>/}, named after the socket file
 * the harness picks for every case and size (so that the benchmark JVM and the forked server agree without another
 * argument), and removed after the case.
 *
 * @param directory the case's directory
 * @since 0.1.0
 */
record ShmCaseFiles(Path directory) {

	/** Parent of every case directory: memory-backed, as the transports' defaults are. */
	static final Path ROOT = Path.of("/dev/shm/cdmf-bench");

	/** Service, endpoint and queue name used by every shared-memory case. */
	static final String NAME = "bench";

	/**
	 * Returns the files of the case that the harness gave a socket path.
	 * @param socket the socket path the harness chose for the case and size
	 * @return the files
	 */
	static ShmCaseFiles of(Path socket) {
		String file = socket.getFileName().toString();
		String tag = file.endsWith(".sock") ? file.substring(0, file.length() - 5) : file;
		return new ShmCaseFiles(ROOT.resolve(tag));
	}

	/**
	 * Returns the receiver probe file.
	 * @return the path
	 */
	Path probe() {
		return this.directory.resolve("probe");
	}

	/**
	 * Returns the file of the raw Agrona rings.
	 * @return the path
	 */
	Path rings() {
		return this.directory.resolve("rings");
	}

	/**
	 * Returns a raw Chronicle Queue directory.
	 * @param queue {@code requests} or {@code responses}
	 * @return the path
	 */
	Path queue(String queue) {
		return this.directory.resolve(queue);
	}

	/**
	 * Returns the {@code shm://} endpoint of the framework cases.
	 * @return the endpoint URI
	 */
	String ringEndpoint() {
		return "shm://" + NAME + "?directory=" + this.directory;
	}

	/**
	 * Returns the {@code shm+journal://} endpoint of the framework journal case.
	 * @param query extra query options, starting with {@code &}, or empty
	 * @return the endpoint URI
	 */
	String journalEndpoint(String query) {
		return "shm+journal://" + NAME + "?directory=" + this.directory + query;
	}

	/**
	 * Creates the directory.
	 * @return this
	 */
	ShmCaseFiles create() {
		try {
			Files.createDirectories(this.directory);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + this.directory, ex);
		}
	}

	/**
	 * Deletes the directory and everything in it: queues can hold hundreds of megabytes of memory.
	 * @throws IOException if something cannot be deleted
	 */
	void delete() throws IOException {
		if (!Files.exists(this.directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
