package io.cdmf.ipc.sample.sensor;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.sample.sensor.consumer.SensorConsumerApplication;
import io.cdmf.ipc.sample.sensor.consumer.SensorStatistics;
import io.cdmf.ipc.sample.sensor.producer.SensorProducerApplication;
import io.cdmf.ipc.testsupport.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer application in this JVM, the producer application in a second one, over {@code shm://} under a name
 * of their own: every reading arrives, in order, read in place.
 */
class SensorCrossProcessTests {

	private static final int READINGS = 20_000;

	@Test
	@Timeout(120)
	void producerProcessStreamsReadingsToConsumerProcessWithoutLoss() {
		String endpoint = "shm://sensor-xp-" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL, 36);
		try (ConfigurableApplicationContext consumer = SensorConsumerApplication.application()
			.run("--cdmf.ipc.server.services.SensorConsumer.endpoints=" + endpoint)) {
			try (ForkedJvm producer = ForkedJvm.start(SensorProducerApplication.class,
					"--cdmf.ipc.client.services.SensorConsumer.endpoint=" + endpoint,
					"--sensor.producer.count=" + READINGS, "--sensor.producer.rate=20000")) {
				String done = producer.awaitLine("DONE", Duration.ofSeconds(90));
				assertThat(done).contains("sent 20,000 readings", "failed 0",
						"consumer: received 20,000 missing 0 out of order 0 read in place 20,000");
				assertThat(producer.waitFor(Duration.ofSeconds(30))).as("the producer exits once done").isTrue();
				assertThat(producer.onExit().join().exitValue()).isZero();
			}
			SensorStatistics.Snapshot received = consumer.getBean(SensorStatistics.class).snapshot();
			assertThat(received.received()).isEqualTo(READINGS);
			assertThat(received.missing()).isZero();
			assertThat(received.outOfOrder()).isZero();
			assertThat(received.inPlace()).isEqualTo(READINGS);
			assertThat(received.lastSequence()).isEqualTo(READINGS - 1);
		}
	}

}
