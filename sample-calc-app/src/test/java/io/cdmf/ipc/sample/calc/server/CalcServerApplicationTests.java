package io.cdmf.ipc.sample.calc.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.sample.calc.Calculator;
import io.cdmf.ipc.sample.calc.proto.Operands;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The server application on a random HTTP port and a temporary socket: calls over {@code unix://}, then reads
 * {@code /actuator/ipc} and {@code /actuator/health} over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,ipc",
				"management.endpoint.health.show-details=always" })
class CalcServerApplicationTests {

	private static final String ENDPOINT = endpoint();

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@DynamicPropertySource
	static void endpoint(DynamicPropertyRegistry registry) {
		registry.add("cdmf.ipc.server.services.CalculationService.endpoints", () -> ENDPOINT);
	}

	private static String endpoint() {
		try {
			return "unix://" + Files.createTempDirectory(Path.of("/tmp"), "calc-").resolve("calc.sock");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void shouldServeCalculatorAndReportItOverHttp() throws Exception {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.custom(ENDPOINT).serviceName("CalculationService")
			.format(SerializationFormat.PROTOBUF).build())) {
			Calculator calculator = IpcBinding.createClient(Calculator.class, proxy, SerializationFormat.PROTOBUF);
			assertThat(calculator.add(operands(20, 22)).getValue()).isEqualTo(42);
			assertThat(calculator.power(operands(2, 10)).join().getValue()).isEqualTo(1024);
			assertThatExceptionOfType(RemoteIpcException.class).isThrownBy(() -> calculator.divide(operands(1, 0)))
				.withMessageContaining("ArithmeticException: division by zero");
		}
		JsonNode ipc = get("/actuator/ipc");
		JsonNode service = ipc.get("services").get(0);
		assertThat(service.get("name").asString()).isEqualTo("CalculationService");
		assertThat(service.get("version").asString()).isEqualTo("1.0.0");
		assertThat(service.get("serialization").asString()).isEqualTo("PROTOBUF");
		assertThat(service.get("endpoints").get(0).asString()).isEqualTo(ENDPOINT);
		assertThat(service.get("running").asBoolean()).isTrue();
		assertThat(service.get("stats").get("methods").get("add").get("calls").asLong()).isEqualTo(1);
		assertThat(service.get("stats").get("errors").asLong()).isEqualTo(1);
		assertThat(get("/actuator/ipc/CalculationService").get("services").size()).isEqualTo(1);
		JsonNode health = get("/actuator/health");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("ipc").get("status").asString()).isEqualTo("UP");
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static Operands operands(long a, long b) {
		return Operands.newBuilder().setA(a).setB(b).build();
	}

}
