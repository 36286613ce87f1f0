package io.cdmf.ipc.discovery;

import java.util.Objects;

/**
 * Whether a registry can be used now.
 *
 * @param up whether it can be read and written
 * @param detail what it is and, when down, why
 * @since 0.1.0
 */
public record DiscoveryHealth(boolean up, String detail) {

	/**
	 * Checks the arguments.
	 * @param up whether it is up
	 * @param detail the detail
	 */
	public DiscoveryHealth {
		Objects.requireNonNull(detail, "detail must not be null");
	}

	/**
	 * Returns a healthy registry's health.
	 * @param detail what it is
	 * @return the health
	 */
	public static DiscoveryHealth up(String detail) {
		return new DiscoveryHealth(true, detail);
	}

	/**
	 * Returns an unusable registry's health.
	 * @param detail why it is down
	 * @return the health
	 */
	public static DiscoveryHealth down(String detail) {
		return new DiscoveryHealth(false, detail);
	}

}
