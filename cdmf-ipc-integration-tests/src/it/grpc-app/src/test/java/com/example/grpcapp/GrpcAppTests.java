package com.example.grpcapp;

import java.io.File;
import java.util.Arrays;
import java.util.List;

import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application starts (no NoClassDefFoundError from an old protobuf-java) and calls itself over grpc://.
 */
@SpringBootTest(properties = "cdmf.ipc.discovery.embedded.directory=${java.io.tmpdir}/grpc-app-registry-${random.uuid}")
class GrpcAppTests {

	@Autowired
	private GrpcApp.EchoClient client;

	@Autowired
	private IpcServerLifecycle server;

	@Test
	void servesAndCallsOverGrpc() {
		assertThat(this.server.getService("Echo").orElseThrow().stub().getBoundEndpoints().get(0))
			.startsWith("grpc://127.0.0.1:");
		assertThat(this.client.echo("hi")).isEqualTo("echo: hi");
	}

	@Test
	void getsTheProtobufJavaThatCdmfIpcGrpcNames() {
		// Not grpc-protobuf's protobuf-java 3.25.x, nor grpc-services' protobuf-java-util 3.25.x.
		String version = System.getProperty("expected.protobuf.version");
		List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> new File(entry).getName())
			.filter((name) -> name.startsWith("protobuf-java"))
			.sorted()
			.toList();
		assertThat(jars).containsExactly("protobuf-java-" + version + ".jar", "protobuf-java-util-" + version + ".jar");
	}

}
