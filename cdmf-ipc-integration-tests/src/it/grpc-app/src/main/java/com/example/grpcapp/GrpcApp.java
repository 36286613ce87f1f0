package com.example.grpcapp;

import io.cdmf.ipc.spring.annotation.IpcClient;
import io.cdmf.ipc.spring.annotation.IpcService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves {@link Echo} on grpc:// and calls it through an {@code @IpcClient} that names no endpoint: the client finds
 * the service by name in the registry.
 */
@SpringBootApplication
public class GrpcApp {

	public static void main(String[] args) {
		SpringApplication.run(GrpcApp.class, args);
	}

	/** The contract. */
	public interface Echo {

		String echo(String text);

	}

	/** The service, on a free port. */
	@IpcService(name = "Echo", version = "1.0.0", endpoints = "grpc://127.0.0.1:0")
	public static class EchoService implements Echo {

		@Override
		public String echo(String text) {
			return "echo: " + text;
		}

	}

	/** The client: no endpoint, found by name and version. */
	@IpcClient(service = "Echo", version = "1.0")
	public interface EchoClient extends Echo {

	}

}
