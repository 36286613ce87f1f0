package io.cdmf.ipc.benchmark.boot.client;

import java.io.IOException;

import io.cdmf.ipc.benchmark.AppHarness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The client application of the {@code boot-*} cases: the starter and one {@link EchoClient}, its endpoint (and
 * format) given on the command line, e.g. {@code --cdmf.ipc.client.services.Echo.endpoint=unix:///tmp/echo.sock}.
 * Once started it runs the benchmark's caller loop on the injected client ({@link AppHarness#runCallers}), prints
 * the result and exits.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class BootEchoClient {

	private static final Logger logger = LoggerFactory.getLogger(BootEchoClient.class);

	/**
	 * Starts the application, measures, and exits: status 0 if every call succeeded.
	 * @param args Spring Boot arguments ({@code --key=value} properties)
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BootEchoClient.class);
		application.setBannerMode(Banner.Mode.OFF);
		ConfigurableApplicationContext context = application.run(args);
		int status = 0;
		try {
			EchoClient client = context.getBean(EchoClient.class);
			AppHarness.runCallers(client::echo);
		}
		catch (IOException | RuntimeException ex) {
			logger.error("The benchmark's calls through the @IpcClient failed", ex);
			status = 1;
		}
		int exit = status;
		System.exit(SpringApplication.exit(context, () -> exit));
	}

}
