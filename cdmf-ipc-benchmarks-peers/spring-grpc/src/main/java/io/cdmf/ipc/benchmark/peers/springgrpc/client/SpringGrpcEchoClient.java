package io.cdmf.ipc.benchmark.peers.springgrpc.client;

import java.io.IOException;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import io.cdmf.ipc.benchmark.AppHarness;
import io.cdmf.ipc.benchmark.peers.springgrpc.EchoMethod;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The Spring gRPC echo client: one channel from Spring gRPC's {@link GrpcChannelFactory} (the channel {@code echo},
 * {@code static://127.0.0.1:<port>}, plaintext, Spring gRPC's defaults otherwise), shared by every caller making
 * blocking unary calls; runs the benchmark's caller loop, prints the result and exits.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class SpringGrpcEchoClient {

	private static final Logger logger = LoggerFactory.getLogger(SpringGrpcEchoClient.class);

	/**
	 * Starts the application, measures, and exits.
	 * @param args {@code --port=N}
	 */
	public static void main(String[] args) {
		String port = "9090";
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				port = arg.substring(7);
			}
		}
		SpringApplication application = new SpringApplication(SpringGrpcEchoClient.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setWebApplicationType(WebApplicationType.NONE);
		ConfigurableApplicationContext context = application.run("--spring.grpc.server.enabled=false",
				"--spring.grpc.client.channels.echo.address=static://127.0.0.1:" + port);
		int status = 0;
		try {
			ManagedChannel channel = context.getBean(GrpcChannelFactory.class).createChannel("echo");
			AppHarness.runCallers((payload) -> ClientCalls
				.blockingUnaryCall(channel, EchoMethod.ECHO, CallOptions.DEFAULT,
						BytesValue.newBuilder().setValue(ByteString.copyFrom(payload)).build())
				.getValue()
				.toByteArray());
		}
		catch (IOException | RuntimeException ex) {
			logger.error("The benchmark's calls through Spring gRPC failed", ex);
			status = 1;
		}
		int exit = status;
		System.exit(SpringApplication.exit(context, () -> exit));
	}

}
