package io.cdmf.ipc.sample.sensor.producer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The sensor producer: sends readings to {@code shm://cdmf_sensor} (override with
 * {@code --cdmf.ipc.client.services.SensorConsumer.endpoint=shm://other}) at {@code --sensor.producer.rate} per
 * second (10,000 by default), {@code --sensor.producer.mode=one-way} or {@code async}. With
 * {@code --sensor.producer.count=N} it exits after N readings (exit code 1 if a send failed); otherwise it runs until
 * stopped (SIGTERM). Either way it prints a {@code DONE} line with the consumer's status.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@EnableConfigurationProperties(SensorProducerProperties.class)
public class SensorProducerApplication {

	/**
	 * Runs the producer.
	 * @param args Spring Boot arguments, such as {@code --sensor.producer.count=50000}
	 */
	public static void main(String[] args) {
		ConfigurableApplicationContext context = application().run(args);
		SensorProducer producer = context.getBean(SensorProducer.class);
		if (producer.isBounded()) {
			producer.awaitCompletion();
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * Returns the application as {@link #main} runs it, for tests that start it in their own JVM.
	 * @return the application builder
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(SensorProducerApplication.class)
			.properties("spring.config.name=sensor-producer");
	}

	@Bean
	SensorProducer sensorProducer(SensorStreamClient stream, SensorConsumerClient consumer,
			SensorProducerProperties properties) {
		return new SensorProducer(stream, consumer, properties, System.out);
	}

}
