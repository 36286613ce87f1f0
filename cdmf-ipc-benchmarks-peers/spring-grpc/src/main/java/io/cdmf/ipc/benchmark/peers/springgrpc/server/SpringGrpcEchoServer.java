package io.cdmf.ipc.benchmark.peers.springgrpc.server;

import java.util.Arrays;

import com.google.protobuf.BytesValue;
import io.cdmf.ipc.benchmark.AppHarness;
import io.cdmf.ipc.benchmark.boot.StartupSteps;
import io.cdmf.ipc.benchmark.peers.springgrpc.EchoMethod;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The Spring gRPC echo server: Spring gRPC's server starter serving one {@link BindableService} bean on
 * {@code --port} (its {@code spring.grpc.server.port}), Spring gRPC's defaults otherwise. Prints
 * {@value AppHarness#READY} once ready, as the starter's server application does.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class SpringGrpcEchoServer {

	/**
	 * Starts the application.
	 * @param args {@code --port=N} and any Spring Boot property
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SpringGrpcEchoServer.class);
		application.setBannerMode(Banner.Mode.OFF);
		BufferingApplicationStartup steps = StartupSteps.record(application);
		application.run(Arrays.stream(args)
			.map(arg -> arg.startsWith("--port=") ? "--spring.grpc.server.port=" + arg.substring(7) : arg)
			.toArray(String[]::new));
		StartupSteps.print(steps);
	}

	/**
	 * The echo service.
	 * @return the service
	 */
	@Bean
	BindableService echoService() {
		return () -> ServerServiceDefinition.builder("cdmf.bench.Echo")
			.addMethod(EchoMethod.ECHO, ServerCalls.<BytesValue, BytesValue>asyncUnaryCall((request, response) -> {
				response.onNext(request);
				response.onCompleted();
			}))
			.build();
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
