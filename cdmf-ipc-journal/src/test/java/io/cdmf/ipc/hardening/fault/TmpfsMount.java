package io.cdmf.ipc.hardening.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small tmpfs mounted for one test, to fill a file system on purpose; unmounted and removed on {@link #close()}.
 * Needs root: {@link #mount} skips the test (a JUnit assumption) when not root or when the mount fails.
 */
final class TmpfsMount implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TmpfsMount.class);

	private final Path directory;

	private TmpfsMount(Path directory) {
		this.directory = directory;
	}

	/**
	 * Mounts a tmpfs of a size on a new directory under {@code /tmp}.
	 * @param kibibytes its size in KiB
	 * @return the mount
	 */
	static TmpfsMount mount(int kibibytes) {
		Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
		Path directory;
		try {
			directory = Files.createTempDirectory(Path.of("/tmp"), "cdmf-full-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String result = run("mount", "-t", "tmpfs", "-o", "size=" + kibibytes + "k,mode=0700", "tmpfs",
				directory.toString());
		if (result != null) {
			directory.toFile().delete();
			Assumptions.abort("cannot mount a tmpfs on " + directory + ": " + result);
		}
		logger.info("Mounted a {} KiB tmpfs on {}", kibibytes, directory);
		return new TmpfsMount(directory);
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Returns the bytes still free.
	 * @return the free bytes
	 */
	long freeBytes() {
		try {
			return Files.getFileStore(this.directory).getUsableSpace();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		String result = run("umount", "-l", this.directory.toString());
		if (result != null) {
			throw new IllegalStateException("cannot unmount " + this.directory + ": " + result);
		}
		this.directory.toFile().delete();
	}

	/**
	 * Runs a command; returns null on success, else its output and exit code.
	 */
	private static String run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return String.join(" ", command) + " did not end in 30 s";
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (process.exitValue() == 0) ? null : "exit " + process.exitValue() + ": " + output;
		}
		catch (IOException ex) {
			return ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

}
