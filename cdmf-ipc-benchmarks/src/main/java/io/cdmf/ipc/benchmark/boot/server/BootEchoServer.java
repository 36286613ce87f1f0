package io.cdmf.ipc.benchmark.boot.server;

import io.cdmf.ipc.benchmark.AppHarness;
import io.cdmf.ipc.benchmark.boot.StartupSteps;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The server application of the {@code boot-*} cases: the starter, one {@link EchoService}, no property but its
 * endpoint (and format) given on the command line by the benchmark, e.g.
 * {@code --cdmf.ipc.server.services.Echo.endpoints=unix:///tmp/echo.sock}. It prints
 * {@value AppHarness#READY} once ready, with Boot's own start-up time; {@link StartupSteps} prints where the start
 * went when asked.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class BootEchoServer {

	/**
	 * Starts the application.
	 * @param args Spring Boot arguments ({@code --key=value} properties)
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BootEchoServer.class);
		// stdout carries the benchmark's marker lines only.
		application.setBannerMode(Banner.Mode.OFF);
		BufferingApplicationStartup steps = StartupSteps.record(application);
		application.run(args);
		StartupSteps.print(steps);
	}

	/**
	 * Tells the benchmark the application serves.
	 * @return the listener
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> benchmarkReady() {
		return (event) -> AppHarness.announceReady(event.getTimeTaken().toMillis());
	}

}
