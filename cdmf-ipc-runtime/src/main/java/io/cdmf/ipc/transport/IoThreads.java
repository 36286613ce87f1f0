package io.cdmf.ipc.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many I/O threads the client connections of this process share, whatever the number of connections: the
 * event loops of stream connections ({@code unix://}, {@code tcp://}) and the duty cycles that poll the response
 * rings of {@code shm://} connections. Servers keep an I/O thread per listening endpoint.
 * <p>
 * Set it before the first client connects, with {@link #configure(int, int)} or the system properties
 * {@value #LOOPS_PROPERTY} and {@value #POLLERS_PROPERTY}; a later change is refused with a warning, as the threads
 * already run.
 *
 * @since 0.1.0
 */
public final class IoThreads {

	/** System property: event-loop threads of client stream connections. */
	public static final String LOOPS_PROPERTY = "cdmf.ipc.io.loop-threads";

	/** System property: threads polling the response rings of client shared-memory connections. */
	public static final String POLLERS_PROPERTY = "cdmf.ipc.io.poller-threads";

	/**
	 * Default event-loop threads: half the CPUs, from 1 to 4. Callers waiting for a response read it themselves, so
	 * these threads read only for asynchronous calls and idle connections.
	 */
	public static final int DEFAULT_LOOPS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

	/** Default threads polling shared-memory response rings: one, which spins only while it finds work. */
	public static final int DEFAULT_POLLERS = 1;

	private static final Logger logger = LoggerFactory.getLogger(IoThreads.class);

	private static int loops = property(LOOPS_PROPERTY, DEFAULT_LOOPS);

	private static int pollers = property(POLLERS_PROPERTY, DEFAULT_POLLERS);

	private static boolean frozen;

	private IoThreads() {
	}

	/**
	 * Sets the thread counts, before the first client connection opens.
	 * @param loopThreads event-loop threads of stream connections, from 1 to 64
	 * @param pollerThreads poller threads of shared-memory connections, from 1 to 64
	 * @return whether the counts were applied ({@code false}, with a warning, when threads already run with others)
	 */
	public static synchronized boolean configure(int loopThreads, int pollerThreads) {
		check("loopThreads", loopThreads);
		check("pollerThreads", pollerThreads);
		if (frozen && (loopThreads != loops || pollerThreads != pollers)) {
			logger.warn("I/O threads already run ({} loops, {} pollers); {} loops and {} pollers apply from the next "
					+ "start of the JVM: configure them before the first client connects", loops, pollers,
					loopThreads, pollerThreads);
			return false;
		}
		loops = loopThreads;
		pollers = pollerThreads;
		return true;
	}

	/**
	 * Returns the event-loop threads of client stream connections, and fixes the count from now on.
	 * @return the count
	 */
	public static synchronized int loopThreads() {
		frozen = true;
		return loops;
	}

	/**
	 * Returns the poller threads of client shared-memory connections, and fixes the count from now on.
	 * @return the count
	 */
	public static synchronized int pollerThreads() {
		frozen = true;
		return pollers;
	}

	private static void check(String name, int value) {
		if (value < 1 || value > 64) {
			throw new IllegalArgumentException(name + " must be between 1 and 64: " + value);
		}
	}

	private static int property(String name, int defaultValue) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value.trim());
			check(name, parsed);
			return parsed;
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignoring system property {}={}: {}; using {}", name, value, ex.getMessage(), defaultValue);
			return defaultValue;
		}
	}

}
