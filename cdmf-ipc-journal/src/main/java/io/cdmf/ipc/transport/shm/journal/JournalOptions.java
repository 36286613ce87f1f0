package io.cdmf.ipc.transport.shm.journal;

import java.nio.file.Path;
import java.util.Locale;

import io.cdmf.ipc.transport.TransportConfig;

/**
 * The {@code shm+journal://} settings, read from a {@link TransportConfig}'s options.
 *
 * @param directory where the journal's directory is created: option {@code directory}
 * @param rollCycle the Chronicle roll cycle, a constant of {@code RollCycles}, {@code LargeRollCycles} or
 * {@code TestRollCycles}: option {@code roll-cycle}
 * @param consumer the name of this consumer; each name reads every event once and keeps its own position: option
 * {@code consumer}
 * @param retentionCycles how many cycle files every consumer has passed are kept for replay: option
 * {@code retention-cycles}
 * @param maxCycles the most cycle files kept even if a consumer has not read them, 0 for no limit: option
 * {@code max-cycles}
 * @param startAtEnd whether a new consumer starts at the end ({@code start=latest}) rather than the oldest event
 * kept ({@code start=earliest})
 * @since 0.1.0
 */
public record JournalOptions(Path directory, String rollCycle, String consumer, int retentionCycles, int maxCycles,
		boolean startAtEnd) {

	/** Default directory: {@code /dev/shm/cdmf/journal}; choose a disk directory to survive a reboot. */
	public static final Path DEFAULT_DIRECTORY = Path.of("/dev/shm/cdmf/journal");

	/** Default roll cycle: one file per hour. */
	public static final String DEFAULT_ROLL_CYCLE = "FAST_HOURLY";

	/** Default consumer name. */
	public static final String DEFAULT_CONSUMER = "default";

	/** Default number of passed cycles kept. */
	public static final int DEFAULT_RETENTION_CYCLES = 1;

	/**
	 * Checks the settings.
	 * @param directory the directory
	 * @param rollCycle the roll cycle name
	 * @param consumer the consumer name
	 * @param retentionCycles passed cycles kept
	 * @param maxCycles hard limit of cycles, 0 for none
	 * @param startAtEnd where a new consumer starts
	 */
	public JournalOptions {
		rollCycle = rollCycle.toUpperCase(Locale.ROOT);
		if (!consumer.matches("[A-Za-z0-9._-]+")) {
			throw new IllegalArgumentException(
					"consumer must have only letters, digits, '.', '_' and '-': '" + consumer + "'");
		}
		if (retentionCycles < 0) {
			throw new IllegalArgumentException("retention-cycles must not be negative: " + retentionCycles);
		}
		if (maxCycles < 0 || (maxCycles > 0 && maxCycles < 2)) {
			throw new IllegalArgumentException("max-cycles must be 0 (no limit) or at least 2: " + maxCycles);
		}
	}

	/**
	 * Reads the settings of a configuration.
	 * @param config the configuration
	 * @return the settings
	 * @throws IllegalArgumentException if an option is invalid
	 */
	public static JournalOptions from(TransportConfig config) {
		String directory = config.option("directory");
		String rollCycle = config.option("roll-cycle");
		String consumer = config.option("consumer");
		String start = config.option("start");
		if (start != null && !start.equals("earliest") && !start.equals("latest")) {
			throw new IllegalArgumentException("start must be earliest or latest: '" + start + "'");
		}
		return new JournalOptions((directory != null) ? Path.of(directory) : DEFAULT_DIRECTORY,
				(rollCycle != null) ? rollCycle : DEFAULT_ROLL_CYCLE, (consumer != null) ? consumer : DEFAULT_CONSUMER,
				(int) config.longOption("retention-cycles", DEFAULT_RETENTION_CYCLES),
				(int) config.longOption("max-cycles", 0), "latest".equals(start));
	}

	/**
	 * Returns the directory of the queue's cycle files.
	 * @param name the endpoint name
	 * @return {@code directory/name/queue}
	 */
	public Path queueDirectory(String name) {
		return this.directory.resolve(name).resolve("queue");
	}

	/**
	 * Returns the directory of the consumers' position files.
	 * @param name the endpoint name
	 * @return {@code directory/name/consumers}
	 */
	public Path consumersDirectory(String name) {
		return this.directory.resolve(name).resolve("consumers");
	}

}
