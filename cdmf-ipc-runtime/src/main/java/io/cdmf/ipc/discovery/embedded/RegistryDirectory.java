package io.cdmf.ipc.discovery.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.discovery.HostIdentity;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.ServiceEndpointCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the embedded registry: per instance an entry {@code <id>.instance} (written whole to a temporary
 * file, then renamed over, so readers never see half of one) and a lock file {@code <id>.lock} on which the
 * registering process holds an exclusive OS file lock for the life of the registration.
 * <p>
 * An instance is alive while its lock is held: the kernel releases the lock the moment the process dies, however it
 * dies, so a reader that can take the lock knows at once that the owner is gone (and removes both files), with no
 * timeout to tune and no trust in process ids, which the OS reuses. An entry written in an earlier boot of the host
 * is stale as well. POSIX locks belong to a process, and closing any descriptor of a file drops the process's locks on
 * it, so this JVM never probes the lock files it holds itself (they are kept in {@link #HELD}).
 */
final class RegistryDirectory {

	static final String ENTRY_SUFFIX = ".instance";

	static final String LOCK_SUFFIX = ".lock";

	static final String TEMPORARY_INFIX = ".tmp";

	static final long TEMPORARY_MAX_AGE_MILLIS = 60_000;

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDiscovery.class);

	/** Lock files this JVM holds, by absolute path: never probed (a probe would release them). */
	private static final Map<Path, FileLock> HELD = new ConcurrentHashMap<>();

	private final Path directory;

	private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

	private final Set<String> reportedBad = ConcurrentHashMap.newKeySet();

	private volatile long lastTemporarySweep;

	RegistryDirectory(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	Path path() {
		return this.directory;
	}

	void create() {
		try {
			if (!Files.isDirectory(this.directory)) {
				Files.createDirectories(this.directory);
				try {
					Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
				}
				catch (UnsupportedOperationException ex) {
					logger.debug("No POSIX permissions on {}: {}", this.directory, ex.toString());
				}
			}
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.UNAVAILABLE, "cannot create the embedded registry directory "
					+ this.directory + " (" + ex + "); make it writable or set another directory", ex);
		}
	}

	/** Takes the lock of a new instance and writes its entry. */
	void register(ServiceEndpoint instance) {
		create();
		Path lockPath = lockPath(instance.instanceId());
		FileChannel channel = null;
		try {
			channel = FileChannel.open(lockPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new IllegalStateException("lock file " + lockPath + " is locked by another process");
			}
			HELD.put(lockPath, lock);
			write(instance);
		}
		catch (FileAlreadyExistsException ex) {
			closeQuietly(channel);
			throw new IllegalArgumentException("instance " + instance.instanceId() + " is registered already in "
					+ this.directory + "; give each instance its own id", ex);
		}
		catch (IOException | RuntimeException ex) {
			releaseLock(lockPath);
			closeQuietly(channel);
			deleteQuietly(lockPath);
			if (ex instanceof IllegalArgumentException iae) {
				throw iae;
			}
			throw new IpcException(ErrorCode.UNAVAILABLE, "cannot register " + instance.instanceId() + " in "
					+ this.directory + ": " + ex, ex);
		}
	}

	/** Replaces the entry of an instance this JVM registered. */
	void write(ServiceEndpoint instance) {
		Path target = entryPath(instance.instanceId());
		Path temporary = this.directory.resolve("." + fileName(instance.instanceId()) + TEMPORARY_INFIX
				+ Long.toHexString(ThreadLocalRandom.current().nextLong()));
		try {
			Files.write(temporary, ServiceEndpointCodec.encode(instance), StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			deleteQuietly(temporary);
			throw new IpcException(ErrorCode.UNAVAILABLE, "cannot write the registry entry " + target + ": " + ex, ex);
		}
	}

	/** Removes the entry of an instance this JVM registered, then its lock. */
	void deregister(String instanceId) {
		deleteQuietly(entryPath(instanceId));
		Path lockPath = lockPath(instanceId);
		deleteQuietly(lockPath);
		releaseLock(lockPath);
	}

	/**
	 * Reads every live entry, removing those whose process is gone.
	 * @param serviceName only this service's entries, or {@code null} for all
	 */
	List<ServiceEndpoint> readLive(@Nullable String serviceName) {
		List<ServiceEndpoint> live = new ArrayList<>();
		if (!Files.isDirectory(this.directory)) {
			return live;
		}
		Set<Path> seen = new java.util.HashSet<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, "*" + ENTRY_SUFFIX)) {
			for (Path file : files) {
				seen.add(file);
				ServiceEndpoint instance = read(file);
				if (instance != null && (serviceName == null || instance.serviceName().equals(serviceName))
						&& isAlive(instance, file)) {
					live.add(instance);
				}
			}
		}
		catch (NoSuchFileException ex) {
			logger.debug("Registry directory {} went away while being read", this.directory);
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.UNAVAILABLE, "cannot read the embedded registry " + this.directory
					+ ": " + ex, ex);
		}
		this.cache.keySet().retainAll(seen);
		removeAbandonedTemporaryFiles();
		return live;
	}

	/**
	 * Removes temporary entry files older than a minute: a writer that died between writing one and renaming it
	 * over its entry leaves it behind, and nothing else would ever remove it.
	 */
	private void removeAbandonedTemporaryFiles() {
		long now = System.currentTimeMillis();
		if (now - this.lastTemporarySweep < TEMPORARY_MAX_AGE_MILLIS) {
			return;
		}
		this.lastTemporarySweep = now;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, ".*" + TEMPORARY_INFIX + "*")) {
			for (Path file : files) {
				try {
					if (now - Files.getLastModifiedTime(file).toMillis() > TEMPORARY_MAX_AGE_MILLIS) {
						deleteQuietly(file);
					}
				}
				catch (NoSuchFileException ex) {
					// Renamed by its writer or removed by another reader meanwhile.
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Cannot sweep temporary files of {}: {}", this.directory, ex.toString());
		}
	}

	private @Nullable ServiceEndpoint read(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			Object key = attributes.fileKey();
			Cached cached = this.cache.get(file);
			if (cached != null && cached.matches(attributes, key)) {
				return cached.instance;
			}
			String fingerprint = file + "@" + attributes.lastModifiedTime() + "/" + attributes.size();
			ServiceEndpoint instance = null;
			if (attributes.size() > ServiceEndpointCodec.MAX_ENTRY_BYTES) {
				reportBad(fingerprint, "registry entry " + file + " is " + attributes.size() + " bytes, more than the "
						+ ServiceEndpointCodec.MAX_ENTRY_BYTES + " allowed; it is ignored");
			}
			else {
				try {
					instance = ServiceEndpointCodec.decode(Files.readAllBytes(file), file.toString());
				}
				catch (IllegalArgumentException ex) {
					reportBad(fingerprint, ex.getMessage() + "; it is ignored until it is rewritten");
				}
			}
			this.cache.put(file, new Cached(attributes.lastModifiedTime().toInstant(), attributes.size(), key,
					instance));
			return instance;
		}
		catch (NoSuchFileException ex) {
			// Deregistered while the directory was listed.
			return null;
		}
		catch (IOException ex) {
			logger.warn("Cannot read registry entry {} ({}); it is skipped this time", file, ex.toString());
			return null;
		}
	}

	private void reportBad(String fingerprint, String message) {
		if (this.reportedBad.add(fingerprint)) {
			logger.warn("{}", message);
		}
	}

	private boolean isAlive(ServiceEndpoint instance, Path entry) {
		Path lockPath = lockPath(instance.instanceId());
		if (HELD.containsKey(lockPath)) {
			return true;
		}
		HostIdentity local = HostIdentity.local();
		if (!instance.host().bootId().equals(local.bootId())) {
			logger.info("Removing registry entry {} of {}: it was written before this host last booted", entry,
					instance);
			deleteQuietly(entry);
			deleteQuietly(lockPath);
			return false;
		}
		try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return true;
			}
			try {
				logger.info("Removing registry entry of {}: its process is gone", instance);
				deleteQuietly(entry);
				deleteQuietly(lockPath);
			}
			finally {
				lock.release();
			}
			return false;
		}
		catch (NoSuchFileException ex) {
			// Without its lock file an entry's owner is gone (it removes the entry first) or it was cleaned up.
			deleteQuietly(entry);
			return false;
		}
		catch (OverlappingFileLockException ex) {
			// Another registry object of this JVM probes the same file at this moment; the owner is alive until shown
			// otherwise.
			return true;
		}
		catch (IOException ex) {
			logger.warn("Cannot check whether {} is alive ({}); it is kept", instance, ex.toString());
			return true;
		}
	}

	Path entryPath(String instanceId) {
		return this.directory.resolve(fileName(instanceId) + ENTRY_SUFFIX);
	}

	Path lockPath(String instanceId) {
		return this.directory.resolve(fileName(instanceId) + LOCK_SUFFIX);
	}

	/** A file name for an instance id: safe characters kept, others replaced, with a hash when any was. */
	static String fileName(String instanceId) {
		String safe = instanceId.replaceAll("[^A-Za-z0-9._-]", "_");
		if (safe.startsWith(".")) {
			safe = "_" + safe.substring(1);
		}
		if (safe.length() > 120) {
			safe = safe.substring(0, 120);
		}
		return safe.equals(instanceId) ? safe : safe + "-" + Integer.toHexString(instanceId.hashCode());
	}

	private static void releaseLock(Path lockPath) {
		FileLock lock = HELD.remove(lockPath);
		if (lock != null) {
			closeQuietly(lock.channel());
		}
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel == null) {
			return;
		}
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing a registry lock file failed: {}", ex.toString());
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("Cannot delete registry file {} ({}); readers skip it while its lock is free", file,
					ex.toString());
		}
	}

	private record Cached(Instant modified, long size, @Nullable Object fileKey, @Nullable ServiceEndpoint instance) {

		boolean matches(BasicFileAttributes attributes, @Nullable Object key) {
			return this.modified.equals(attributes.lastModifiedTime().toInstant()) && this.size == attributes.size()
					&& java.util.Objects.equals(this.fileKey, key);
		}

	}

}
