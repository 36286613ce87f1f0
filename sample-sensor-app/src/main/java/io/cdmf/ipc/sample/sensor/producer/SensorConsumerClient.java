package io.cdmf.ipc.sample.sensor.producer;

import java.util.concurrent.CompletableFuture;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorReading;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorStatus;
import io.cdmf.ipc.spring.annotation.IpcClient;

/**
 * The consumer as the producer calls it asynchronously ({@code sensor.producer.mode=async}), and asks for its status.
 *
 * @since 0.1.0
 */
@IpcClient(service = "SensorConsumer", endpoint = "shm://cdmf_sensor", serialization = SerializationFormat.FLATBUFFERS)
public interface SensorConsumerClient {

	/**
	 * Sends a reading.
	 * @param reading the reading
	 * @return completed once the consumer has handled it, or failed with an {@code IpcException}
	 */
	CompletableFuture<Void> pushSensorData(SensorReading reading);

	/**
	 * Returns what the consumer has received; a copy, valid after the call.
	 * @return the status
	 */
	SensorStatus getStatus();

}
