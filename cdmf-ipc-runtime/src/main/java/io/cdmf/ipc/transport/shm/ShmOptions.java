package io.cdmf.ipc.transport.shm;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.transport.TransportConfig;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * The {@code shm://} settings, read from a {@link TransportConfig}'s options (the endpoint query or
 * {@link TransportConfig.Builder#option}).
 *
 * @param directory where the endpoint's directory is created: option {@code directory}
 * @param ringSize capacity of the server's request ring in bytes, a power of two: option {@code ring-size}
 * @param responseRingSize capacity of a client's response ring in bytes, a power of two: option
 * {@code response-ring-size} (default: {@code ring-size})
 * @param livenessTimeoutMillis how long a silent heartbeat means a dead peer: option {@code liveness-timeout-ms}
 * @param idleStrategy how the polling threads wait for work: option {@code idle-strategy}, one of {@code backoff},
 * {@code busy-spin} or {@code yielding}
 * @since 0.1.0
 */
public record ShmOptions(Path directory, int ringSize, int responseRingSize, long livenessTimeoutMillis,
		String idleStrategy) {

	/** Default directory: {@code /dev/shm/cdmf}, memory-backed on Linux. */
	public static final Path DEFAULT_DIRECTORY = Path.of("/dev/shm/cdmf");

	/** Default ring capacity: 1 MiB, so messages up to 128 KiB fit (an eighth of the ring). */
	public static final int DEFAULT_RING_SIZE = 1024 * 1024;

	/** Default liveness timeout: a peer silent for a second is dead. */
	public static final long DEFAULT_LIVENESS_TIMEOUT_MILLIS = 1_000;

	/** Default idle strategy: spin, then yield, then park up to a millisecond. */
	public static final String DEFAULT_IDLE_STRATEGY = "backoff";

	/**
	 * Checks the settings.
	 * @param directory the directory
	 * @param ringSize the request ring capacity
	 * @param responseRingSize the response ring capacity
	 * @param livenessTimeoutMillis the liveness timeout
	 * @param idleStrategy the idle strategy name
	 */
	public ShmOptions {
		ShmDescriptor.checkCapacity("ring-size", ringSize);
		ShmDescriptor.checkCapacity("response-ring-size", responseRingSize);
		if (livenessTimeoutMillis < 100) {
			throw new IllegalArgumentException("liveness-timeout-ms must be at least 100: " + livenessTimeoutMillis);
		}
		idleStrategy = idleStrategy.toLowerCase(Locale.ROOT);
		if (!idleStrategy.equals("backoff") && !idleStrategy.equals("busy-spin") && !idleStrategy.equals("yielding")) {
			throw new IllegalArgumentException(
					"idle-strategy must be backoff, busy-spin or yielding: '" + idleStrategy + "'");
		}
	}

	/**
	 * Reads the settings of a configuration.
	 * @param config the configuration
	 * @return the settings
	 * @throws IllegalArgumentException if an option is out of range
	 */
	public static ShmOptions from(TransportConfig config) {
		String directory = config.option("directory");
		int ringSize = ShmDescriptor.checkCapacity("ring-size", config.longOption("ring-size", DEFAULT_RING_SIZE));
		long responseRingSize = config.longOption("response-ring-size", ringSize);
		String idle = config.option("idle-strategy");
		return new ShmOptions((directory != null) ? Path.of(directory) : DEFAULT_DIRECTORY, ringSize,
				ShmDescriptor.checkCapacity("response-ring-size", responseRingSize),
				config.longOption("liveness-timeout-ms", DEFAULT_LIVENESS_TIMEOUT_MILLIS),
				(idle != null) ? idle : DEFAULT_IDLE_STRATEGY);
	}

	/**
	 * Returns the directory of an endpoint name.
	 * @param name the endpoint name
	 * @return {@code directory/name}
	 */
	public Path endpointDirectory(String name) {
		return this.directory.resolve(checkName(name));
	}

	/**
	 * Checks that an endpoint name stays inside its directory.
	 * @param name the endpoint name
	 * @return the name
	 * @throws IllegalArgumentException for {@code .} and {@code ..}
	 */
	public static String checkName(String name) {
		if (name.equals(".") || name.equals("..")) {
			throw new IllegalArgumentException("a shared-memory endpoint name cannot be '" + name + "'");
		}
		return name;
	}

	/**
	 * Returns how often heartbeats are written and peers checked: a tenth of the liveness timeout.
	 * @return the interval in milliseconds
	 */
	public long heartbeatIntervalMillis() {
		return Math.max(10, this.livenessTimeoutMillis / 10);
	}

	/**
	 * Creates a new idle strategy for a polling thread.
	 * @return the idle strategy
	 */
	public IdleStrategy newIdleStrategy() {
		return switch (this.idleStrategy) {
			case "busy-spin" -> new BusySpinIdleStrategy();
			case "yielding" -> new YieldingIdleStrategy();
			// About 40 us of spinning covers a round trip in progress; parking caps an idle thread's cost.
			default -> new BackoffIdleStrategy(1_000, 100, TimeUnit.MICROSECONDS.toNanos(1),
					TimeUnit.MILLISECONDS.toNanos(1));
		};
	}

	/**
	 * Creates the idle strategy a sender uses while a ring is full: spin, yield, then park up to 100 µs.
	 * @return the idle strategy
	 */
	static IdleStrategy newBackPressureIdleStrategy() {
		return new BackoffIdleStrategy(100, 50, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
	}

}
