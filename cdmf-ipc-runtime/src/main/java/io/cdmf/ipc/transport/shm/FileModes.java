package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modes of the files and directories of {@code shm://} and {@code shm+journal://} endpoints: every file gets the
 * endpoint's socket permissions (default {@code rw-------}), and the endpoint's directory the same classes with search
 * permission, so only whom the endpoint admits can reach its rings or its journal.
 *
 * @since 0.1.0
 */
public final class FileModes {

	private static final Logger logger = LoggerFactory.getLogger(FileModes.class);

	private FileModes() {
	}

	/**
	 * Returns the directory mode for file permissions: read, write and search for each class that may read or write.
	 * @param filePermissions the files' permissions
	 * @return the directory's permissions
	 */
	public static Set<PosixFilePermission> directoryMode(Set<PosixFilePermission> filePermissions) {
		Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
		add(filePermissions, mode, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_EXECUTE);
		add(filePermissions, mode, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_EXECUTE);
		add(filePermissions, mode, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_EXECUTE);
		return mode;
	}

	/**
	 * Creates a directory if needed and gives it {@link #directoryMode} of the file permissions.
	 * @param directory the directory
	 * @param filePermissions the permissions its files get
	 * @throws IOException if it cannot be created or its mode set (it belongs to another user)
	 */
	public static void restrictDirectory(Path directory, Set<PosixFilePermission> filePermissions) throws IOException {
		Files.createDirectories(directory);
		Set<PosixFilePermission> mode = directoryMode(filePermissions);
		try {
			if (!Files.getPosixFilePermissions(directory).equals(mode)) {
				Files.setPosixFilePermissions(directory, mode);
			}
		}
		catch (UnsupportedOperationException ex) {
			logger.debug("No POSIX permissions for {}: {}", directory, ex.toString());
		}
	}

	/**
	 * Gives a file the permissions, where the file system has POSIX permissions.
	 * @param file the file
	 * @param permissions its permissions
	 * @throws IOException if they cannot be set
	 */
	public static void restrictFile(Path file, Set<PosixFilePermission> permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(file, permissions);
		}
		catch (UnsupportedOperationException ex) {
			logger.debug("No POSIX permissions for {}: {}", file, ex.toString());
		}
	}

	private static void add(Set<PosixFilePermission> allowed, Set<PosixFilePermission> mode, PosixFilePermission read,
			PosixFilePermission write, PosixFilePermission search) {
		if (allowed.contains(read)) {
			mode.add(read);
		}
		if (allowed.contains(write)) {
			mode.add(write);
		}
		if (allowed.contains(read) || allowed.contains(write)) {
			mode.add(search);
		}
	}

}
