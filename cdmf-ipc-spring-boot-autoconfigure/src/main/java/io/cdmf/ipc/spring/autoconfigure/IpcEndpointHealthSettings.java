package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a client judges and restores the health of the service's endpoints ({@code cdmf.ipc.client.health.*},
 * {@code cdmf.ipc.client.services.<name>.health.*}): heartbeats, passive ejection and reconnect backoff, as
 * {@link io.cdmf.ipc.channel.HealthConfig} describes. Unset values fall back: per service to
 * {@code cdmf.ipc.client.health}, and there to {@code HealthConfig}'s defaults.
 *
 * @since 0.1.0
 */
public class IpcEndpointHealthSettings {

	/**
	 * Quiet time after which a connection sends a heartbeat; 0 turns heartbeats off.
	 */
	private @Nullable Duration heartbeatInterval;

	/**
	 * Number of heartbeats in a row that may go unanswered before the connection is closed as dead.
	 */
	private @Nullable Integer heartbeatMisses;

	/**
	 * Number of consecutive failures (UNAVAILABLE, TIMEOUT, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN) that take an
	 * endpoint out of rotation; 0 turns ejection off.
	 */
	private @Nullable Integer ejectionFailures;

	/**
	 * Time of a first ejection; each further ejection of the endpoint lasts one more such time.
	 */
	private @Nullable Duration baseEjectionTime;

	/**
	 * Longest an ejection lasts.
	 */
	private @Nullable Duration maxEjectionTime;

	/**
	 * Most endpoints, in percent of the service's, that may be ejected at once; the last one never is.
	 */
	private @Nullable Integer maxEjectionPercent;

	/**
	 * Wait before the first reconnect after a connection failed or was lost.
	 */
	private @Nullable Duration reconnectInitialBackoff;

	/**
	 * Longest wait between reconnects.
	 */
	private @Nullable Duration reconnectMaxBackoff;

	/**
	 * Returns the heartbeat interval.
	 * @return the interval, or {@code null} if unset
	 */
	public @Nullable Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	/**
	 * Sets the heartbeat interval.
	 * @param heartbeatInterval the interval
	 */
	public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	/**
	 * Returns the heartbeats that may go unanswered.
	 * @return the misses, or {@code null} if unset
	 */
	public @Nullable Integer getHeartbeatMisses() {
		return this.heartbeatMisses;
	}

	/**
	 * Sets the heartbeats that may go unanswered.
	 * @param heartbeatMisses the misses
	 */
	public void setHeartbeatMisses(@Nullable Integer heartbeatMisses) {
		this.heartbeatMisses = heartbeatMisses;
	}

	/**
	 * Returns the consecutive failures that eject an endpoint.
	 * @return the failures, or {@code null} if unset
	 */
	public @Nullable Integer getEjectionFailures() {
		return this.ejectionFailures;
	}

	/**
	 * Sets the consecutive failures that eject an endpoint.
	 * @param ejectionFailures the failures
	 */
	public void setEjectionFailures(@Nullable Integer ejectionFailures) {
		this.ejectionFailures = ejectionFailures;
	}

	/**
	 * Returns the time of a first ejection.
	 * @return the time, or {@code null} if unset
	 */
	public @Nullable Duration getBaseEjectionTime() {
		return this.baseEjectionTime;
	}

	/**
	 * Sets the time of a first ejection.
	 * @param baseEjectionTime the time
	 */
	public void setBaseEjectionTime(@Nullable Duration baseEjectionTime) {
		this.baseEjectionTime = baseEjectionTime;
	}

	/**
	 * Returns the longest ejection.
	 * @return the time, or {@code null} if unset
	 */
	public @Nullable Duration getMaxEjectionTime() {
		return this.maxEjectionTime;
	}

	/**
	 * Sets the longest ejection.
	 * @param maxEjectionTime the time
	 */
	public void setMaxEjectionTime(@Nullable Duration maxEjectionTime) {
		this.maxEjectionTime = maxEjectionTime;
	}

	/**
	 * Returns the most endpoints, in percent, ejected at once.
	 * @return the percentage, or {@code null} if unset
	 */
	public @Nullable Integer getMaxEjectionPercent() {
		return this.maxEjectionPercent;
	}

	/**
	 * Sets the most endpoints, in percent, ejected at once.
	 * @param maxEjectionPercent the percentage
	 */
	public void setMaxEjectionPercent(@Nullable Integer maxEjectionPercent) {
		this.maxEjectionPercent = maxEjectionPercent;
	}

	/**
	 * Returns the wait before the first reconnect.
	 * @return the backoff, or {@code null} if unset
	 */
	public @Nullable Duration getReconnectInitialBackoff() {
		return this.reconnectInitialBackoff;
	}

	/**
	 * Sets the wait before the first reconnect.
	 * @param reconnectInitialBackoff the backoff
	 */
	public void setReconnectInitialBackoff(@Nullable Duration reconnectInitialBackoff) {
		this.reconnectInitialBackoff = reconnectInitialBackoff;
	}

	/**
	 * Returns the longest wait between reconnects.
	 * @return the backoff, or {@code null} if unset
	 */
	public @Nullable Duration getReconnectMaxBackoff() {
		return this.reconnectMaxBackoff;
	}

	/**
	 * Sets the longest wait between reconnects.
	 * @param reconnectMaxBackoff the backoff
	 */
	public void setReconnectMaxBackoff(@Nullable Duration reconnectMaxBackoff) {
		this.reconnectMaxBackoff = reconnectMaxBackoff;
	}

}
