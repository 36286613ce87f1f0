package io.cdmf.ipc.message;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A 16-byte message id, unique across processes.
 * <p>
 * Ids are made by {@link #next()}: the high 8 bytes are random, drawn once per JVM from {@link SecureRandom} and
 * mixed with the process id, and the low 8 bytes count up from a random start. Making an id therefore costs one
 * atomic increment, while two processes (or two runs of one) collide only if their 64-bit random halves do.
 *
 * @param high the most significant 8 bytes
 * @param low the least significant 8 bytes
 * @since 0.1.0
 */
public record MessageId(long high, long low) {

	/** The absent id (all zero): never returned by {@link #next()}. */
	public static final MessageId NONE = new MessageId(0, 0);

	private static final long PROCESS_PART;

	private static final AtomicLong COUNTER;

	static {
		SecureRandom random = new SecureRandom();
		long part = random.nextLong() ^ (ProcessHandle.current().pid() * 0x9E3779B97F4A7C15L);
		PROCESS_PART = (part != 0) ? part : 1;
		COUNTER = new AtomicLong(random.nextLong() >>> 1);
	}

	/**
	 * Returns a new id, unique across processes.
	 * @return the id
	 */
	public static MessageId next() {
		return new MessageId(PROCESS_PART, COUNTER.incrementAndGet());
	}

	/**
	 * Returns the high half every id of {@link #next()} has in this process.
	 * @return the high half
	 */
	static long processPart() {
		return PROCESS_PART;
	}

	/**
	 * Returns the low half of a new id, whose high half is {@link #processPart()}: {@link #next()} without making a
	 * {@code MessageId}.
	 * @return the low half
	 */
	static long nextLow() {
		return COUNTER.incrementAndGet();
	}

	/**
	 * Returns the id with the given halves: {@link #NONE} for two zeros, else a new id.
	 * @param high the most significant 8 bytes
	 * @param low the least significant 8 bytes
	 * @return the id
	 */
	public static MessageId of(long high, long low) {
		return (high == 0 && low == 0) ? NONE : new MessageId(high, low);
	}

	/**
	 * Returns whether this is the absent id.
	 * @return whether both halves are zero
	 */
	public boolean isNone() {
		return this.high == 0 && this.low == 0;
	}

	/**
	 * Parses the 32-hex-digit form that {@link #toString()} gives.
	 * @param hex the 32 hex digits
	 * @return the id
	 * @throws IllegalArgumentException if the text is not 32 hex digits
	 */
	public static MessageId parse(String hex) {
		// Long.parseUnsignedLong alone would also take a '+' sign and non-ASCII digits.
		if (hex.length() != 32 || !hex.chars().allMatch(MessageId::isHexDigit)) {
			throw new IllegalArgumentException("message id must be 32 hex digits: '" + hex + "'");
		}
		return new MessageId(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
	}

	private static boolean isHexDigit(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	@Override
	public String toString() {
		return String.format("%016x%016x", this.high, this.low);
	}

}
