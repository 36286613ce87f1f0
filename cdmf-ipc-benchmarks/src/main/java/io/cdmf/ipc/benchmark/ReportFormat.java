package io.cdmf.ipc.benchmark;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How the reports print figures: the same units and precision in every table.
 */
final class ReportFormat {

	private ReportFormat() {
	}

	/**
	 * Microseconds: two decimals below 10, one above.
	 * @param value the figure
	 * @return the text
	 */
	static String micros(double value) {
		return String.format(Locale.ROOT, (value < 10) ? "%.2f" : "%.1f", value);
	}

	/**
	 * A rate per second, in whole units with thousands separators.
	 * @param value the figure
	 * @return the text
	 */
	static String rate(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	/**
	 * A count with thousands separators.
	 * @param value the figure
	 * @return the text
	 */
	static String count(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	/**
	 * Bytes, in whole units with thousands separators; {@code ?} when not measured (NaN).
	 * @param value the figure
	 * @return the text
	 */
	static String bytes(double value) {
		return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%,.0f", value);
	}

	/**
	 * A ratio, as {@code 1.23×}.
	 * @param value the figure
	 * @return the text
	 */
	static String times(double value) {
		return String.format(Locale.ROOT, "%.2f×", value);
	}

	/**
	 * Appends the start of a report's "Run" section: when, what command, which JVM flags, machine and load.
	 * @param out the report
	 * @param machine the machine at the start
	 * @param command the command line shown
	 * @param jvmFlags the JVM flags of the benchmark JVM (the servers get the same)
	 * @param started when the run started
	 * @param took how long it took
	 * @param loadAtEnd the load average at the end
	 */
	static void appendRunHeader(StringBuilder out, MachineInfo machine, String command, List<String> jvmFlags,
			ZonedDateTime started, Duration took, String loadAtEnd) {
		out.append("## Run\n\n");
		out.append("- Date: ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" (took ")
			.append(took.toSeconds()).append(" s)\n");
		out.append("- Command: `").append(command).append("`\n");
		out.append("- JVM flags (client and forked servers): `").append(String.join(" ", jvmFlags)).append("`\n");
		out.append("- Machine: ").append(machine.processors()).append(" CPUs available (nproc; online ")
			.append(machine.onlineCpus()).append("), ").append(machine.cpuModel()).append(", ").append(machine.os())
			.append("; CPU idle: ").append(machine.cpuIdle()).append('\n');
		out.append("- Java: ").append(machine.java()).append('\n');
		out.append("- Load average (1, 5, 15 min): ").append(machine.loadAverage()).append(" at start, ")
			.append(loadAtEnd).append(" at end\n");
	}

}
