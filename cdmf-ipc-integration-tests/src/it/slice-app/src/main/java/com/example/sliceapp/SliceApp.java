package com.example.sliceapp;

import io.cdmf.ipc.spring.annotation.IpcClient;
import io.cdmf.ipc.spring.annotation.IpcService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A service on a Unix socket, a client that names no endpoint, and a component that is not an IPC bean.
 */
@SpringBootApplication
public class SliceApp {

	public static void main(String[] args) {
		SpringApplication.run(SliceApp.class, args);
	}

	/** The contract. */
	public interface Greeter {

		String greet(String name);

	}

	/** The service; @IpcTest replaces its endpoint by an inproc:// one. */
	@IpcService(name = "Greeter", version = "1.0.0", endpoints = "unix:///tmp/slice-app-greeter.sock")
	public static class GreeterService implements Greeter {

		@Override
		public String greet(String name) {
			return "Hello, " + name;
		}

	}

	/** The client: no endpoint, reaches the service by name. */
	@IpcClient(service = "Greeter", version = "1.0")
	public interface GreeterClient extends Greeter {

	}

}
