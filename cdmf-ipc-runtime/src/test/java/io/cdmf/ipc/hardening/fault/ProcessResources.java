package io.cdmf.ipc.hardening.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a process holds, read from {@code /proc}: its open sockets, to check that a server released a dead client's
 * connection.
 */
final class ProcessResources {

	private ProcessResources() {
	}

	/**
	 * Counts the sockets a process has open ({@code /proc/<pid>/fd} entries linking to {@code socket:[...]}).
	 * @param pid the process
	 * @return the count
	 */
	static int openSockets(long pid) {
		return countDescriptors(pid, "socket:");
	}

	private static int countDescriptors(long pid, String targetPrefix) {
		Path fds = Path.of("/proc", Long.toString(pid), "fd");
		try (Stream<Path> entries = Files.list(fds)) {
			return (int) entries.filter(fd -> linksTo(fd, targetPrefix)).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + fds, ex);
		}
	}

	private static boolean linksTo(Path fd, String targetPrefix) {
		try {
			return Files.readSymbolicLink(fd).toString().startsWith(targetPrefix);
		}
		catch (NoSuchFileException ex) {
			// Closed between the listing and the read: no longer open.
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + fd, ex);
		}
	}

}
