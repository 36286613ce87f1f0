package io.cdmf.ipc.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata of {@code cdmf.ipc.discovery.*} that IDEs complete from: every key with a
 * description, the defaults, and the hints.
 */
class IpcDiscoveryMetadataTests {

	private static final Map<String, JsonNode> properties = new HashMap<>();

	private static final Map<String, JsonNode> hints = new HashMap<>();

	static {
		try (InputStream in = IpcDiscoveryMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			root.get("properties").forEach(property -> properties.put(property.get("name").asString(), property));
			root.get("hints").forEach(hint -> hints.put(hint.get("name").asString(), hint));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "type", "register", "prefer-transport", "advertised-host", "deregistration-delay",
			"embedded.directory", "embedded.poll-interval", "zookeeper.connect-string", "zookeeper.session-timeout",
			"zookeeper.connection-timeout", "zookeeper.base-path", "static.services", "spring-cloud.poll-interval",
			"spring-cloud.service-ids" })
	void everyKeyHasADescription(String key) {
		JsonNode property = properties.get("cdmf.ipc.discovery." + key);
		assertThat(property).as(key).isNotNull();
		assertThat(property.path("description").asString()).as(key).isNotBlank();
	}

	@Test
	void defaultsAreListed() {
		assertThat(properties.get("cdmf.ipc.discovery.type").get("defaultValue").asString()).isEqualTo("embedded");
		assertThat(properties.get("cdmf.ipc.discovery.register").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("cdmf.ipc.discovery.embedded.poll-interval").get("defaultValue").asString())
			.isEqualTo("50ms");
	}

	@Test
	void typeAndPreferTransportHaveHints() {
		assertThat(hints.get("cdmf.ipc.discovery.type").get("values").findValuesAsString("value"))
			.containsExactly("embedded", "zookeeper", "static", "spring-cloud", "none");
		assertThat(hints.get("cdmf.ipc.discovery.prefer-transport").get("values").findValuesAsString("value"))
			.contains("shm", "unix", "grpc", "tcp");
	}

}
