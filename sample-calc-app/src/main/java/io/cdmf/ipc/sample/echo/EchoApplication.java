package io.cdmf.ipc.sample.echo;

import io.cdmf.ipc.spring.annotation.IpcClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EchoApplication {
	public static void main(String[] args) {
		SpringApplication.run(EchoApplication.class, args);
	}

	@IpcClient(endpoint = "unix:///tmp/echo.sock")
	interface EchoClient extends Echo {
	}
}
