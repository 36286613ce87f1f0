package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A fresh directory under {@code /dev/shm} for one test class's shm endpoints, removed at the end.
 */
public final class ShmTestDirectory implements AutoCloseable {

	private final Path directory;

	/**
	 * Creates the directory.
	 */
	public ShmTestDirectory() {
		try {
			Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of("/tmp");
			this.directory = Files.createTempDirectory(base, "cdmf-test-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns a unique endpoint in the directory.
	 * @param name a readable part of the name
	 * @param options extra query options, such as {@code ring-size=4096}, or empty
	 * @return the endpoint URI
	 */
	public String endpoint(String name, String... options) {
		StringBuilder uri = new StringBuilder("shm://").append(uniqueName(name)).append("?directory=")
			.append(this.directory);
		for (String option : options) {
			uri.append('&').append(option);
		}
		return uri.toString();
	}

	/**
	 * Returns a unique name.
	 * @param name a readable part of the name
	 * @return the name
	 */
	public static String uniqueName(String name) {
		return name + "-" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL, 36);
	}

	/**
	 * Returns the directory of an endpoint's files.
	 * @param endpoint the endpoint URI
	 * @return the directory
	 */
	public Path filesOf(String endpoint) {
		String name = endpoint.substring("shm://".length(), endpoint.indexOf('?'));
		return this.directory.resolve(name);
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
