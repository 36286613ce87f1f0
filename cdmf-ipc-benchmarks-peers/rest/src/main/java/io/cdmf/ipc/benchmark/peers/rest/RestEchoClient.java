package io.cdmf.ipc.benchmark.peers.rest;

import java.io.IOException;

import io.cdmf.ipc.benchmark.AppHarness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The REST echo client: one {@link RestClient} (Spring's default request factory) shared by every caller, each
 * {@code POST}ing the payload to {@code http://127.0.0.1:<port>/echo}; runs the benchmark's caller loop, prints the
 * result and exits.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class RestEchoClient {

	private static final Logger logger = LoggerFactory.getLogger(RestEchoClient.class);

	/**
	 * Starts the application, measures, and exits.
	 * @param args {@code --port=N}
	 */
	public static void main(String[] args) {
		String port = "8080";
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				port = arg.substring(7);
			}
		}
		SpringApplication application = new SpringApplication(RestEchoClient.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setWebApplicationType(WebApplicationType.NONE);
		ConfigurableApplicationContext context = application.run();
		int status = 0;
		try {
			RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
			AppHarness.runCallers((payload) -> client.post()
				.uri("/echo")
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body(payload)
				.retrieve()
				.body(byte[].class));
		}
		catch (IOException | RuntimeException ex) {
			logger.error("The benchmark's calls over REST failed", ex);
			status = 1;
		}
		int exit = status;
		System.exit(SpringApplication.exit(context, () -> exit));
	}

}
