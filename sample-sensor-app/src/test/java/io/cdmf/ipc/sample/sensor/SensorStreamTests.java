package io.cdmf.ipc.sample.sensor;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.sample.sensor.consumer.SensorConsumerApplication;
import io.cdmf.ipc.sample.sensor.consumer.SensorStatistics;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorStatus;
import io.cdmf.ipc.sample.sensor.producer.SensorConsumerClient;
import io.cdmf.ipc.sample.sensor.producer.SensorProducer;
import io.cdmf.ipc.sample.sensor.producer.SensorProducerApplication;
import io.cdmf.ipc.sample.sensor.producer.SensorProducerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer and producer applications in this JVM, over a real {@code shm://} ring under a name of their own.
 */
class SensorStreamTests {

	private static final int READINGS = 2_000;

	private final String endpoint = "shm://sensor-test-"
			+ Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL, 36);

	@ParameterizedTest
	@EnumSource(SensorProducerProperties.Mode.class)
	void everyReadingArrivesAndIsReadInPlace(SensorProducerProperties.Mode mode) {
		try (ConfigurableApplicationContext consumer = consumer();
				ConfigurableApplicationContext producer = producer(mode)) {
			SensorProducer sensorProducer = producer.getBean(SensorProducer.class);
			assertThat(sensorProducer.awaitCompletion(Duration.ofSeconds(30))).isTrue();
			assertThat(sensorProducer.getExitCode()).as("no send failed").isZero();
			SensorStatistics.Snapshot received = consumer.getBean(SensorStatistics.class).snapshot();
			assertThat(received.received()).isEqualTo(READINGS);
			assertThat(received.missing()).isZero();
			assertThat(received.outOfOrder()).isZero();
			assertThat(received.lastSequence()).isEqualTo(READINGS - 1);
			assertThat(received.inPlace()).as("inline handlers read shared memory in place").isEqualTo(READINGS);
			SensorStatus status = producer.getBean(SensorConsumerClient.class).getStatus();
			assertThat(status.received()).isEqualTo(READINGS);
			assertThat(status.inPlace()).isEqualTo(READINGS);
		}
	}

	@Test
	void withoutInlineHandlersEachReadingIsACopy() {
		try (ConfigurableApplicationContext consumer = consumer(
				"--cdmf.ipc.server.services.SensorConsumer.inline-handlers=false");
				ConfigurableApplicationContext producer = producer(SensorProducerProperties.Mode.ASYNC)) {
			// Asynchronous sends complete once handled, so at completion the consumer has handled them all.
			assertThat(producer.getBean(SensorProducer.class).awaitCompletion(Duration.ofSeconds(30))).isTrue();
			SensorStatistics.Snapshot received = consumer.getBean(SensorStatistics.class).snapshot();
			assertThat(received.received()).isEqualTo(READINGS);
			assertThat(received.inPlace()).as("copied before the hand-off to a pool thread").isZero();
		}
	}

	private ConfigurableApplicationContext consumer(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--cdmf.ipc.server.services.SensorConsumer.endpoints=" + this.endpoint;
		System.arraycopy(args, 0, all, 1, args.length);
		return SensorConsumerApplication.application().run(all);
	}

	private ConfigurableApplicationContext producer(SensorProducerProperties.Mode mode) {
		return SensorProducerApplication.application()
			.run("--cdmf.ipc.client.services.SensorConsumer.endpoint=" + this.endpoint,
					"--sensor.producer.count=" + READINGS, "--sensor.producer.rate=20000",
					"--sensor.producer.mode=" + mode);
	}

}
