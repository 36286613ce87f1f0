package io.cdmf.ipc.benchmark;

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

}
