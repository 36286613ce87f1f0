package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a run measured: CPUs, CPU model, Java, operating system and load.
 *
 * @param processors CPUs available to the JVM
 * @param cpuModel the CPU model from {@code /proc/cpuinfo}
 * @param java the Java runtime's vendor, name and version
 * @param os the operating system's name, version and architecture
 * @param loadAverage the 1, 5 and 15 minute load averages from {@code /proc/loadavg} when captured
 * @since 0.1.0
 */
public record MachineInfo(int processors, String cpuModel, String java, String os, String loadAverage) {

	/**
	 * Describes this machine now.
	 * @return the description
	 */
	public static MachineInfo capture() {
		String java = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version");
		String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
		return new MachineInfo(Runtime.getRuntime().availableProcessors(), readCpuModel(), java, os,
				currentLoadAverage());
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
