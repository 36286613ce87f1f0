package io.cdmf.ipc.transport.shm.journal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;

/**
 * Keeps a producer from writing into a full file system. Chronicle Queue writes through memory-mapped, sparse cycle
 * files: on a full file system (a full tmpfs such as {@code /dev/shm}, or a full disk) the first touch of a page
 * without backing store raises {@code SIGBUS}, which the JVM turns into an {@link InternalError} in whatever thread
 * wrote, with a half-written document left behind. Instead, an append that would take the free space below a
 * reserve fails first, with an {@link IpcException} that names the directory, and nothing is written.
 * <p>
 * Asking the file system for its free space is a system call, so it is not asked at every append: after each look,
 * half of what was free above the reserve may be written before the next look (half, because other processes may
 * write to the same file system meanwhile). Far from full, that is one look per many megabytes; near the reserve,
 * one per append. Not thread-safe: the producer calls it under its append lock.
 *
 * @since 0.1.0
 */
final class JournalSpace {

	/** Free space kept for what Chronicle Queue writes besides documents (index pages, the next cycle file). */
	static final long RESERVE_BYTES = 1024 * 1024;

	/** Allowance per document for its header and index entry. */
	private static final int DOCUMENT_OVERHEAD = 64;

	private final Path directory;

	private final String endpoint;

	private final FileStore store;

	private long budget;

	private JournalSpace(Path directory, String endpoint, FileStore store) {
		this.directory = directory;
		this.endpoint = endpoint;
		this.store = store;
	}

	/**
	 * Returns the check for a journal directory; it looks at the free space at the first {@link #reserve}.
	 * @param directory the journal's directory (it exists)
	 * @param endpoint the endpoint, for messages
	 * @return the check
	 * @throws IpcException with {@code ILLEGAL_STATE} if the directory's file system cannot be found
	 */
	static JournalSpace of(Path directory, String endpoint) {
		FileStore store;
		try {
			store = Files.getFileStore(directory);
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE,
					"Cannot find the file system of the journal directory " + directory + " of " + endpoint + ": " + ex,
					ex);
		}
		return new JournalSpace(directory, endpoint, store);
	}

	/**
	 * Takes room for one document, looking at the free space when the budget from the last look is spent.
	 * @param length the document's length in bytes
	 * @throws IpcException with {@code RESOURCE_EXHAUSTED} if writing it would leave less than the reserve free
	 */
	void reserve(int length) {
		long needed = (long) length + DOCUMENT_OVERHEAD;
		if (this.budget < needed) {
			long free = usableSpace();
			if (free - RESERVE_BYTES < needed) {
				this.budget = 0;
				throw full(free, length);
			}
			this.budget = (free - RESERVE_BYTES) / 2;
		}
		this.budget -= needed;
	}

	private long usableSpace() {
		try {
			return this.store.getUsableSpace();
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot read the free space of the journal directory " + this.directory + " of " + this.endpoint
							+ ": " + ex + ". The event was not written.",
					ex);
		}
	}

	private IpcException full(long free, int length) {
		return new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "The file system of the journal directory "
				+ this.directory + " of " + this.endpoint + " is full: " + free + " bytes free, less than "
				+ ((length > 0) ? "this event (" + length + " bytes) plus " : "") + "the " + RESERVE_BYTES
				+ " bytes kept free so that Chronicle Queue's mapped writes cannot fault. The event was not written. "
				+ "Free space there (consumers delete the cycle files every consumer has passed; see the options "
				+ "'retention-cycles' and 'max-cycles'), or set the option 'directory' to a larger file system.");
	}

}
