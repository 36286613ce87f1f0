package io.cdmf.ipc.sample.sensor.consumer;

import com.google.flatbuffers.FlatBufferBuilder;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.sample.sensor.EpochNanos;
import io.cdmf.ipc.sample.sensor.SensorConsumer;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorReading;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorStatus;
import io.cdmf.ipc.spring.annotation.IpcService;

/**
 * The consumer: takes readings over shared memory and records them in {@link SensorStatistics}.
 * <p>
 * The zero-copy rule: with {@code cdmf.ipc.server.services.SensorConsumer.inline-handlers=true} (set in
 * {@code sensor-consumer.properties}), {@link #pushSensorData} runs on the ring's own thread and the
 * {@link SensorReading} it gets reads the request's bytes where they are, in the memory-mapped ring. <b>The reading is
 * valid only until this method returns</b>: the ring reuses the slot right after. So the method reads the scalar
 * fields it needs and keeps no reference to the table, its buffer or anything that views it; to keep a reading, copy
 * its fields out (or its bytes into a heap buffer and call {@code getRootAsSensorReading} on the copy). Without inline
 * handlers the framework copies each payload before handing it to a pool thread, and the rule does not apply.
 */
@IpcService(name = "SensorConsumer", endpoints = "shm://cdmf_sensor", serialization = SerializationFormat.FLATBUFFERS)
class SensorConsumerService implements SensorConsumer {

	private final SensorStatistics statistics;

	SensorConsumerService(SensorStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void pushSensorData(SensorReading reading) {
		// Stamped first, so that the latency covers everything up to the handler, not the handler itself.
		long receivedAt = EpochNanos.now();
		this.statistics.record(reading, receivedAt);
	}

	@Override
	public SensorStatus getStatus() {
		SensorStatistics.Snapshot status = this.statistics.snapshot();
		FlatBufferBuilder builder = new FlatBufferBuilder(128);
		int root = SensorStatus.createSensorStatus(builder, status.received(), status.missing(), status.outOfOrder(),
				status.inPlace(), status.lastSequence(), status.messagesPerSecond(), status.latencyP50Nanos(),
				status.latencyP99Nanos(), status.latencyMaxNanos());
		builder.finish(root);
		return SensorStatus.getRootAsSensorStatus(builder.dataBuffer());
	}

}
