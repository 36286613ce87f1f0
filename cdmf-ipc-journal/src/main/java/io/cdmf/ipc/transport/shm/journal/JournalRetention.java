package io.cdmf.ipc.transport.shm.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.TimeZone;
import java.util.TreeMap;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a journal's disk use bounded: deletes the cycle files ({@code *.cq4}) that every consumer has passed, beyond
 * the configured number of passed cycles kept for replay, and, if a hard limit is set, the oldest files beyond it even
 * when a consumer has not read them (logged, since that consumer loses them).
 * <p>
 * A consumer counts from the position it persisted, which is never ahead of where it reads, so no file a consumer
 * still reads is deleted; the cycle being written is never deleted either. Chronicle is told to re-read its directory
 * afterwards ({@code refreshDirectoryListing}), as it caches the list of cycles.
 *
 * @since 0.1.0
 */
final class JournalRetention {

	private static final Logger logger = LoggerFactory.getLogger(JournalRetention.class);

	private final SingleChronicleQueue queue;

	private final Path consumers;

	private final int retentionCycles;

	private final int maxCycles;

	private final RollCycle rollCycle;

	private final SimpleDateFormat fileNames;

	private final long epoch;

	private long deleted;

	JournalRetention(SingleChronicleQueue queue, Path consumers, JournalOptions options) {
		this.queue = queue;
		this.consumers = consumers;
		this.retentionCycles = options.retentionCycles();
		this.maxCycles = options.maxCycles();
		this.rollCycle = queue.rollCycle();
		this.fileNames = new SimpleDateFormat(this.rollCycle.format());
		this.fileNames.setTimeZone(TimeZone.getTimeZone("UTC"));
		this.epoch = this.rollCycle.defaultEpoch();
	}

	/**
	 * Deletes what may be deleted now.
	 * @return how many files were deleted
	 */
	int apply() {
		TreeMap<Integer, Path> files = cycleFiles();
		if (files.size() <= 1) {
			return 0;
		}
		int current = this.queue.cycle();
		int slowest = slowestConsumerCycle(files.firstKey());
		int count = 0;
		for (var entry : files.entrySet()) {
			int cycle = entry.getKey();
			boolean passed = cycle < slowest - this.retentionCycles;
			boolean overLimit = this.maxCycles > 0 && files.size() - count > this.maxCycles;
			if (cycle >= current || cycle >= files.lastKey() || !(passed || overLimit)) {
				break;
			}
			if (!passed) {
				logger.warn("Deleting journal file {} although a consumer has not read it: the journal holds more "
						+ "than max-cycles={} files", entry.getValue(), this.maxCycles);
			}
			try {
				Files.deleteIfExists(entry.getValue());
				count++;
			}
			catch (IOException ex) {
				logger.warn("Could not delete journal file {}: {}", entry.getValue(), ex.getMessage());
				break;
			}
		}
		if (count > 0) {
			this.deleted += count;
			this.queue.refreshDirectoryListing();
			logger.debug("Deleted {} journal file(s) of {}", count, this.queue.fileAbsolutePath());
		}
		return count;
	}

	/**
	 * Returns how many files this retention deleted so far.
	 * @return the count
	 */
	long deleted() {
		return this.deleted;
	}

	private TreeMap<Integer, Path> cycleFiles() {
		TreeMap<Integer, Path> files = new TreeMap<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.queue.file().toPath(), "*.cq4")) {
			for (Path file : stream) {
				String name = file.getFileName().toString();
				try {
					long millis = this.fileNames.parse(name.substring(0, name.length() - 4)).getTime();
					files.put((int) ((millis - this.epoch) / this.rollCycle.lengthInMillis()), file);
				}
				catch (ParseException ex) {
					logger.debug("Not a cycle file of this roll cycle: {}", file, ex);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot list journal directory {}: {}", this.queue.file(), ex.getMessage());
		}
		return files;
	}

	private int slowestConsumerCycle(int firstCycle) {
		int slowest = Integer.MAX_VALUE;
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.consumers, "*" + ConsumerPosition.SUFFIX)) {
			for (Path file : stream) {
				long index = ConsumerPosition.readIndex(file);
				// A consumer that has processed nothing yet still needs everything from the first cycle.
				int cycle = (index < 0) ? firstCycle : this.rollCycle.toCycle(index);
				slowest = Math.min(slowest, cycle);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot read consumer positions in {}: {}; nothing is deleted", this.consumers,
					ex.getMessage());
			return firstCycle;
		}
		return slowest;
	}

}
