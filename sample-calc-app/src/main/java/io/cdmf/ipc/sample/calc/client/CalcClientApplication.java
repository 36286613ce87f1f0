package io.cdmf.ipc.sample.calc.client;

import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.sample.calc.proto.Note;
import io.cdmf.ipc.sample.calc.proto.Operands;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * The calculator client: calls every kind of method once, prints the results and exits.
 */
@SpringBootApplication
public class CalcClientApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(new SpringApplicationBuilder(CalcClientApplication.class)
			.properties("spring.config.name=calc-client").run(args)));
	}

	@Bean
	ApplicationRunner calculate(CalculatorClient calculator) {
		return args -> {
			System.out.println("add(20, 22)      = " + calculator.add(operands(20, 22)).getValue());
			System.out.println("multiply(6, 7)   = " + calculator.multiply(operands(6, 7)).getValue());
			System.out.println("divide(84, 2)    = " + calculator.divide(operands(84, 2)).getValue());
			try {
				calculator.divide(operands(1, 0));
			}
			catch (RemoteIpcException ex) {
				System.out.println("divide(1, 0)     failed remotely: " + ex.getErrorCode() + " - " + ex.getMessage());
			}
			System.out.println("power(2, 10)     = " + calculator.power(operands(2, 10)).join().getValue() + " (async)");
			calculator.log(Note.newBuilder().setText("hello from the client").build());
			System.out.println("log(...)         sent one-way");
		};
	}

	private static Operands operands(long a, long b) {
		return Operands.newBuilder().setA(a).setB(b).build();
	}

}
