package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading the fixed notes of a report from the benchmark jar and writing a report, the same for every report.
 */
final class ReportFiles {

	private ReportFiles() {
	}

	/**
	 * Reads a Markdown resource that the reports append as they are (method and profile notes).
	 * @param name the resource name, relative to this package
	 * @return its text
	 * @throws IllegalStateException if the jar lacks it
	 */
	static String notes(String name) {
		try (InputStream in = ReportFiles.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("resource " + name + " is missing from the benchmark jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes a report, creating its directory if missing.
	 * @param file the file
	 * @param text the Markdown text
	 * @throws IOException if it cannot be written
	 */
	static void write(Path file, String text) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(file, text, StandardCharsets.UTF_8);
	}

}
