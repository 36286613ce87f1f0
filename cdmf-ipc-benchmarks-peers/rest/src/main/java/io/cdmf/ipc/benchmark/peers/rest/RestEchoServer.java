package io.cdmf.ipc.benchmark.peers.rest;

import java.util.Arrays;

import io.cdmf.ipc.benchmark.AppHarness;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST echo server: {@code POST /echo} answers the {@code application/octet-stream} body it was sent, on
 * Boot's embedded Tomcat on {@code --port}.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@RestController
public class RestEchoServer {

	/**
	 * Starts the application.
	 * @param args {@code --port=N} and any Spring Boot property
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(RestEchoServer.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.run(Arrays.stream(args)
			.map(arg -> arg.startsWith("--port=") ? "--server.port=" + arg.substring(7) : arg)
			.toArray(String[]::new));
	}

	/**
	 * Echoes the body.
	 * @param payload the bytes
	 * @return the same bytes
	 */
	@PostMapping(path = "/echo", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
			produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	byte[] echo(@RequestBody byte[] payload) {
		return payload;
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
