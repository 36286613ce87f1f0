package io.cdmf.ipc.benchmark;

import java.nio.file.Path;

import io.cdmf.ipc.transport.shm.journal.ChronicleSupport;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * What the raw Chronicle Queue baseline's two sides share: the queues and the document layout. Each document is a
 * 4-byte type ({@link #ECHO} or {@link #ONE_WAY}) followed by the payload; a one-way payload starts with the
 * producer's {@code System.nanoTime()}. The queues use the roll cycle the {@code shm+journal://} transport uses by
 * default, in the same memory-backed directory tree.
 *
 * @since 0.1.0
 */
final class RawChronicle {

	/** Document type of a request to echo. */
	static final int ECHO = 1;

	/** Document type of a one-way message. */
	static final int ONE_WAY = 2;

	/** The requests queue: the client appends, the server tails. */
	static final String REQUESTS = "requests";

	/** The responses queue: the server appends, the client tails. */
	static final String RESPONSES = "responses";

	private RawChronicle() {
	}

	/**
	 * Opens (or creates) a queue of the case.
	 * @param files the case's files
	 * @param name {@link #REQUESTS} or {@link #RESPONSES}
	 * @return the queue
	 */
	static SingleChronicleQueue open(ShmCaseFiles files, String name) {
		// Chronicle reads its analytics, banner and disk-monitor switches once, when its first class loads.
		ChronicleSupport.applyQuietDefaults();
		Path directory = files.queue(name);
		return SingleChronicleQueueBuilder.binary(directory).rollCycle(RollCycles.FAST_HOURLY).build();
	}

}
