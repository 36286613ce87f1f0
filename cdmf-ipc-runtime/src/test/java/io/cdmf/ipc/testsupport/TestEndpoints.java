package io.cdmf.ipc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Unique, short socket paths for tests (Unix socket paths are limited to 107 bytes), in a directory removed at the
 * end.
 */
public final class TestEndpoints implements AutoCloseable {

	private final Path directory;

	/**
	 * Creates a fresh directory under /tmp.
	 */
	public TestEndpoints() {
		try {
			this.directory = Files.createTempDirectory(Path.of("/tmp"), "cdmf-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns a unique socket path in the directory.
	 * @param name a readable part of the name
	 * @return the path
	 */
	public Path path(String name) {
		return this.directory.resolve(name + "-" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL, 36)
				+ ".sock");
	}

	/**
	 * Returns an endpoint URI for a unique path.
	 * @param scheme {@code unix} or {@code unix+dgram}
	 * @param name a readable part of the name
	 * @return the URI
	 */
	public String endpoint(String scheme, String name) {
		return scheme + "://" + path(name);
	}

	/**
	 * Returns the directory.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	@Override
	public void close() {
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
