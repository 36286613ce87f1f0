package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The machine a run measured: CPUs, CPU model, Java, operating system and load.
 *
 * @param processors CPUs available to the JVM (its affinity, as {@code nproc} counts them)
 * @param onlineCpus the CPUs online, from {@code /sys/devices/system/cpu/online}
 * @param cpuModel the CPU model from {@code /proc/cpuinfo}
 * @param java the Java runtime's vendor, name and version
 * @param os the operating system's name, version and architecture
 * @param loadAverage the 1, 5 and 15 minute load averages from {@code /proc/loadavg} when captured
 * @param cpuIdle the cpuidle driver and, for {@code haltpoll}, the guest halt-polling time: how expensive it is to
 * wake an idle CPU, which blocking round trips pay twice
 * @since 0.1.0
 */
public record MachineInfo(int processors, String onlineCpus, String cpuModel, String java, String os,
		String loadAverage, String cpuIdle) {

	/**
	 * Describes this machine now.
	 * @return the description
	 */
	public static MachineInfo capture() {
		String java = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version");
		String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
		String online = readFirstLine(Path.of("/sys/devices/system/cpu/online"));
		return new MachineInfo(Runtime.getRuntime().availableProcessors(), (online != null) ? online : "unknown",
				readCpuModel(), java, os,
				currentLoadAverage(), readCpuIdle());
	}

	/**
	 * Returns the load averages now.
	 * @return the 1, 5 and 15 minute load averages, or "unknown" without {@code /proc/loadavg}
	 */
	public static String currentLoadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return (fields.length >= 3) ? fields[0] + ", " + fields[1] + ", " + fields[2] : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/**
	 * Returns the 1 minute load average now.
	 * @return the load, or -1 if unknown
	 */
	public static double currentLoad() {
		String load = currentLoadAverage();
		try {
			return Double.parseDouble(load.split(",")[0]);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static String readCpuIdle() {
		String driver = readFirstLine(Path.of("/sys/devices/system/cpu/cpuidle/current_driver"));
		if (driver == null) {
			return "unknown";
		}
		String pollNanos = readFirstLine(Path.of("/sys/module/haltpoll/parameters/guest_halt_poll_ns"));
		return (pollNanos != null) ? driver + " driver, guest_halt_poll_ns=" + pollNanos : driver + " driver";
	}

	private static @Nullable String readFirstLine(Path file) {
		try {
			List<String> lines = Files.readAllLines(file);
			return lines.isEmpty() ? null : lines.get(0).trim();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String readCpuModel() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
			for (String line : lines) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
			return "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
