package io.cdmf.ipc.sample.sensor.producer;

import io.cdmf.ipc.binding.OneWay;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorReading;
import io.cdmf.ipc.spring.annotation.IpcClient;

/**
 * The consumer as the producer calls it one-way ({@code sensor.producer.mode=one-way}): a send returns once the
 * reading is in the consumer's ring, without waiting for it to be handled. A full ring makes it wait (back-pressure)
 * up to the client's timeout, then fail with {@code RESOURCE_EXHAUSTED}.
 *
 * @since 0.1.0
 */
@IpcClient(service = "SensorConsumer", endpoint = "shm://cdmf_sensor", serialization = SerializationFormat.FLATBUFFERS)
public interface SensorStreamClient {

	/**
	 * Sends a reading and does not wait for it to be handled.
	 * @param reading the reading
	 */
	@OneWay
	void pushSensorData(SensorReading reading);

}
