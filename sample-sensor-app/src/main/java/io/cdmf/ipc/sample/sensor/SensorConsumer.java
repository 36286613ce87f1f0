package io.cdmf.ipc.sample.sensor;

import io.cdmf.ipc.sample.sensor.flatbuffers.SensorReading;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorStatus;

/**
 * The consumer's contract, as it serves it: each method is a remote call carrying a FlatBuffers table.
 * <p>
 * Callers choose how to call {@code pushSensorData}: with a {@code @OneWay void} method (fire and forget) or a
 * {@code CompletableFuture<Void>} one (completed once the consumer has handled the reading). A contract cannot
 * declare one remote method twice, so the producer has one client interface per style rather than extending this
 * one.
 *
 * @since 0.1.0
 */
public interface SensorConsumer {

	/**
	 * Hands over one reading. The reading is a view over the request's bytes: over {@code shm://} with inline
	 * handlers, shared memory that is reused once this method returns, so an implementation reads what it needs here
	 * and keeps no reference to the reading.
	 * @param reading the reading
	 */
	void pushSensorData(SensorReading reading);

	/**
	 * Returns what the consumer has received so far.
	 * @return the status
	 */
	SensorStatus getStatus();

}
