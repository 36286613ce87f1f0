package io.cdmf.ipc.sample.sensor.producer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sensor producer ({@code sensor.producer.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("sensor.producer")
public class SensorProducerProperties {

	/**
	 * Readings sent per second.
	 */
	private int rate = 10_000;

	/**
	 * How readings are sent: one-way (fire and forget) or async (each completed once the consumer handled it).
	 */
	private Mode mode = Mode.ONE_WAY;

	/**
	 * Readings to send before the producer stops on its own; 0 to send until the application stops.
	 */
	private long count;

	/**
	 * Readings sent asynchronously that may wait for their completion at once; the producer waits at the limit.
	 */
	private int maxInFlight = 1_000;

	/**
	 * Id of the simulated sensor.
	 */
	private String sensorId = "temperature-1";

	/**
	 * Unit of the simulated values.
	 */
	private String unit = "celsius";

	/**
	 * Returns the rate.
	 * @return readings per second
	 */
	public int getRate() {
		return this.rate;
	}

	/**
	 * Sets the rate.
	 * @param rate readings per second
	 */
	public void setRate(int rate) {
		this.rate = rate;
	}

	/**
	 * Returns how readings are sent.
	 * @return the mode
	 */
	public Mode getMode() {
		return this.mode;
	}

	/**
	 * Sets how readings are sent.
	 * @param mode the mode
	 */
	public void setMode(Mode mode) {
		this.mode = mode;
	}

	/**
	 * Returns how many readings to send.
	 * @return the count, 0 for no limit
	 */
	public long getCount() {
		return this.count;
	}

	/**
	 * Sets how many readings to send.
	 * @param count the count, 0 for no limit
	 */
	public void setCount(long count) {
		this.count = count;
	}

	/**
	 * Returns the limit of asynchronous sends waiting for completion.
	 * @return the limit
	 */
	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	/**
	 * Sets the limit of asynchronous sends waiting for completion.
	 * @param maxInFlight the limit
	 */
	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

	/**
	 * Returns the sensor id.
	 * @return the id
	 */
	public String getSensorId() {
		return this.sensorId;
	}

	/**
	 * Sets the sensor id.
	 * @param sensorId the id
	 */
	public void setSensorId(String sensorId) {
		this.sensorId = sensorId;
	}

	/**
	 * Returns the unit.
	 * @return the unit
	 */
	public String getUnit() {
		return this.unit;
	}

	/**
	 * Sets the unit.
	 * @param unit the unit
	 */
	public void setUnit(String unit) {
		this.unit = unit;
	}

	/**
	 * How the producer calls {@code pushSensorData}.
	 */
	public enum Mode {

		/** Through {@link SensorStreamClient}: returns once the reading is in the ring. */
		ONE_WAY,

		/** Through {@link SensorConsumerClient}: a future completed once the consumer handled the reading. */
		ASYNC

	}

}
