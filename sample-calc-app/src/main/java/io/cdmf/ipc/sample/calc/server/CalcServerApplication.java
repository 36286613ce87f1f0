package io.cdmf.ipc.sample.calc.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * The calculator server: serves {@link CalculationService} and prints {@code READY <actuator url>} when up.
 */
@SpringBootApplication
public class CalcServerApplication {

	public static void main(String[] args) {
		new SpringApplicationBuilder(CalcServerApplication.class).properties("spring.config.name=calc-server").run(args);
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		System.out.println("READY http://localhost:" + environment.getProperty("local.server.port") + "/actuator/ipc");
	}

}
