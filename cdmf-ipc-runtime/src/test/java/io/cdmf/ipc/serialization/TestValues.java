package io.cdmf.ipc.serialization;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Values the JSON and MessagePack tests round-trip: records with nested lists and maps, a generic record and a
 * JavaBean.
 */
public final class TestValues {

	private TestValues() {
	}

	/**
	 * Returns an order with every kind of field set.
	 * @return the order
	 */
	public static Order order() {
		return new Order("ACME", 3, 19.99, true,
				List.of(new Item(1L, List.of("red", "large")), new Item(2L, List.of())),
				Map.of("red", 2, "blue", 1), null, Instant.parse("2026-11-27T10:15:30.123456789Z"));
	}

	/**
	 * A line of an order.
	 *
	 * @param id the item id
	 * @param tags the tags
	 */
	public record Item(long id, List<String> tags) {
	}

	/**
	 * An order, with nested lists and a map.
	 *
	 * @param customer the customer
	 * @param quantity the quantity
	 * @param price the price
	 * @param express whether express delivery was asked for
	 * @param items the items
	 * @param counts counts per colour
	 * @param note an optional note
	 * @param createdAt when the order was created
	 */
	public record Order(String customer, int quantity, double price, boolean express, List<Item> items,
			Map<String, Integer> counts, @Nullable String note, Instant createdAt) {
	}

	/**
	 * A generic page of results.
	 *
	 * @param <T> the element type
	 * @param items the elements
	 * @param total the total number of elements
	 */
	public record Page<T>(List<T> items, int total) {
	}

	/**
	 * A JavaBean with a no-argument constructor and setters.
	 */
	public static class Reading {

		private String sensor = "";

		private double value;

		/**
		 * Creates an empty reading.
		 */
		public Reading() {
		}

		/**
		 * Creates a reading.
		 * @param sensor the sensor
		 * @param value the value
		 */
		public Reading(String sensor, double value) {
			this.sensor = sensor;
			this.value = value;
		}

		/**
		 * Returns the sensor.
		 * @return the sensor
		 */
		public String getSensor() {
			return this.sensor;
		}

		/**
		 * Sets the sensor.
		 * @param sensor the sensor
		 */
		public void setSensor(String sensor) {
			this.sensor = sensor;
		}

		/**
		 * Returns the value.
		 * @return the value
		 */
		public double getValue() {
			return this.value;
		}

		/**
		 * Sets the value.
		 * @param value the value
		 */
		public void setValue(double value) {
			this.value = value;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			// A payload may set the sensor to null (JSON null, MessagePack nil).
			return other instanceof Reading reading && Objects.equals(this.sensor, reading.sensor)
					&& Double.compare(this.value, reading.value) == 0;
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.sensor, this.value);
		}

	}

	/**
	 * A bean whose getter throws, to make serialization fail.
	 */
	public static class Exploding {

		/**
		 * Throws.
		 * @return never
		 */
		public String getValue() {
			throw new IllegalStateException("boom");
		}

	}

}
