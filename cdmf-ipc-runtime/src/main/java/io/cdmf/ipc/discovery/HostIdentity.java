package io.cdmf.ipc.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which host, and which boot of it, a process runs on; two processes are on the same host when both ids match.
 * Host-local transports ({@code shm://}, {@code unix://}) are chosen from this, not from IP addresses, which
 * containers, NAT and several interfaces make ambiguous.
 * <p>
 * On Linux the boot id is {@code /proc/sys/kernel/random/boot_id} (new at every boot, shared by the containers of
 * one kernel) and the machine id is {@code /etc/machine-id} (or {@code /var/lib/dbus/machine-id}), which differs in
 * a container with its own image. Where a file is missing, the host name stands in for it.
 *
 * @param bootId the kernel's boot id
 * @param machineId the operating system's machine id
 * @param hostName the host name, for people to read
 * @since 0.1.0
 */
public record HostIdentity(String bootId, String machineId, String hostName) {

	private static final Logger logger = LoggerFactory.getLogger(HostIdentity.class);

	private static final HostIdentity LOCAL = detect();

	private static final HostIdentity UNKNOWN = new HostIdentity("", "", "unknown");

	/**
	 * Checks the arguments.
	 * @param bootId the boot id
	 * @param machineId the machine id
	 * @param hostName the host name
	 */
	public HostIdentity {
		Objects.requireNonNull(bootId, "bootId must not be null");
		Objects.requireNonNull(machineId, "machineId must not be null");
		Objects.requireNonNull(hostName, "hostName must not be null");
	}

	/**
	 * Returns the identity of the host this JVM runs on, read once.
	 * @return this host's identity
	 */
	public static HostIdentity local() {
		return LOCAL;
	}

	/**
	 * Returns the identity of an instance whose host is not known, such as one listed in configuration: its
	 * locality then comes from its endpoint addresses.
	 * @return the unknown identity
	 */
	public static HostIdentity unknown() {
		return UNKNOWN;
	}

	/**
	 * Returns whether this identity names a host.
	 * @return {@code false} for {@link #unknown()}
	 */
	public boolean isKnown() {
		return !this.bootId.isEmpty() && !this.machineId.isEmpty();
	}

	/**
	 * Returns whether another identity names this host in its current boot.
	 * @param other the other identity
	 * @return whether boot id and machine id both match (and neither is empty)
	 */
	public boolean isSameHost(HostIdentity other) {
		return !this.bootId.isEmpty() && !this.machineId.isEmpty() && this.bootId.equals(other.bootId)
				&& this.machineId.equals(other.machineId);
	}

	private static HostIdentity detect() {
		String hostName = detectHostName();
		String bootId = readFirstLine(Path.of("/proc/sys/kernel/random/boot_id"));
		String machineId = readFirstLine(Path.of("/etc/machine-id"));
		if (machineId.isEmpty()) {
			machineId = readFirstLine(Path.of("/var/lib/dbus/machine-id"));
		}
		if (bootId.isEmpty() || machineId.isEmpty()) {
			logger.debug("No boot id or machine id on this system; host name {} identifies the host", hostName);
		}
		return new HostIdentity(bootId.isEmpty() ? "host:" + hostName : bootId,
				machineId.isEmpty() ? "host:" + hostName : machineId, hostName);
	}

	private static String readFirstLine(Path file) {
		try {
			if (!Files.isReadable(file)) {
				return "";
			}
			String text = Files.readString(file).trim();
			int newline = text.indexOf('\n');
			return (newline >= 0) ? text.substring(0, newline).trim() : text;
		}
		catch (IOException | SecurityException ex) {
			logger.debug("Cannot read {} for the host identity: {}", file, ex.toString());
			return "";
		}
	}

	private static String detectHostName() {
		String name = System.getenv("HOSTNAME");
		if (name != null && !name.isBlank()) {
			return name.trim();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			logger.debug("Host name not resolvable, using 'localhost': {}", ex.toString());
			return "localhost";
		}
	}

	@Override
	public String toString() {
		return this.hostName + " (boot " + abbreviate(this.bootId) + ", machine " + abbreviate(this.machineId) + ")";
	}

	private static String abbreviate(String id) {
		return (id.length() > 8) ? id.substring(0, 8) : id;
	}

}
