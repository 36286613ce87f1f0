package io.cdmf.ipc.sample.sensor.consumer;

import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The sensor consumer: serves {@code SensorConsumer} over {@code shm://cdmf_sensor} (override with
 * {@code --cdmf.ipc.server.services.SensorConsumer.endpoints=shm://other}), prints {@code READY <endpoints>} when it
 * serves, a {@code RATE} line every second while readings arrive, and a {@code TOTAL} line when stopped (SIGTERM).
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class SensorConsumerApplication {

	/**
	 * Runs the consumer until the process is stopped.
	 * @param args Spring Boot arguments, such as {@code --cdmf.ipc.server.services.SensorConsumer.endpoints=...}
	 */
	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * Returns the application as {@link #main} runs it, for tests that start it in their own JVM.
	 * @return the application builder
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(SensorConsumerApplication.class)
			.properties("spring.config.name=sensor-consumer");
	}

	@Bean
	SensorStatistics sensorStatistics() {
		return new SensorStatistics();
	}

	@Bean
	SensorReporter sensorReporter(SensorStatistics statistics) {
		return new SensorReporter(statistics, System.out);
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		IpcServerLifecycle server = event.getApplicationContext().getBean(IpcServerLifecycle.class);
		server.getService("SensorConsumer")
			.ifPresent(service -> System.out.println("READY " + service.stub().getBoundEndpoints()));
	}

}
